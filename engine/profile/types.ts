/**
 * Types of the candidate skill profile (DESIGN.md §1, §4): per skill a strength in [0, 1] and the
 * evidence chain behind it. Plain data; the builder is in `build-profile.ts`.
 */
import type { Award, Candidate, Credential, SkillLink, VerificationStatus } from '../../taxonomy/model/types.ts';

export type EvidenceKind = 'award' | 'claim' | 'experience';

/** One piece of evidence that a candidate has a skill, with every factor that made its confidence. */
export interface Evidence {
  /** Stable id within the profile: `award:<awardId>`, `claim:<i>` or `experience:<i>` (i = input index). */
  readonly id: string;
  readonly kind: EvidenceKind;
  readonly skillId: string;
  readonly awardId: string | null;
  readonly credentialId: string | null;
  /** Issuer of the credential (award evidence), null otherwise. */
  readonly issuerId: string | null;
  /** ISO date the award was issued, null for claims and experience. */
  readonly issuedOn: string | null;
  /** The sentence or field path the skill link came from (`SkillLink.provenance.source`). */
  readonly source: string;
  /** Character span [start, end) in `source`, when linked from text. */
  readonly span: readonly [number, number] | null;
  /** Verification status as used for weighting (an award past `expiresOn` counts as 'expired'). */
  readonly verification: VerificationStatus;
  /** Confidence of the skill link itself, in [0, 1]. */
  readonly linkConfidence: number;
  /** verification × issuerTrust × recency × linkConfidence, in [0, 1]. */
  readonly confidence: number;
  /** The factors multiplied into `confidence`: verification, issuerTrust, recency, linkConfidence. */
  readonly factors: Readonly<Record<string, number>>;
}

export interface ProfileSkill {
  readonly skillId: string;
  /** Combined strength in [0, 1] (see `ProfileOptions.combine`). */
  readonly strength: number;
  /** Best first: confidence descending, ties by evidence id. */
  readonly evidence: readonly Evidence[];
}

export interface SkillProfile {
  readonly candidateId: string;
  /** The `now` the profile was computed at (ISO 8601). */
  readonly asOf: string;
  /** Iteration order: strength descending, ties by skill id. */
  readonly skills: ReadonlyMap<string, ProfileSkill>;
}

/** Weight of each verification status, each in [0, 1]. */
export type VerificationWeights = Readonly<Record<VerificationStatus, number>>;

/** Options of `createProfileBuilder`; every field optional, checked once. */
export interface ProfileOptions {
  /** Overrides of the default verification weights (see `DEFAULT_VERIFICATION_WEIGHTS`). */
  readonly verificationWeights?: Partial<VerificationWeights>;
  /** Issuer id -> trust in [0, 1]; issuers not listed get `defaultIssuerTrust`. */
  readonly issuerTrust?: Readonly<Record<string, number>>;
  /** Trust of issuers not in `issuerTrust`, in [0, 1]; default 1. */
  readonly defaultIssuerTrust?: number;
  /** Recency half-life in years (> 0, or Infinity for no decay); default 5. */
  readonly halfLifeYears?: number;
  /**
   * How evidence combines into strength. 'noisy-or' (default): 1 − Π(1 − c) over independent sources,
   * where each award is one source and all self-stated evidence (claims + experience) together is one
   * source counted at its best. 'max': the best single evidence.
   */
  readonly combine?: 'noisy-or' | 'max';
}

/** What the builder needs for one candidate. */
export interface ProfileInput {
  readonly candidate: Candidate;
  /** The candidate's awards (each `candidateId` must equal `candidate.id`). */
  readonly awards: readonly Award[];
  /** Credentials of those awards (more is fine), by id or as a list. */
  readonly credentials: ReadonlyMap<string, Credential> | readonly Credential[];
  /** Skill links found in `candidate.experience` by the linker; default none. */
  readonly experienceLinks?: readonly SkillLink[];
  /** ISO 8601 date-time the profile is computed at (no clock inside the engine). */
  readonly now: string;
}

/** Options after checking, with every default filled in. */
export interface ResolvedProfileOptions {
  readonly verificationWeights: VerificationWeights;
  readonly issuerTrust: Readonly<Record<string, number>>;
  readonly defaultIssuerTrust: number;
  readonly halfLifeYears: number;
  readonly combine: 'noisy-or' | 'max';
}

export interface ProfileBuilder {
  readonly options: ResolvedProfileOptions;
  /** Builds one candidate's profile. Throws one coded `ProfileError` for bad input. Pure and deterministic. */
  build(input: ProfileInput): SkillProfile;
}
