import type { Credential, JobPosting } from '../../taxonomy/model/types.ts';
import type { SkillProfile } from '../profile/types.ts';

export type GapDimension = 'skill' | 'group' | 'occupation' | 'month';

/** Half-open window of posting dates [from, to), ISO 8601 dates. */
export interface TimeWindow {
  readonly from: string;
  readonly to: string;
}

export interface GapInput {
  /** The people whose supply is measured. */
  readonly cohort: readonly SkillProfile[];
  /** Postings; only those dated inside the window count. */
  readonly postings: readonly JobPosting[];
  readonly window: TimeWindow;
}

/** One cell of the gap matrix. Supply fields are null with `suppressed: true` under k-anonymity. */
export interface GapRow {
  /** Skill id, group id, occupation id, or `<skill id>@<YYYY-MM>` for months. */
  readonly key: string;
  readonly label: string;
  /** 'YYYY-MM' for the month dimension, else null. */
  readonly month: string | null;
  /** Share of postings (in the window / month) requiring it. */
  readonly demand: number;
  readonly demandCount: number;
  readonly postings: number;
  /** Share of the cohort covering it (coverage ≥ threshold). */
  readonly supply: number | null;
  /** …covering it with verified evidence. */
  readonly verifiedSupply: number | null;
  /** …covering it only with unverified / claimed evidence. */
  readonly claimedSupply: number | null;
  readonly supplyCount: number | null;
  readonly cohortSize: number;
  /** demand − supply (positive = shortage), null when suppressed. */
  readonly gap: number | null;
  readonly suppressed: boolean;
}

export interface TrendPoint {
  readonly month: string;
  /** count / postings; null when the month has no postings (missing data, not 0%). */
  readonly share: number | null;
  readonly count: number;
  readonly postings: number;
}

export interface SkillTrend {
  readonly skillId: string;
  readonly label: string;
  readonly series: readonly TrendPoint[];
  /** Least-squares slope of the monthly share, per month, over the months that have postings (0 with fewer than 2). */
  readonly slope: number;
  readonly direction: 'rising' | 'falling' | 'flat';
}

export interface WhatIfInput extends GapInput {
  readonly credential: Credential;
  /** How many people of the cohort earn it (the N with the highest demand-weighted gain, ties by id). */
  readonly count: number;
  readonly by?: GapDimension;
}

export interface WhatIfResult {
  readonly credentialId: string;
  readonly chosen: readonly string[];
  readonly before: readonly GapRow[];
  readonly after: readonly GapRow[];
}
