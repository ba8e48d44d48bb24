import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { killedWorkerLosesNothing, workerFollowsChanges } from './worker-scenario.ts';

/**
 * Issue 19: `skillgraph worker` processes on one SQLite file with the real embedding model. The same
 * scenario runs on a real Neo4j in cli/serve-replicas.test.ts (which has the server up already).
 */
const dir = mkdtempSync(join(tmpdir(), 'skillgraph-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('skillgraph worker on SQLite (issue 19)', () => {
  it('a worker killed mid-batch loses no document: another redoes its claim after the lease', async () => {
    const file = join(dir, 'queue.db');
    const store = await createSqliteStore(file);
    try {
      await killedWorkerLosesNothing(store, await loadSample(), ['--db', file], process.env);
    } finally {
      await store.close();
    }
  }, 480_000);

  it('a running worker links rewritten text again, rebuilds its linker after a taxonomy import, and renews its claims', async () => {
    const file = join(dir, 'follow.db');
    const store = await createSqliteStore(file);
    try {
      await workerFollowsChanges(store, await loadSample(), ['--db', file], process.env);
    } finally {
      await store.close();
    }
  }, 900_000);
});
