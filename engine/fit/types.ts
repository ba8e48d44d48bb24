import type { Requirement, VerificationStatus } from '../../taxonomy/model/types.ts';
import type { EvidenceKind } from '../profile/types.ts';

/**
 * How a held skill relates to a required one. `narrower`: the candidate holds a narrower (more
 * specific) skill than required; `broader`: the candidate holds a broader one; `mapped`: the requirement
 * is a skill of another taxonomy (O*NET) mapped onto the held skill or a broader one (`SkillGraph.mappedSkills`).
 */
export type MatchKind = 'exact' | 'narrower' | 'broader' | 'related' | 'embedding' | 'mapped';

/** One embedding neighbour of a skill (cosine similarity in [0, 1]). */
export interface SimilarSkill {
  readonly skillId: string;
  readonly sim: number;
}

/**
 * Port: skills whose vectors are close to `skillId`, precomputed by the skill index. Optional;
 * without it only the taxonomy gives partial credit.
 */
export type SimilarSkillsPort = (skillId: string) => readonly SimilarSkill[];

/** A skill that can cover a requirement, with its similarity. */
export interface Coverer {
  readonly skillId: string;
  readonly sim: number;
  readonly kind: MatchKind;
  /** Taxonomy steps between the skills (0 for exact, 1 for related/embedding). */
  readonly distance: number;
}

/** A role as the engine scores it: an id and weighted requirements. */
export interface RoleLike {
  readonly id: string;
  readonly title?: string;
  readonly requirements: readonly Requirement[];
}

/** Options of `createFitScorer`; every field optional, checked once. */
export interface FitOptions {
  /** Credit of a held skill one step narrower than required (in [0, 1]); default 0.9. */
  readonly narrowerCredit?: number;
  /** Credit of a held skill one step broader than required (in [0, 1]); default 0.5. */
  readonly broaderCredit?: number;
  /** Factor per further taxonomy step (in [0, 1]); default 0.7. */
  readonly distanceDecay?: number;
  /** Most taxonomy steps to follow (integer 0–6); default 2. */
  readonly maxDistance?: number;
  /** Credit of an ESCO related / essential-for / optional-for skill (in [0, 1]); default 0.4. */
  readonly relatedCredit?: number;
  /** Embedding neighbours below this cosine are ignored (in [0, 1]); default 0.8. */
  readonly embeddingThreshold?: number;
  /** Embedding credit = scale × cosine (in [0, 1]); default 0.8. */
  readonly embeddingScale?: number;
  /** Cross-taxonomy credit = scale × mapping confidence (O*NET → ESCO, in [0, 1]); default 1. */
  readonly mappedScale?: number;
  /** An essential requirement covered below this is missing (in [0, 1]); default 0.5. */
  readonly essentialThreshold?: number;
  /** Weight of each named signal (see `engine/fit/signals/index.ts`); unnamed signals keep their default. */
  readonly signalWeights?: Readonly<Record<string, number>>;
  /** Statuses that count as verified evidence; default ['verified', 'hosted-verified']. */
  readonly verifiedStatuses?: readonly VerificationStatus[];
  /** Count only verified evidence; default false (can be overridden per call). */
  readonly verifiedOnly?: boolean;
  /** Embedding neighbours port (optional). */
  readonly similarSkills?: SimilarSkillsPort;
}

export interface ResolvedFitOptions {
  readonly narrowerCredit: number;
  readonly broaderCredit: number;
  readonly distanceDecay: number;
  readonly maxDistance: number;
  readonly relatedCredit: number;
  readonly embeddingThreshold: number;
  readonly embeddingScale: number;
  readonly mappedScale: number;
  readonly essentialThreshold: number;
  readonly signalWeights: Readonly<Record<string, number>>;
  readonly verifiedStatuses: readonly VerificationStatus[];
  readonly verifiedOnly: boolean;
  readonly similarSkills: SimilarSkillsPort | null;
}

/** One link of an evidence chain: credential or sentence → held skill. */
export interface EvidenceLink {
  readonly evidenceId: string;
  readonly kind: EvidenceKind;
  readonly credentialId: string | null;
  readonly awardId: string | null;
  /** The sentence or field path the skill was found in. */
  readonly source: string;
  readonly span: readonly [number, number] | null;
  readonly verification: VerificationStatus;
  readonly linkConfidence: number;
  readonly confidence: number;
}

/** credential or sentence → held skill → requirement, with each link's confidence. */
export interface EvidenceChain {
  readonly evidence: EvidenceLink | null;
  readonly heldSkillId: string;
  /** Strength of the held skill in the profile (float32 precision). */
  readonly strength: number;
  readonly requirementSkillId: string;
  readonly kind: MatchKind;
  readonly sim: number;
  readonly distance: number;
  /** sim × strength. */
  readonly coverage: number;
}

export interface RequirementFit {
  readonly skillId: string;
  readonly label: string;
  readonly weight: number;
  readonly essential: boolean;
  /** max over held skills of sim × strength, in [0, 1]. */
  readonly coverage: number;
  /** The same over verified evidence only. */
  readonly verifiedCoverage: number;
  /** Essential and covered below `essentialThreshold`. */
  readonly missing: boolean;
  /** The best chain (ties: higher sim, then held skill id); null when nothing covers it. */
  readonly best: EvidenceChain | null;
}

export interface SignalValue {
  readonly value: number;
  readonly weight: number;
  /** weight × value. */
  readonly contribution: number;
}

export interface FitResult {
  readonly roleId: string;
  readonly candidateId: string;
  /** Σ signal contributions (what ranking sorts by). */
  readonly score: number;
  /** Weighted coverage Σ w_j coverage_j / Σ w_j, in [0, 1]. */
  readonly fit: number;
  readonly signals: Readonly<Record<string, SignalValue>>;
  readonly requirements: readonly RequirementFit[];
  /** Skill ids of missing essential requirements, in requirement order. */
  readonly missingEssentials: readonly string[];
}
