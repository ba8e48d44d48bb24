/**
 * Which candidates format a file holds: a wallet export (Verifiable Presentation), JSON Resume (one or
 * an array), or a candidates CSV. `parseCandidatesDocument` returns the batch, or throws ONE IngestError
 * when the file as a whole cannot be read (then nothing is imported).
 */
import type { CandidateBatch, WalletBatch } from './candidate-records.ts';
import { parseCandidatesCsv } from './candidates-csv.ts';
import { IngestError, IngestErrorCode } from './errors.ts';
import { isJsonResume, parseJsonResumes } from './json-resume.ts';
import { parseJsonLenient } from './json-lenient.ts';
import { describe, isObject } from './values.ts';
import { isVerifiablePresentation, parseWalletPresentation } from './wallet-presentation.ts';

export const CANDIDATE_FORMATS = ['json-resume', 'csv', 'wallet'] as const;
export type CandidateFormat = (typeof CANDIDATE_FORMATS)[number];

export function parseCandidatesDocument(input: unknown, format: CandidateFormat | 'auto' = 'auto', now?: string): CandidateBatch | WalletBatch {
  let value = input;
  if (typeof input === 'string') {
    const text = input.replace(/^\uFEFF/, '');
    if (text.trim() === '') throw new IngestError(IngestErrorCode.EmptyDocument, 'the file is empty', { path: '' });
    if (format === 'csv' || (format === 'auto' && !/^\s*[[{]/.test(text))) return parseCandidatesCsv(text);
    value = parseJsonLenient(text);
  }
  if (format === 'csv') throw new IngestError(IngestErrorCode.InvalidCsv, `expected CSV text, got ${describe(value)}`, { path: '' });
  if (format === 'wallet' || (format === 'auto' && isVerifiablePresentation(value))) return parseWalletPresentation(value, now);
  if (format === 'json-resume' || isJsonResume(value)) return parseJsonResumes(value);
  throw new IngestError(
    IngestErrorCode.UnknownFormat,
    `not a candidates file (${isObject(value) ? `keys: ${Object.keys(value).slice(0, 6).join(', ')}` : describe(value)}): expected JSON Resume, a Verifiable Presentation of Open Badges, or a CSV with name and id/email columns`,
    { path: '' },
  );
}
