import { integerIn, numberIn } from '../../taxonomy/model/option-check.ts';
import { checkAnalyticsOption } from './errors.ts';

/** Options of `createGapAnalytics`; every field optional, checked once. */
export interface AnalyticsOptions {
  /** k-anonymity: aggregates over fewer than k people are suppressed; default 5. */
  readonly k?: number;
  /**
   * A person covers (holds) a skill when coverage ≥ this; default 0.3: any award of a credential teaching
   * it, or a confident self-claim (self-claimed evidence weighs 0.35), counts — the verified / claimed
   * split says which. At 0.5 no self-claimed skill was ever held, so a cohort built from CVs had no supply.
   */
  readonly coverageThreshold?: number;
  /**
   * A person supplies an occupation when they hold at least this share of the weight of its essential
   * requirements (all requirements when it marks none); default 0.25 (ESCO lists 10–100 essential
   * skills per occupation; a CV names a fraction of them).
   */
  readonly occupationShare?: number;
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
  coverageThreshold: 0.3,
  occupationShare: 0.25,
  minLinkConfidence: 0.5,
  groupLevel: 1,
  trendEpsilon: 0.005,
  earnedStrength: 0.6,
});

const RULES = {
  k: integerIn(1, 1e6),
  coverageThreshold: numberIn(0, 1),
  occupationShare: numberIn(0, 1),
  minLinkConfidence: numberIn(0, 1),
  groupLevel: integerIn(0, 10),
  trendEpsilon: numberIn(0, 1),
  earnedStrength: numberIn(0, 1),
};

export function resolveAnalyticsOptions(o: AnalyticsOptions = {}): ResolvedAnalyticsOptions {
  return checkAnalyticsOption.all(DEFAULT_ANALYTICS_OPTIONS, o, RULES);
}
