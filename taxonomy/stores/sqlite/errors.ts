import { TaxonomyError, TaxonomyErrorCode } from '../../model/errors.ts';

interface SqliteLikeError {
  readonly code?: unknown;
  readonly message: string;
}

function isSqliteError(err: unknown): err is SqliteLikeError {
  return err instanceof Error && typeof (err as SqliteLikeError).code === 'string' && String((err as SqliteLikeError).code).startsWith('SQLITE_');
}

/**
 * Maps a better-sqlite3 error to the taxonomy catalog: busy/locked are retryable STORE_UNAVAILABLE,
 * constraint violations STORE_CONFLICT, anything else STORE_FAILURE. TaxonomyErrors pass through.
 */
export function mapSqliteError(err: unknown, file: string): TaxonomyError {
  if (err instanceof TaxonomyError) return err;
  if (!isSqliteError(err)) {
    const message = err instanceof Error ? err.message : String(err);
    return new TaxonomyError(TaxonomyErrorCode.StoreFailure, message, { file }, false, { cause: err });
  }
  const code = String(err.code);
  const where = { file };
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new TaxonomyError(TaxonomyErrorCode.StoreUnavailable, `database is busy (${code}): ${err.message}`, where, true, { cause: err });
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_PERM')) {
    return new TaxonomyError(TaxonomyErrorCode.StoreUnavailable, `cannot open database (${code}): ${err.message}`, where, false, { cause: err });
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new TaxonomyError(TaxonomyErrorCode.StoreConflict, `constraint violated (${code}): ${err.message}`, where, false, { cause: err });
  }
  if (code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_IOERR')) {
    return new TaxonomyError(TaxonomyErrorCode.StoreFailure, `storage error (${code}): ${err.message}`, where, true, { cause: err });
  }
  return new TaxonomyError(TaxonomyErrorCode.StoreFailure, `${code}: ${err.message}`, where, false, { cause: err });
}
