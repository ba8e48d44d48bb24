/**
 * Candidates read from formats people already have (JSON Resume, a CSV, a wallet's Verifiable
 * Presentation): one record per person, and one error per bad record, so a batch import lands the
 * good records and reports the bad ones (what, where, why).
 */
import type { Candidate } from '../../taxonomy/model/types.ts';
import type { CredentialEntry, IngestedAward } from './types.ts';

/** A candidate plus what the domain type has no room for until it is linked. */
export interface CandidateRecord {
  /** The candidate (claimedSkills empty: skill tags are resolved against the taxonomy by the importer). */
  readonly candidate: Candidate;
  /** Self-stated skill names (JSON Resume `skills[].name`/`keywords`, CSV `skills`), each with where it came from. */
  readonly skillTags: readonly { readonly tag: string; readonly source: string }[];
}

/** One record that could not be read: its position in the batch, its id when known, and a coded reason. */
export interface RecordError {
  readonly index: number;
  readonly id: string | null;
  readonly code: string;
  /** Path inside the record (`basics.email`) or the CSV column. */
  readonly path: string;
  readonly message: string;
}

export interface CandidateBatch {
  readonly format: 'json-resume' | 'csv';
  readonly records: readonly CandidateRecord[];
  readonly errors: readonly RecordError[];
  /** Tolerated quirks (a URL that is not a URI, …), per record. */
  readonly warnings: readonly RecordError[];
}

/** A wallet export: the holder and the awards it presents (each already parsed), plus the ones that could not be read. */
export interface WalletBatch {
  readonly format: 'wallet';
  /** The presentation's `holder` (a DID or URL), or null. */
  readonly holder: string | null;
  /** A display name for the holder, from the first credential subject that has one. */
  readonly holderName: string | null;
  readonly awards: readonly { readonly index: number; readonly award: IngestedAward; readonly credential: CredentialEntry }[];
  readonly errors: readonly RecordError[];
}
