/**
 * Helpers shared by the ingest tests (`*.test.ts` beside this file): where the shared data lives, a result
 * narrowed to one format, and the one IngestError a call throws.
 */
import { resolve } from 'node:path';
import { IngestError } from './errors.ts';
import type { IngestFormat, IngestResult } from './types.ts';

/** The shared data folder: SKILLGRAPH_SHARED, else `<repo>/../shared`. */
export const SHARED = process.env['SKILLGRAPH_SHARED'] ?? resolve(import.meta.dirname, '../../../shared');

/** `r` narrowed to `format`; throws `expected <format>, got <r.format>` for any other format. */
export function resultAs<F extends IngestFormat>(r: IngestResult, format: F): IngestResult & { readonly format: F } {
  if (r.format !== format) throw new Error(`expected ${format}, got ${r.format}`);
  return r as IngestResult & { readonly format: F };
}

/** The IngestError `f` throws; rethrows any other exception, and fails if `f` returns. */
export function errorOf(f: () => unknown): IngestError {
  try {
    f();
  } catch (e) {
    if (e instanceof IngestError) return e;
    throw e;
  }
  throw new Error('expected an IngestError');
}
