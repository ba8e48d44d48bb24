import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import neo4j from 'neo4j-driver';
import { TaxonomyError, TaxonomyErrorCode } from '../../model/errors.ts';
import { mapNeo4jError } from './errors.ts';
import { resolveNeo4jOptions, type Neo4jStoreOptions } from './options.ts';
import { SKILL_VECTOR_INDEX } from './schema.ts';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../../../scripts/neo4j', import.meta.url));

/** A Neo4j Community server started by `scripts/neo4j` (tests and benchmarks). */
export interface DevServer {
  readonly uri: string;
  stop(): Promise<void>;
}

/**
 * Starts a local Neo4j with `scripts/neo4j start --dir <stateDir>` and returns its bolt URI. A failed
 * start rejects with STORE_UNAVAILABLE carrying the script's output (server log tail), never silently.
 */
export async function startDevServer(stateDir: string, timeoutMs = 300_000): Promise<DevServer> {
  let stdout: string;
  try {
    ({ stdout } = await run(script, ['start', '--dir', stateDir], { timeout: timeoutMs, maxBuffer: 16 << 20 }));
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new TaxonomyError(
      TaxonomyErrorCode.StoreUnavailable,
      `scripts/neo4j start failed: ${e.message}\n${e.stderr ?? ''}${e.stdout ?? ''}`,
      { file: script },
      false,
      { cause: err },
    );
  }
  const uri = stdout.trim().split('\n').pop() ?? '';
  if (!uri.startsWith('bolt://')) {
    throw new TaxonomyError(TaxonomyErrorCode.StoreUnavailable, `scripts/neo4j start printed no bolt URI: ${JSON.stringify(stdout)}`, { file: script });
  }
  return {
    uri,
    stop: async () => {
      await run(script, ['stop', '--dir', stateDir], { timeout: 60_000 });
    },
  };
}

/**
 * Deletes every node and relationship, and the skill vector index (its dimension comes from the first skill vectors
 * written: `createNeo4jStore`); the rest of the schema stays. For tests and benchmarks on a throwaway server only.
 */
export async function clearNeo4jDatabase(opts: Neo4jStoreOptions): Promise<void> {
  const o = resolveNeo4jOptions(opts);
  const driver = neo4j.driver(o.uri, o.user !== undefined ? neo4j.auth.basic(o.user, o.password ?? '') : undefined, {
    connectionAcquisitionTimeout: o.connectionAcquisitionTimeoutMs,
    connectionTimeout: o.connectionAcquisitionTimeoutMs,
  });
  const session = driver.session(o.database ? { database: o.database } : {});
  try {
    await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
    await session.run(`DROP INDEX ${SKILL_VECTOR_INDEX} IF EXISTS`);
  } catch (err) {
    throw mapNeo4jError(err, o.uri);
  } finally {
    await session.close();
    await driver.close();
  }
}
