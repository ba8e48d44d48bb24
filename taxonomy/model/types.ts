/**
 * Domain types of skillgraph (DESIGN.md §1). Plain data only: no classes, no I/O.
 * Every other folder builds on these; this file imports nothing.
 */

/** Where a concept comes from. */
export type Source = 'esco' | 'onet' | 'custom' | 'sample';

/** A skill or knowledge concept (ESCO KnowledgeSkillCompetence, O*NET element, or custom). */
export interface Skill {
  /** Stable id: the concept URI (ESCO), `onet:<element id>` (O*NET) or a custom URI. */
  readonly id: string;
  readonly source: Source;
  readonly preferredLabel: string;
  readonly altLabels: readonly string[];
  /** Labels used for matching only, never shown. */
  readonly hiddenLabels: readonly string[];
  readonly description: string;
  /** ESCO `skillType`: 'skill/competence' | 'knowledge' | '' (unknown). */
  readonly skillType: string;
  /** ESCO `reuseLevel`: 'transversal' | 'cross-sector' | 'sector-specific' | 'occupation-specific' | ''. */
  readonly reuseLevel: string;
}

/** A node of the skill hierarchy above skills (ESCO skill group / pillar). */
export interface SkillGroup {
  readonly id: string;
  readonly source: Source;
  /** ESCO code such as `S1.2.3`, the ISCED-F code for knowledge groups; may be ''. */
  readonly code: string;
  readonly preferredLabel: string;
  readonly description: string;
}

/** A broader relation: `childId` (skill or group) is narrower than `parentId` (skill or group). */
export interface BroaderEdge {
  readonly childId: string;
  readonly parentId: string;
}

export type SkillRelationType = 'essential' | 'optional' | 'related';

/** A skill–skill relation (ESCO skillSkillRelations: `fromId` needs `toId` as essential/optional). */
export interface SkillRelation {
  readonly fromId: string;
  readonly toId: string;
  readonly relationType: SkillRelationType;
}

/** An ESCO occupation, an ISCO group or an O*NET-SOC occupation. */
export interface Occupation {
  readonly id: string;
  readonly source: Source;
  /** ESCO code (`2422.10`), ISCO code (`0110`) or O*NET-SOC code (`11-1011.00`). Always a string. */
  readonly code: string;
  /** ISCO group code for ESCO occupations, '' otherwise. */
  readonly iscoGroup: string;
  readonly preferredLabel: string;
  readonly altLabels: readonly string[];
  readonly description: string;
  /** Broader occupation or ISCO group ids (occupation pillar). */
  readonly parentIds: readonly string[];
}

export type RequirementKind = 'essential' | 'optional';

/** An occupation needs a skill; O*NET adds importance (IM, 1–5) and level (LV, 0–7) where known. */
export interface OccupationSkill {
  readonly occupationId: string;
  readonly skillId: string;
  readonly relationType: RequirementKind;
  readonly importance: number | null;
  readonly level: number | null;
}

/** ESCO occupation ↔ O*NET-SOC occupation (Nesta crosswalk). */
export interface CrosswalkEntry {
  readonly escoOccupationId: string;
  readonly onetCode: string;
  /** Crosswalk confidence: 2 (best), 1, 0.5. */
  readonly confidence: number;
  /** False when the O*NET code is a retired SOC-2010 code absent from the loaded O*NET release. */
  readonly mapped: boolean;
}

/** How a skill mapping was found: label match, embedding similarity, both, or set by a reviewer. */
export type SkillMappingMethod = 'lexical' | 'embedding' | 'both' | 'reviewed';

/**
 * A skill of one taxonomy mapped onto a skill of another (O*NET element / technology skill → ESCO skill),
 * with a confidence in [0, 1]: a requirement on `fromSkillId` is covered by evidence of `toSkillId` at
 * up to that confidence. There is no public O*NET↔ESCO skill crosswalk; `skillgraph onet-map` computes one.
 */
export interface SkillMapping {
  readonly fromSkillId: string;
  readonly toSkillId: string;
  readonly confidence: number;
  readonly method: SkillMappingMethod;
}

/** The whole taxonomy, as loaders produce it and stores persist it. */
export interface TaxonomyData {
  readonly skills: readonly Skill[];
  readonly groups: readonly SkillGroup[];
  readonly broader: readonly BroaderEdge[];
  readonly skillRelations: readonly SkillRelation[];
  readonly occupations: readonly Occupation[];
  readonly occupationSkills: readonly OccupationSkill[];
  readonly crosswalk: readonly CrosswalkEntry[];
  /** Skill ↔ skill mappings across taxonomies (absent = none). */
  readonly skillMappings?: readonly SkillMapping[];
}

/** Where a link from a document to a skill came from. */
export interface Provenance {
  /** alignment: explicit alignment in a credential; text: linked from text; catalogue: a tag; claim: self-claimed. */
  readonly kind: 'alignment' | 'text' | 'catalogue' | 'claim' | 'taxonomy';
  /** The field path (`alignment[0].targetUrl`) or the sentence the skill was found in. */
  readonly source: string;
  /** Character span [start, end) in `source` text, when linked from text. */
  readonly span: readonly [number, number] | null;
}

/** A link from a document (credential, posting, text) to a skill. */
export interface SkillLink {
  readonly skillId: string;
  /** Calibrated confidence in [0, 1]. */
  readonly confidence: number;
  readonly provenance: Provenance;
}

export type CredentialFormat = 'ob2' | 'ob3' | 'clr' | 'ctdl' | 'catalogue' | 'sample';

/** A micro-credential definition (OB BadgeClass / OB3 Achievement / CTDL credential / course row). */
export interface Credential {
  readonly id: string;
  readonly format: CredentialFormat;
  readonly name: string;
  readonly description: string;
  readonly issuer: { readonly id: string; readonly name: string };
  /** 'badge' | 'course' | 'certificate' | 'specialization' | 'professional-certificate' | 'degree' | … */
  readonly credentialType: string;
  /** 'beginner' | 'intermediate' | 'advanced' | '' */
  readonly level: string;
  /** Cost in USD, null when unknown. */
  readonly cost: number | null;
  /** Estimated effort in hours, null when unknown. */
  readonly hours: number | null;
  /** Skills taught or assessed, each with provenance and confidence. */
  readonly skills: readonly SkillLink[];
  /** Credential ids that must be held first. */
  readonly requires: readonly string[];
  /** Larger credential ids this one stacks into (CTDL isPartOf, pathways). */
  readonly isPartOf: readonly string[];
  /** What the credential's own document states about its standing (absent = the document stated nothing). */
  readonly standing?: CredentialStanding;
}

/** What a credential's own document states about its standing, in the standards' own fields. */
export interface CredentialStanding {
  /** CTDL ceterms:accreditedBy / recognizedBy / approvedBy / regulatedBy (and their `...In` jurisdiction variants if
   *  present), OB3 `endorsement` (EndorsementCredential; `endorsementJwt` counted too), OB2 `endorsement`. */
  readonly recognition: readonly CredentialRecognition[];
  /** CTDL assessment (ceterms:targetAssessment, assessmentMethodType / assessmentMethodDescription), OB3
   *  `criteria.narrative`/`criteria.id`, OB3 `resultDescription`, OB2 `criteria`. */
  readonly assessment: readonly CredentialAssessment[];
}
export interface CredentialRecognition {
  readonly kind: 'accreditedBy' | 'recognizedBy' | 'approvedBy' | 'regulatedBy' | 'endorsement';
  /** The agent's id (CTDL @id / ctid, endorsement issuer id), '' when none. */
  readonly agentId: string;
  /** The agent's name when stated, else ''. */
  readonly agentName: string;
  /** JSON path of the field in the source document, e.g. `ceterms:accreditedBy[0]`, `endorsement[1]`. */
  readonly source: string;
  /** For an endorsement: 'verified' if its proof verified at import, 'unverified' if it carries none or was not
   *  checked, 'invalid' if the proof failed. Stated-only recognition (CTDL) is 'stated'. */
  readonly verification: 'verified' | 'unverified' | 'invalid' | 'stated';
}
export interface CredentialAssessment {
  readonly kind: 'assessment' | 'criteria' | 'result-description';
  /** Human-readable text (method description, narrative, result description name), trimmed, ≤ 500 chars. */
  readonly description: string;
  readonly source: string;
}

export type VerificationStatus =
  | 'verified'
  | 'hosted-verified'
  | 'unverified'
  | 'self-claimed'
  | 'invalid'
  | 'expired'
  | 'unverifiable';

/** A credential held by a candidate. */
export interface Award {
  readonly id: string;
  readonly candidateId: string;
  readonly credentialId: string;
  /** ISO 8601 date. */
  readonly issuedOn: string;
  /** ISO 8601 date, or null when it does not expire. */
  readonly expiresOn: string | null;
  readonly verification: VerificationStatus;
}

/** A person with awards, claimed skills and free-text experience. */
export interface Candidate {
  readonly id: string;
  readonly name: string;
  /** Organisations the candidate applied to or shared their profile with (employer scoping). */
  readonly sharedWith: readonly string[];
  /** Self-claimed skills (provenance kind 'claim'). */
  readonly claimedSkills: readonly SkillLink[];
  /** Free-text experience (CV). */
  readonly experience: string;
  readonly location: string;
  /**
   * Skills the linker found in `experience` (provenance 'text'), stored with the candidate as a
   * posting's text-linked skills are; absent until the text has been linked.
   */
  readonly experienceSkills?: readonly SkillLink[];
}

/** A job posting (schema.org JobPosting). */
export interface JobPosting {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly organisationId: string;
  /** ISO 8601 date. */
  readonly datePosted: string;
  /** ESCO / O*NET occupation id, or null. */
  readonly occupationId: string | null;
  /** Set when `occupationId` was inferred from the title at import (no `occupationalCategory`): the normaliser's confidence. */
  readonly occupationInferred?: { readonly confidence: number; readonly from: 'title' } | null;
  readonly location: string;
  /** Skills linked from the posting (explicit or from its text). */
  readonly skills: readonly SkillLink[];
}

/** One weighted skill a role requires. */
export interface Requirement {
  readonly skillId: string;
  /** Weight > 0. */
  readonly weight: number;
  readonly essential: boolean;
}

/** What an employer hires for, resolved to a requirement profile. */
export interface Role {
  readonly id: string;
  readonly title: string;
  readonly organisationId: string;
  readonly postingId: string | null;
  readonly occupationId: string | null;
  readonly requirements: readonly Requirement[];
}

/** Everything except the taxonomy; every field optional. One batch = one transaction. */
export interface RecordsBatch {
  readonly credentials?: readonly Credential[];
  readonly candidates?: readonly Candidate[];
  readonly awards?: readonly Award[];
  readonly postings?: readonly JobPosting[];
  readonly roles?: readonly Role[];
}

/** A cached text embedding. */
export interface EmbeddingEntry {
  /** Hash of the text (hex sha256 of the exact text embedded). */
  readonly textHash: string;
  readonly vector: Float32Array;
}

/** Counts a store reports (`skillgraph stats`). */
export interface StoreStats {
  readonly skills: number;
  readonly skillGroups: number;
  readonly broaderRelations: number;
  readonly skillRelations: number;
  readonly occupations: number;
  readonly occupationSkills: number;
  readonly occupationSkillsEssential: number;
  readonly occupationSkillsOptional: number;
  readonly crosswalk: number;
  /** O*NET → ESCO skill mappings (`skillgraph onet-map`). */
  readonly skillMappings: number;
  readonly credentials: number;
  readonly candidates: number;
  readonly awards: number;
  readonly postings: number;
  readonly roles: number;
  readonly embeddings: number;
}
