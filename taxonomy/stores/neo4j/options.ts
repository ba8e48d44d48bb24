import { TaxonomyError, TaxonomyErrorCode } from '../../model/errors.ts';

export interface Neo4jStoreOptions {
  /** `bolt://host:port`, `neo4j://host:port` (cluster routing), or the `+s` / `+ssc` TLS variants. */
  readonly uri: string;
  /** Omit both for a server with auth disabled (the dev server of `scripts/neo4j`). */
  readonly user?: string;
  readonly password?: string;
  /** Database name; default: the server's default database. */
  readonly database?: string;
  /** How long to wait for a pooled connection (and to connect), ms. Default 10 000. */
  readonly connectionAcquisitionTimeoutMs?: number;
  /** Total time the driver may spend retrying a transaction on retryable errors, ms. Default 15 000. */
  readonly maxTransactionRetryTimeMs?: number;
  /** Dimensions of the skill vector index. Default 384 (all-MiniLM-L6-v2). */
  readonly vectorDimensions?: number;
  /** Rows per UNWIND statement. Default 5 000. */
  readonly batchRows?: number;
}

export type ResolvedNeo4jStoreOptions = Required<Omit<Neo4jStoreOptions, 'user' | 'password' | 'database'>> &
  Pick<Neo4jStoreOptions, 'user' | 'password' | 'database'>;

const URI = /^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s/]+/;

function invalid(option: string, value: unknown): never {
  const shown = option === 'password' ? '(hidden)' : JSON.stringify(value);
  throw new TaxonomyError(TaxonomyErrorCode.InvalidValue, `invalid ${option}: ${shown}`, { field: option });
}

function positiveInt(option: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) invalid(option, value);
  return value;
}

function optionalString(option: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') invalid(option, value);
  return value;
}

/** Checks the options once, with one `invalid <option>: <value>` error, and fills defaults. */
export function resolveNeo4jOptions(opts: Neo4jStoreOptions): ResolvedNeo4jStoreOptions {
  if (typeof opts !== 'object' || opts === null) invalid('options', opts);
  if (typeof opts.uri !== 'string' || !URI.test(opts.uri)) invalid('uri', opts.uri);
  const user = optionalString('user', opts.user);
  if (opts.password !== undefined && typeof opts.password !== 'string') invalid('password', opts.password);
  if (opts.password !== undefined && user === undefined) invalid('user', opts.user);
  return {
    uri: opts.uri,
    user,
    password: opts.password,
    database: optionalString('database', opts.database),
    connectionAcquisitionTimeoutMs: positiveInt('connectionAcquisitionTimeoutMs', opts.connectionAcquisitionTimeoutMs, 10_000),
    maxTransactionRetryTimeMs: positiveInt('maxTransactionRetryTimeMs', opts.maxTransactionRetryTimeMs, 15_000),
    vectorDimensions: positiveInt('vectorDimensions', opts.vectorDimensions, 384),
    batchRows: positiveInt('batchRows', opts.batchRows, 5_000),
  };
}
