import { isRetryableError, Neo4jError } from 'neo4j-driver';
import { TaxonomyError, TaxonomyErrorCode } from '../../model/errors.ts';

/** Neo4j status codes (and driver codes) that mean "the server cannot be reached or is not ready". */
const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.ClientError.Database.DatabaseNotFound']);
const UNAVAILABLE_PREFIXES = ['Neo.TransientError.', 'Neo.ClientError.Cluster.', 'Neo.ClientError.General.DatabaseUnavailable'];
const CONFLICT_PREFIXES = ['Neo.ClientError.Schema.ConstraintValidationFailed', 'Neo.ClientError.Schema.ConstraintViolation'];
const AUTH_PREFIXES = ['Neo.ClientError.Security.'];

/**
 * Maps a driver error to the taxonomy catalog. TaxonomyErrors pass through; retryable driver errors
 * (transient, connection lost, leader switch) become STORE_UNAVAILABLE with `retryable: true`;
 * uniqueness violations STORE_CONFLICT; bad credentials STORE_UNAVAILABLE (not retryable);
 * everything else STORE_FAILURE. `location.file` carries the server URI (never a password).
 */
export function mapNeo4jError(err: unknown, uri: string): TaxonomyError {
  if (err instanceof TaxonomyError) return err;
  const where = { file: uri };
  if (!(err instanceof Neo4jError)) {
    const message = err instanceof Error ? err.message : String(err);
    return new TaxonomyError(TaxonomyErrorCode.StoreFailure, message, where, false, { cause: err });
  }
  const code = err.code;
  const retryable = isRetryableError(err);
  if (retryable || UNAVAILABLE.has(code) || UNAVAILABLE_PREFIXES.some((p) => code.startsWith(p))) {
    return new TaxonomyError(TaxonomyErrorCode.StoreUnavailable, `Neo4j unavailable (${code}): ${err.message}`, where, true, { cause: err });
  }
  if (AUTH_PREFIXES.some((p) => code.startsWith(p))) {
    return new TaxonomyError(TaxonomyErrorCode.StoreUnavailable, `Neo4j refused the credentials (${code}): ${err.message}`, where, false, { cause: err });
  }
  if (CONFLICT_PREFIXES.some((p) => code.startsWith(p))) {
    return new TaxonomyError(TaxonomyErrorCode.StoreConflict, `Neo4j constraint violated (${code}): ${err.message}`, where, false, { cause: err });
  }
  return new TaxonomyError(TaxonomyErrorCode.StoreFailure, `Neo4j error (${code}): ${err.message}`, where, false, { cause: err });
}
