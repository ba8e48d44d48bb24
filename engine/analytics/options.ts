import { AnalyticsError, AnalyticsErrorCode } from './errors.ts';

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

function check(name: string, v: unknown, min: number, max: number, integer = false): void {
  if (typeof v !== 'number' || Number.isNaN(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new AnalyticsError(AnalyticsErrorCode.InvalidOption, `invalid ${name}: ${String(v)}`);
  }
}

export function resolveAnalyticsOptions(o: AnalyticsOptions = {}): ResolvedAnalyticsOptions {
  const out = { ...DEFAULT_ANALYTICS_OPTIONS, ...o };
  check('k', out.k, 1, 1e6, true);
  check('coverageThreshold', out.coverageThreshold, 0, 1);
  check('occupationShare', out.occupationShare, 0, 1);
  check('minLinkConfidence', out.minLinkConfidence, 0, 1);
  check('groupLevel', out.groupLevel, 0, 10, true);
  check('trendEpsilon', out.trendEpsilon, 0, 1);
  check('earnedStrength', out.earnedStrength, 0, 1);
  return Object.freeze(out);
}
