import type { Credential } from '../../taxonomy/model/types.ts';
import type { RoleLike } from '../fit/types.ts';
import type { SkillProfile } from '../profile/types.ts';

export interface RecommendInput {
  readonly role: RoleLike;
  readonly profile: SkillProfile;
  /** The credential catalogue to choose from (held ones are skipped). */
  readonly catalogue: readonly Credential[];
  /** Credential ids the candidate already holds (their awards). */
  readonly held: Iterable<string>;
  /**
   * Credibility level per credential id (engine/value/issuer-credibility.ts `credibilityLevel`): 2 = verified
   * issuer with recognition stated, 1 = verified issuer, 0 = otherwise; absent ids are 0. At the same value, a
   * credential of a higher level ranks first, and a pathway never takes a credential of a lower level where an
   * equivalent of a higher level costs no more (issue 20; docs/design-choices.md).
   */
  readonly credibility?: ReadonlyMap<string, CredibilityLevel>;
}

/** 2 = verified issuer with recognition stated, 1 = verified issuer, 0 = otherwise. */
export type CredibilityLevel = 0 | 1 | 2;

/** A requirement whose coverage a step raises. */
export interface GapChange {
  readonly skillId: string;
  readonly weight: number;
  readonly before: number;
  readonly after: number;
}

export interface Recommendation {
  readonly credentialId: string;
  readonly name: string;
  /** Fit points gained (Σ w_j Δcoverage_j / Σ w_j). */
  readonly gain: number;
  readonly cost: number;
  readonly hours: number;
  /** Combined cost units (moneyWeight × USD + hourWeight × hours, at least minCost). */
  readonly costUnits: number;
  /** Stacks (isPartOf) this credential progresses, which the candidate has started. */
  readonly progressesStacks: readonly string[];
  /** (gain + stack bonus) / cost units — what the list is sorted by. */
  readonly value: number;
  readonly closes: readonly GapChange[];
  /** The credential's credibility level (RecommendInput.credibility): the tie-break at equal value. */
  readonly credibility: CredibilityLevel;
  /** How the credential came to its rank: value, and credibility where it decided against an equivalent. */
  readonly explanation: string;
}

export type PathwayStrategy = 'best' | 'cheapest' | 'fastest';

export interface PathwayStep {
  readonly credentialId: string;
  readonly name: string;
  readonly cost: number;
  readonly hours: number;
  readonly fitBefore: number;
  readonly fitAfter: number;
  readonly closes: readonly GapChange[];
  /** Credentials whose prerequisites become all satisfied by this step. */
  readonly unlocks: readonly string[];
  /** Stacks all of whose parts are held after this step. */
  readonly stacksCompleted: readonly string[];
}

export interface Pathway {
  readonly strategy: PathwayStrategy;
  /** 'exact' (branch and bound) or 'greedy' (gain per cost with the best-single check). */
  readonly method: 'exact' | 'greedy';
  readonly steps: readonly PathwayStep[];
  readonly totalCost: number;
  readonly totalHours: number;
  readonly fitBefore: number;
  readonly fitAfter: number;
  readonly reachedTarget: boolean;
}

export interface PathwayQuery {
  /**
   * Weighted-coverage fit to reach, in (0, 1]; default: relative to what the catalogue can reach within
   * budget (`targetShare` of the way from fitBefore to `reachableFit`), so the default is reachable.
   */
  readonly targetFit?: number;
  /** Money budget in USD; default unlimited. */
  readonly budgetUsd?: number;
  /** Effort budget in hours; default unlimited. */
  readonly budgetHours?: number;
}

export interface PathwayResult {
  readonly roleId: string;
  readonly candidateId: string;
  readonly targetFit: number;
  /** How the target was set: 'given' in the query, or 'reachable' (targetShare of the reachable gain). */
  readonly targetFrom: 'given' | 'reachable';
  readonly fitBefore: number;
  /** The highest fit the catalogue reaches within budget (earning every credential that helps). */
  readonly reachableFit: number;
  /** Highest fit (capped at the target) within budget, cheapest in combined cost on ties. */
  readonly best: Pathway;
  /** Lowest money reaching the target within budget; null when the target is out of reach. */
  readonly cheapest: Pathway | null;
  /** Fewest hours reaching the target within budget; null when out of reach. */
  readonly fastest: Pathway | null;
  /** Credentials that could raise fit (after pruning), and whether exact search was used. */
  readonly considered: number;
}
