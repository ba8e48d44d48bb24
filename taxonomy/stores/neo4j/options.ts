import { checkTaxonomyOption as check } from '../../model/errors.ts';
import { integerIn, record, satisfies } from '../../model/option-check.ts';

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
  /**
   * Dimensions of the skill vector index. Default: the database's index when it has one, else the length of the first
   * skill vectors written (`putSkillEmbeddings`: the embedding model in use), so a model of any size needs no option.
   * Given, the index is made with it at open, and a database whose index has another dimension is refused.
   */
  readonly vectorDimensions?: number;
  /** Rows per UNWIND statement. Default 5 000. */
  readonly batchRows?: number;
}

export type ResolvedNeo4jStoreOptions = Required<Omit<Neo4jStoreOptions, 'user' | 'password' | 'database' | 'vectorDimensions'>> &
  Pick<Neo4jStoreOptions, 'user' | 'password' | 'database' | 'vectorDimensions'>;

const URI = /^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s/]+/;

const name = satisfies<string>('a non-empty string', (v) => typeof v === 'string' && v !== '');
const positive = integerIn(1);

/** Checks the options once, with one `invalid <option>: <value>` error, and fills defaults. */
export function resolveNeo4jOptions(opts: Neo4jStoreOptions): ResolvedNeo4jStoreOptions {
  check('options', opts, record);
  check('uri', opts.uri, satisfies<string>('a bolt:// or neo4j:// URI (+s, +ssc for TLS)', (v) => typeof v === 'string' && URI.test(v)));
  const user = opts.user === undefined ? undefined : check('user', opts.user, name);
  // The password never shows in an error, only that it is not a string.
  if (opts.password !== undefined && typeof opts.password !== 'string') throw check.invalid('password', `(hidden ${typeof opts.password})`, 'a string');
  if (opts.password !== undefined && user === undefined) throw check.invalid('user', opts.user, 'a user name when a password is given');
  return {
    uri: opts.uri,
    user,
    password: opts.password,
    database: opts.database === undefined ? undefined : check('database', opts.database, name),
    connectionAcquisitionTimeoutMs: check('connectionAcquisitionTimeoutMs', opts.connectionAcquisitionTimeoutMs ?? 10_000, positive),
    maxTransactionRetryTimeMs: check('maxTransactionRetryTimeMs', opts.maxTransactionRetryTimeMs ?? 15_000, positive),
    vectorDimensions: opts.vectorDimensions === undefined ? undefined : check('vectorDimensions', opts.vectorDimensions, positive),
    batchRows: check('batchRows', opts.batchRows ?? 5_000, positive),
  };
}
