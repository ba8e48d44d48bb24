/**
 * Results of ingestion. Parsing is all-or-nothing: `ingestDocument` either returns one of these
 * complete results or throws one IngestError; it never returns a partial result.
 */
import type { Award, Credential, JobPosting, Skill, SkillLink } from '../../taxonomy/model/types.ts';

export const INGEST_FORMATS = ['ob2', 'ob3', 'clr', 'ctdl', 'jobposting', 'catalogue', 'text'] as const;
export type IngestFormat = (typeof INGEST_FORMATS)[number];

export interface IngestOptions {
  /** Format to parse as; 'auto' (default) detects it. */
  readonly format?: IngestFormat | 'auto';
  /** ISO 8601 instant used to mark awards past `expires`/`validUntil` as 'expired'. Without it no award expires at ingest. */
  readonly now?: string;
  /**
   * CTDL `ceterms:ctid` checking: 'strict' (default) rejects a malformed or reused ctid with INVALID_ID;
   * 'warn' keeps the node (identified by its `@id`) and reports a warning.
   */
  readonly ctid?: 'strict' | 'warn';
  /** Catalogue rows: id prefix for generated credential ids (default `coursera:`). */
  readonly catalogueIdPrefix?: string;
}

/** Something ingestion kept going past; never silently dropped. */
export interface IngestWarning {
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

/** A credential plus what the domain type has no room for. */
export interface CredentialEntry {
  readonly credential: Credential;
  /** Free-text skill tags to be linked later by the linker (catalogue rows, OB `tags`). */
  readonly skillTags: readonly string[];
  /** Skills (ids) required before this credential (CTDL `requires` naming competencies). */
  readonly requiredSkillIds: readonly string[];
}

/** How an award can be verified later (by the verifier, not at ingest). */
export interface VerificationMethod {
  /** hosted: OB2 hosted assertion; signed: OB2 signed (JWS); proof: VC data-integrity proof; jwt: VC-JWT; none. */
  readonly type: 'hosted' | 'signed' | 'proof' | 'jwt' | 'none';
  /** Hosted URL or signing key / verification method, when given. */
  readonly url: string | null;
}

export interface Recipient {
  /** `email` | `did` | `url` | … (OB2 recipient.type / OB3 identityType); '' when only an id is given. */
  readonly type: string;
  /** The recipient identity: DID, URL, email or `sha256$…` hash. */
  readonly identity: string;
  readonly hashed: boolean;
  readonly salt: string | null;
}

/** An award held by someone, with what is needed to verify it later. */
export interface IngestedAward {
  readonly award: Award;
  readonly recipient: Recipient;
  readonly verificationMethod: VerificationMethod;
  /** The VC `proof` (object or array) as given; null when absent or empty (`{}`). */
  readonly proof: unknown;
  /** The whole award document exactly as parsed, for signature verification. */
  readonly raw: unknown;
}

/** Credential-type formats: Open Badges 2.0/3.0, CLR 2.0, CTDL. */
export interface CredentialsResult {
  readonly format: 'ob2' | 'ob3' | 'clr' | 'ctdl';
  readonly credentials: readonly CredentialEntry[];
  readonly awards: readonly IngestedAward[];
  /** Skills named by non-ESCO/O*NET alignments (CASE CFItem, CTDL Competency): the importer adds them as source 'custom'. */
  readonly customSkills: readonly Skill[];
  /**
   * CTDL competencies that ARE taxonomy skills (O*NET framework leaves coded with an O*NET element id):
   * the competency id (`@id`) → the taxonomy skill id (`onet:2.A.1.a`). Links in this document already use
   * the taxonomy id; the importer may record the alias for later documents.
   */
  readonly skillAliases: readonly { readonly id: string; readonly skillId: string }[];
  /** CTDL pathways (empty for other formats). */
  readonly pathways: readonly Pathway[];
  readonly warnings: readonly IngestWarning[];
}

export interface MonetaryRange {
  readonly currency: string;
  readonly min: number | null;
  readonly max: number | null;
  /** HOUR | DAY | WEEK | MONTH | YEAR | '' */
  readonly unit: string;
}

export interface IngestedPosting {
  readonly posting: JobPosting;
  readonly hiringOrganization: { readonly id: string; readonly name: string };
  /** occupationalCategory parsed: scheme ('O*NET-SOC' | 'SOC' | 'ISCO-08' | 'ESCO' | the code set's name | ''), code, name. */
  readonly occupationalCategory: { readonly scheme: string; readonly code: string; readonly name: string } | null;
  /** Skill phrases without a taxonomy id, to be linked from text later. */
  readonly skillTerms: readonly string[];
  readonly baseSalary: MonetaryRange | null;
  readonly employmentType: readonly string[];
  readonly validThrough: string | null;
}

/** A record of a batch that could not be read (the others were kept). */
export interface RefusedRecord {
  /** JSON path of the record (`@graph[12]`) or of the offending field. */
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export interface JobPostingsResult {
  readonly format: 'jobposting';
  readonly postings: readonly IngestedPosting[];
  /** Postings that could not be read, each with its path and reason. */
  readonly refused: readonly RefusedRecord[];
  readonly warnings: readonly IngestWarning[];
}

export interface CatalogueResult {
  readonly format: 'catalogue';
  /** 'skills1139' (`partner,course,skills,…`) or 'gainedSkills3404' (`Subject,Title,…`). */
  readonly layout: CatalogueLayout;
  readonly credentials: readonly CredentialEntry[];
  /** Junk rows skipped (`None` certificate type, no title), with their 1-based data row number. */
  readonly skipped: readonly { readonly row: number; readonly reason: string }[];
  /** Rows whose generated id repeats an earlier row (same type + institution + title, case-folded); the first is kept. */
  readonly duplicates: number;
  readonly warnings: readonly IngestWarning[];
}

export type CatalogueLayout = 'skills1139' | 'gainedSkills3404';

export interface TextResult {
  readonly format: 'text';
  readonly text: string;
  readonly warnings: readonly IngestWarning[];
}

export type IngestResult = CredentialsResult | JobPostingsResult | CatalogueResult | TextResult;

/** A CTDL pathway, reduced to what the recommender needs. */
export interface Pathway {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** The goal component(s) (`hasDestinationComponent`; `hasRoot` in older drafts). */
  readonly destinationIds: readonly string[];
  /** Every component reachable from the destinations or declared part of the pathway. */
  readonly components: readonly PathwayComponent[];
}

export interface PathwayComponent {
  readonly id: string;
  /** Local CTDL type: 'CredentialComponent', 'CourseComponent', 'BasicComponent', 'Certification', … */
  readonly type: string;
  readonly name: string;
  /** The credential this component stands for (itself when it is a credential node, else `proxyFor`/`sourceData`), or null. */
  readonly credentialId: string | null;
  /** `hasChild` (`isParentOf` in older drafts): the components below this one. */
  readonly childIds: readonly string[];
  /** `precedes`: components that come after this one (self-loops dropped with a warning). */
  readonly precedesIds: readonly string[];
  readonly conditions: readonly PathwayCondition[];
}

export interface PathwayCondition {
  readonly name: string;
  readonly description: string;
  /** How many of `targetIds` (and nested conditions) must be met; equals their count when absent (all). */
  readonly requiredNumber: number;
  readonly targetIds: readonly string[];
  readonly conditions: readonly PathwayCondition[];
}

export type { SkillLink };
