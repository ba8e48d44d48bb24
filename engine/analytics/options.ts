import { integerIn, numberIn } from '../../taxonomy/model/option-check.ts';
import { checkAnalyticsOption } from './errors.ts';

/** Options of `createGapAnalytics`; every field optional, checked once. */
export interface AnalyticsOptions {
  /** k-anonymity: aggregates over fewer than k people are suppressed; default 5. */
  readonly k?: number;
  /** A person covers a skill when coverage ≥ this (and an occupation when fit ≥ this); default 0.5. */
  readonly coverageThreshold?: number;
  /** Posting skill links below this confidence do not count as demand; default 0.5. */
  readonly minLinkConfidence?: number;
  /** Skill-group level to roll up to (0 = top of the hierarchy); default 1. */
  readonly groupLevel?: number;
  /** |slope| (share per month) below this is 'flat'; default 0.005. */
  readonly trendEpsilon?: number;
  /** Strength of a credential's skills for people who earn it in a what-if; default 0.6 (unverified award). */
  readonly earnedStrength?: number;
}

export type ResolvedAnalyticsOptions = Required<AnalyticsOptions>;

export const DEFAULT_ANALYTICS_OPTIONS: ResolvedAnalyticsOptions = Object.freeze({
  k: 5,
  coverageThreshold: 0.5,
  minLinkConfidence: 0.5,
  groupLevel: 1,
  trendEpsilon: 0.005,
  earnedStrength: 0.6,
});

const RULES = {
  k: integerIn(1, 1e6),
  coverageThreshold: numberIn(0, 1),
  minLinkConfidence: numberIn(0, 1),
  groupLevel: integerIn(0, 10),
  trendEpsilon: numberIn(0, 1),
  earnedStrength: numberIn(0, 1),
};

export function resolveAnalyticsOptions(o: AnalyticsOptions = {}): ResolvedAnalyticsOptions {
  return checkAnalyticsOption.all(DEFAULT_ANALYTICS_OPTIONS, o, RULES);
}
