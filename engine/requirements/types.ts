import type { Requirement } from '../../taxonomy/model/types.ts';

export type RequirementOrigin = 'posting' | 'esco' | 'onet' | 'stored';

/** A requirement with where it came from (a plain `Requirement` plus explanation fields). */
export interface ProfileRequirement extends Requirement {
  readonly origins: readonly RequirementOrigin[];
  /** O*NET importance IM (1–5) when it came from O*NET. */
  readonly importance: number | null;
  /** O*NET level LV (0–7) when known (kept for display; fit does not use it). */
  readonly level: number | null;
  /** Link confidence when it came from a posting. */
  readonly confidence: number | null;
  /** The sentence / field the posting stated it in. */
  readonly source: string | null;
}

/** A role's requirement profile: a `RoleLike` the fit scorer and the ranking index accept. */
export interface RequirementProfile {
  readonly id: string;
  readonly title: string;
  readonly occupationId: string | null;
  readonly postingId: string | null;
  /** Weight descending, ties by skill id. */
  readonly requirements: readonly ProfileRequirement[];
}
