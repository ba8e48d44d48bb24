import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaxonomyError } from '../model/errors.ts';
import type { Skill, TaxonomyData } from '../model/types.ts';
import { canonicalTaxonomy, runStoreContract } from './contract.ts';
import { fixtureRecords, fixtureTaxonomy } from './contract-fixture.ts';
import { clearNeo4jDatabase, startDevServer, type DevServer } from './neo4j/dev-server.ts';
import { createNeo4jStore, type Neo4jGraphStore } from './neo4j/neo4j-store.ts';

/**
 * Runs the store contract and the Neo4j-only behaviour against a REAL Neo4j: `$NEO4J_URI` when set,
 * else a Community server started here with `scripts/neo4j start` (and stopped afterwards). A server
 * that cannot start fails the suite; nothing is skipped.
 */
const repo = fileURLToPath(new URL('../../', import.meta.url));
const stateDir = `${repo}.cache/neo4j-test-${process.pid}`;
let server: DevServer | null = null;
let uri = process.env['NEO4J_URI'] ?? '';
const auth = process.env['NEO4J_USER'] ? { user: process.env['NEO4J_USER'], password: process.env['NEO4J_PASSWORD'] ?? '' } : {};
const database = process.env['NEO4J_DATABASE'] ? { database: process.env['NEO4J_DATABASE'] } : {};
const options = () => ({ uri, ...auth, ...database, connectionAcquisitionTimeoutMs: 5_000, maxTransactionRetryTimeMs: 5_000 });

beforeAll(async () => {
  if (uri) return;
  server = await startDevServer(stateDir);
  uri = server.uri;
}, 300_000);

afterAll(async () => {
  if (!server) return;
  await server.stop();
  rmSync(stateDir, { recursive: true, force: true });
}, 60_000);

/** A clean database for every test (Community has one user database). */
async function freshStore(): Promise<Neo4jGraphStore> {
  await clearNeo4jDatabase(options());
  return createNeo4jStore(options());
}

runStoreContract('neo4j', freshStore);

describe('createNeo4jStore (Neo4j only)', () => {
  it('createNeo4jStore with a bad option rejects with INVALID_VALUE naming it', async () => {
    await expect(createNeo4jStore({ uri: 'http://x' })).rejects.toMatchObject({ code: 'INVALID_VALUE', message: expect.stringContaining('invalid uri: "http://x"') });
    await expect(createNeo4jStore({ uri: 'bolt://x:1', maxTransactionRetryTimeMs: -1 })).rejects.toMatchObject({ code: 'INVALID_VALUE' });
  });

  it('createNeo4jStore on a closed port rejects with a retryable STORE_UNAVAILABLE within the timeout', async () => {
    const t0 = Date.now();
    const err = await createNeo4jStore({ uri: 'bolt://127.0.0.1:1', connectionAcquisitionTimeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaxonomyError);
    expect((err as TaxonomyError).code).toBe('STORE_UNAVAILABLE');
    expect((err as TaxonomyError).retryable).toBe(true);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('importTaxonomy whose third batch fails at the server leaves the previous taxonomy intact', async () => {
    const store = await createNeo4jStore({ ...options(), batchRows: 2 });
    try {
      await clearNeo4jDatabase(options());
      await store.importTaxonomy(fixtureTaxonomy);
      await store.putRecords(fixtureRecords);
      const before = canonicalTaxonomy(await store.loadTaxonomy());
      // validateTaxonomy now rejects a map-valued property up front (INVALID_VALUE), so to reach the
      // server this skill's description is a string when validated and a map when the store reads it
      // again to build rows: Neo4j rejects it while writing the 3rd skills batch.
      const skills: Skill[] = [...Array.from({ length: 4 }, (_, i) => ({ ...fixtureTaxonomy.skills[0]!, id: `urn:s:${i}` }))];
      let reads = 0;
      const bad = { ...fixtureTaxonomy.skills[0]!, id: 'urn:s:bad' };
      Object.defineProperty(bad, 'description', { enumerable: true, get: () => (reads++ === 0 ? '' : { nested: { map: 1 } }) });
      skills.push(bad);
      const broken: TaxonomyData = { ...fixtureTaxonomy, skills, broader: [], skillRelations: [], occupationSkills: [] };
      await expect(store.importTaxonomy(broken)).rejects.toMatchObject({ code: 'STORE_FAILURE', retryable: false });
      expect(canonicalTaxonomy(await store.loadTaxonomy())).toEqual(before);
      expect((await store.stats()).credentials).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('importTaxonomy of full ESCO killed with SIGKILL mid-transaction leaves no partial data', async () => {
    await clearNeo4jDatabase(options());
    const child = spawn('npx', ['tsx', 'bench/neo4j-import-child.ts', uri], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const killed = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        // Kill once the import is well into the occupation-skill batches (skills and edges already sent).
        if (/progress occupationSkills [1-9]\d{4} /.test(out)) {
          process.kill(-child.pid!, 'SIGKILL');
          resolve(out);
        }
      });
      child.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`import child exited (${code ?? signal}) before it was killed:\n${out}\n${err}`));
      });
    });
    expect(await killed).toContain('progress skills 13896 13896');
    const store = await createNeo4jStore(options());
    try {
      const stats = await store.stats();
      expect(stats.skills).toBe(0);
      expect(stats.occupationSkills).toBe(0);
      expect(stats.broaderRelations).toBe(0);
    } finally {
      await store.close();
    }
  }, 180_000);

  it('searchSkillsByVector returns the nearest skills by the vector index, and searchSkillsByText by labels', async () => {
    const store = await freshStore();
    try {
      await store.importTaxonomy(fixtureTaxonomy);
      const dim = 384;
      const unit = (i: number): Float32Array => {
        const v = new Float32Array(dim);
        v[i] = 1;
        v[(i + 1) % dim] = 0.1;
        return v;
      };
      const skills = fixtureTaxonomy.skills;
      await store.putSkillEmbeddings('m', skills.map((s, i) => ({ skillId: s.id, textHash: `h${i}`, vector: unit(i) })));
      const hits = await store.searchSkillsByVector('m', unit(2), 2);
      expect(hits[0]?.skillId).toBe(skills[2]!.id);
      expect(hits).toHaveLength(2);
      expect(await store.searchSkillsByVector('other-model', unit(2), 2)).toEqual([]);
      expect((await store.getEmbeddings('m', ['h2'])).get('h2')).toEqual(unit(2));
      const text = await store.searchSkillsByText('python', 3);
      expect(text[0]?.skillId).toBe(skills[0]!.id);
      await expect(store.putSkillEmbeddings('m', [{ skillId: 'nope', textHash: 'x', vector: unit(0) }])).rejects.toMatchObject({ code: 'UNKNOWN_REFERENCE' });
    } finally {
      await store.close();
    }
  });

  it('rankCandidatesByCypher ranks a candidate holding a credential for the role', async () => {
    const store = await freshStore();
    try {
      await store.importTaxonomy(fixtureTaxonomy);
      await store.putRecords(fixtureRecords);
      const ranked = await store.rankCandidatesByCypher('urn:role:1', 10);
      expect(ranked.map((r) => r.candidateId)).toEqual(['urn:cand:ada']);
      expect(ranked[0]!.fit).toBeGreaterThan(0);
      expect(ranked[0]!.fit).toBeLessThanOrEqual(1);
    } finally {
      await store.close();
    }
  });
});
