import type { Requirement } from '../../../taxonomy/model/types.ts';

/** What every signal sees about the role (computed once per role). */
export interface RoleContext {
  readonly requirements: readonly Requirement[];
  /** Σ w_j (> 0). */
  readonly totalWeight: number;
  /** Σ w_j over essential requirements (0 when none). */
  readonly essentialWeight: number;
  readonly essentialThreshold: number;
}

/** One requirement of one candidate: its coverage, all and verified-only. */
export interface RequirementContext {
  readonly role: RoleContext;
  readonly index: number;
  readonly requirement: Requirement;
  readonly coverage: number;
  readonly verifiedCoverage: number;
  /** Whatever `initialize` returned for this role (undefined without `initialize`). */
  readonly state: unknown;
}

/**
 * A ranking signal (STYLE.md §5): its value for a (candidate, role) pair is the sum of `score` over
 * the role's requirements. Keeping signals additive over requirements is what lets the ranking index
 * accumulate them posting by posting and still equal the fit scorer exactly.
 */
export interface FitSignal {
  readonly name: string;
  /** Weight used when `FitOptions.signalWeights` does not name this signal. */
  readonly defaultWeight: number;
  /** Called once per role; the result is passed back as `ctx.state`. */
  initialize?(role: RoleContext): unknown;
  /** This requirement's share of the signal. Must be a pure function of ctx. */
  score(ctx: RequirementContext): number;
}
