import { either, integerIn, numberAbove, numberIn, oneOf } from '../../taxonomy/model/option-check.ts';
import { checkRecommendOption } from './errors.ts';

/** Options of `createRecommender`; every field optional, checked once. */
export interface RecommendOptions {
  /**
   * Strength of a skill from a credential once earned, before link confidence: an earned, not yet
   * verified award (the profile builder's 'unverified' weight); default 0.6.
   */
  readonly earnedStrength?: number;
  /** Cost units per USD; default 1. */
  readonly moneyWeight?: number;
  /** Cost units per hour of effort (a value of learner time); default 20. */
  readonly hourWeight?: number;
  /**
   * Price assumed when a credential's cost is unknown (USD), or 'median' of the catalogue's known
   * prices (default): counting unknown as free would put every unpriced course first.
   */
  readonly unknownCost?: number | 'median';
  /** Hours assumed when a credential's duration is unknown, or 'median' of the known ones (default). */
  readonly unknownHours?: number | 'median';
  /** Fit points added to a credential's gain when it progresses a stack the candidate has started; default 0.02. */
  readonly stackBonus?: number;
  /**
   * Floor on gain (fit points, 0–1): a credential raising fit by less is not recommended, and not
   * considered for pathways (a $0 badge worth +0.005 is noise, not advice); default 0.01.
   */
  readonly minGain?: number;
  /**
   * Default pathway target when the query names none: fitBefore + targetShare × (the fit the catalogue
   * can reach within budget − fitBefore); default 0.8. An earned credential counts at `earnedStrength`,
   * so an absolute target such as 0.8 or 1 is often out of reach of any catalogue.
   */
  readonly targetShare?: number;
  /** Floor of a cost in cost units (so free credentials rank by gain); default 1. */
  readonly minCost?: number;
  /** Exact search when the pruned candidate set has at most this many credentials (0–24); default 20. */
  readonly exactLimit?: number;
}

export type ResolvedRecommendOptions = Required<RecommendOptions>;

export const DEFAULT_RECOMMEND_OPTIONS: ResolvedRecommendOptions = Object.freeze({
  earnedStrength: 0.6,
  moneyWeight: 1,
  hourWeight: 20,
  unknownCost: 'median',
  unknownHours: 'median',
  stackBonus: 0.02,
  minGain: 0.01,
  targetShare: 0.8,
  minCost: 1,
  exactLimit: 20,
});

const RULES = {
  earnedStrength: numberIn(0, 1),
  moneyWeight: numberIn(0, 1e6),
  hourWeight: numberIn(0, 1e6),
  unknownCost: either(oneOf('median'), numberIn(0, 1e9)),
  unknownHours: either(oneOf('median'), numberIn(0, 1e6)),
  stackBonus: numberIn(0, 1),
  minGain: numberIn(0, 1),
  targetShare: numberAbove(0, 1),
  minCost: numberAbove(0, 1e9),
  exactLimit: integerIn(0, 24),
};

export function resolveRecommendOptions(o: RecommendOptions = {}): ResolvedRecommendOptions {
  return checkRecommendOption.all(DEFAULT_RECOMMEND_OPTIONS, o, RULES);
}
