import { ingestDocument } from '../engine/ingest/ingest.ts';
import type { CatalogueResult, CredentialsResult, IngestResult } from '../engine/ingest/types.ts';
import { InvalidInputError } from './errors.ts';

export interface ParseOptions {
  /** A course catalogue CSV (the format cannot be sniffed from CSV text). */
  readonly format?: 'catalogue';
  /** Where the document came from, for messages (a file name); paths are relative to `document`. */
  readonly source?: string;
  /** The import instant: awards past their expiry are marked expired, a JobPosting without datePosted is dated this day; default none. */
  readonly now?: Date;
}

/** Parses and validates a standards document (OB2, OB3, CLR, CTDL, JobPosting, catalogue CSV, text); one InvalidInputError at the first fault. */
export function parseDocument(document: unknown, opts: ParseOptions = {}): IngestResult {
  try {
    return ingestDocument(document, opts.format ? { format: opts.format } : opts.now ? { now: opts.now.toISOString() } : {});
  } catch (err) {
    const e = err as { message?: string; path?: string };
    const message = e.message ?? 'invalid document';
    throw new InvalidInputError(opts.source ? `${opts.source}: ${message}` : message, e.path ? `document.${e.path}` : 'document');
  }
}

const FORMAT_NAMES: Record<string, string> = { jobposting: 'job postings', text: 'plain text' };

/** The credentials of a parsed document, or an input error naming what the document holds instead. */
export function credentialsOf(result: IngestResult, source?: string): CredentialsResult | CatalogueResult {
  if (result.format === 'ob2' || result.format === 'ob3' || result.format === 'clr' || result.format === 'ctdl' || result.format === 'catalogue') return result;
  const what = FORMAT_NAMES[result.format] ?? result.format;
  throw new InvalidInputError(`${source ? `${source} holds` : 'the document holds'} ${what}, not credentials (Open Badges 2.0/3.0, CLR, CTDL or a course catalogue)`, 'document');
}
