import type { SkillProfile } from '../profile/types.ts';

// The data behind a ranking index, in its own file so that ranking-index.ts (which builds and reads it)
// and index-changes.ts (which derives a changed copy) both import it without importing each other.

/** Postings grouped by skill (skill s: start[s]..start[s+1]), candidate ordinals ascending within a skill. */
export interface Postings {
  readonly start: Int32Array;
  readonly cand: Int32Array;
  readonly strength: Float32Array;
  readonly verified: Uint8Array;
}

/**
 * The typed arrays behind an index, immutable once built. `withChanges` shares the base postings and adds
 * a small segment for the candidates changed since (`extra`), with `remap` renumbering the base.
 */
export interface IndexData {
  /** Candidate ids in ordinal (id) order. */
  readonly ids: readonly string[];
  /** Profiles by ordinal, or null when the index looks them up with `profileOf`. */
  readonly profiles: readonly SkillProfile[] | null;
  /** Skill id → skill ordinal (the base postings may know fewer skills than this). */
  readonly skillOrd: ReadonlyMap<string, number>;
  /** Postings of the candidates as of the last full build or compaction, by base ordinal. */
  readonly base: Postings;
  /** Profiles by base ordinal (null with `profileOf`). */
  readonly baseProfiles: readonly SkillProfile[] | null;
  /** Base ordinal → ordinal, −1 for a candidate changed or removed since; null when base = current. */
  readonly remap: Int32Array | null;
  /** Postings of the candidates changed or added since the base (ordinals), null when none. */
  readonly extra: Postings | null;
  /** Those candidates' profiles, by id. */
  readonly extraProfiles: ReadonlyMap<string, SkillProfile>;
  /** Organisation → ordinals (ascending, unique) of the candidates who shared with it. */
  readonly byOrg: ReadonlyMap<string, Int32Array>;
  /** See `RankingIndexOptions.compactAfter`. */
  readonly compactAfter: number;
}
