/**
 * Crash safety of the SQLite store: a child process (scripts/crash-child.ts) writes — a full ESCO import,
 * credential batches, an award batch — and is SIGKILLed in the middle of the write (deterministically, while
 * paused inside the open transaction, and at seeded random delays). After reopening, the store holds exactly
 * the last committed state, `PRAGMA integrity_check` is ok, foreign keys hold, and rerunning the writer completes.
 * More iterations: SKILLGRAPH_CRASH_ITERATIONS / SKILLGRAPH_CRASH_ESCO_ITERATIONS (scripts/fuzz-long.ts).
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { awardBaseline, checkIntegrity, recordBatch, rng, spawnChild } from '../../../scripts/crash-child.ts';
import type { Credential, RecordsBatch, StoreStats } from '../../model/types.ts';
import { sharedPath } from '../../loaders/shared-path.ts';
import { fixtureRecords, fixtureTaxonomy } from '../contract/fixture.test-support.ts';
import type { GraphStore } from '../graph-store.ts';
import { createSqliteStore } from './sqlite-store.ts';

const SEED = Number(process.env['SKILLGRAPH_FUZZ_SEED'] ?? 42);
const ITERATIONS = Number(process.env['SKILLGRAPH_CRASH_ITERATIONS'] ?? 2);
const ESCO_ITERATIONS = Number(process.env['SKILLGRAPH_CRASH_ESCO_ITERATIONS'] ?? 1); // 1 ESCO load each: 1 in npm test, more in the long run
const ESCO = sharedPath('datasets', 'esco-v1.1.1');
const hasEsco = existsSync(join(ESCO, 'skills_en.csv'));

const dir = mkdtempSync(join(tmpdir(), 'skillgraph-crash-'));
let n = 0;
const freshFile = (): string => join(dir, `crash-${n++}.db`);
const outcomes: Record<string, Record<string, number>> = {};
const note = (test: string, outcome: string): void => {
  const t = (outcomes[test] ??= {});
  t[outcome] = (t[outcome] ?? 0) + 1;
};
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  const file = process.env['SKILLGRAPH_FUZZ_REPORT'];
  if (file) appendFileSync(file, `${JSON.stringify({ target: 'sqlite crash (SIGKILL)', seed: SEED, outcomes })}\n`);
});

interface Snapshot {
  readonly stats: StoreStats;
  readonly hash: string;
}

/** Everything a reader sees, hashed (taxonomy, every record kind, a meta key). */
async function snapshot(store: GraphStore): Promise<Snapshot> {
  const state = [
    await store.loadTaxonomy(),
    await store.listCredentials(),
    await store.listCandidates(),
    await store.listAwards(),
    await store.listPostings(),
    await store.listRoles(),
    await store.getMeta('crash.marker'),
  ];
  const hash = createHash('sha256');
  for (const part of state) hash.update(JSON.stringify(part));
  return { stats: await store.stats(), hash: hash.digest('hex') };
}

async function withStore<T>(file: string, f: (s: GraphStore) => Promise<T>): Promise<T> {
  const store = await createSqliteStore(file);
  try {
    return await f(store);
  } finally {
    await store.close();
  }
}

/** A store holding the contract fixture (+ `extra`), closed; returns its snapshot. */
async function baseline(file: string, extra?: RecordsBatch): Promise<Snapshot> {
  return withStore(file, async (s) => {
    await s.importTaxonomy(fixtureTaxonomy);
    await s.putRecords(fixtureRecords);
    if (extra) await s.putRecords(extra);
    await s.setMeta('crash.marker', 'baseline');
    return snapshot(s);
  });
}

function expectIntact(file: string): void {
  expect(checkIntegrity(file)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 });
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const walBytes = (file: string): number => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);

describe('SQLite store under SIGKILL', () => {
  it.runIf(hasEsco)(
    'importTaxonomy(ESCO v1.1.1) killed inside its transaction → the previous taxonomy and records intact, integrity ok; rerun completes [needs the shared ESCO v1.1.1]',
    async () => {
      const file = freshFile();
      const before = await baseline(file);
      const child = spawnChild(['esco', file, '--pause-at', 'occupationSkills:60000']);
      await child.waitFor(/^PAUSED$/, 150_000);
      await child.kill();
      expect(child.lines).not.toContain('COMMITTED');
      expectIntact(file);
      expect(await withStore(file, snapshot)).toEqual(before);
      note('esco paused', 'previous state');

      const rerun = spawnChild(['esco', file]);
      expect(await rerun.exited).toEqual({ code: 0, signal: null });
      expect(rerun.lines).toContain('CLOSED');
      expectIntact(file);
      const after = await withStore(file, async (s) => ({ stats: await s.stats(), credentials: await s.listCredentials() }));
      expect(after.stats).toMatchObject({ skills: 13_896, skillGroups: 647, broaderRelations: 20_656, skillRelations: 5_899, occupations: 3_007, occupationSkills: 123_855 });
      expect(after.stats).toMatchObject({ credentials: before.stats.credentials, awards: before.stats.awards, candidates: before.stats.candidates });
    },
    240_000,
  );

  it.runIf(hasEsco && ESCO_ITERATIONS > 0)(
    `importTaxonomy(ESCO) killed ${ESCO_ITERATIONS}× during COMMIT (seeded delay after the last row) → exactly before or exactly after, integrity ok [more in the long run: SKILLGRAPH_CRASH_ESCO_ITERATIONS]`,
    async () => {
      // The ESCO database (~39 MB) fits the store's 64 MiB page cache, so nothing reaches the WAL before
      // COMMIT: the dangerous window is the commit itself, which appends every page to the WAL.
      const r = rng(SEED);
      for (let i = 0; i < ESCO_ITERATIONS; i++) {
        const file = freshFile();
        const before = await baseline(file);
        const child = spawnChild(['esco', file]);
        await child.waitFor(/^PROGRESS crosswalk /, 150_000);
        await sleep(Math.floor(r() * 600));
        const wal = walBytes(file);
        await child.kill();
        expectIntact(file);
        const got = await withStore(file, snapshot);
        const walNote = wal === 0 ? 'WAL empty at kill' : `WAL ${Math.round(wal / 1e6)} MB at kill`;
        if (got.stats.skills === before.stats.skills) {
          expect(got).toEqual(before);
          expect(child.lines).not.toContain('COMMITTED');
          note('esco killed during commit', `previous state (${wal === 0 ? 'WAL empty at kill' : 'partial WAL discarded'})`);
        } else {
          expect(got.stats).toMatchObject({ skills: 13_896, occupationSkills: 123_855, credentials: before.stats.credentials });
          note('esco killed during commit', `new state (${child.lines.includes('COMMITTED') ? 'after the COMMITTED marker' : `commit done, marker not yet printed; ${walNote}`})`);
        }
        rmSync(file, { force: true });
      }
    },
    ESCO_ITERATIONS * 150_000,
  );

  /** Expected credentials when the first k batches of a writer committed. */
  const credentialsAfter = (base: readonly Credential[], prefix: string, seed: number, k: number, size: number): Credential[] =>
    [...base, ...Array.from({ length: k }, (_, i) => recordBatch('credentials', prefix, seed, i, size).credentials ?? []).flat()].sort(byId);

  it('putRecords(credentials) batches killed while paused inside batch 1 → exactly batch 0 committed; rerun completes', async () => {
    const file = freshFile();
    const before = await baseline(file);
    const base = (fixtureRecords.credentials ?? []) as Credential[];
    const child = spawnChild(['records', file, '--kind', 'credentials', '--prefix', 'urn:crash:p', '--seed', '7', '--batches', '3', '--size', '4000', '--pause-at', '1']);
    await child.waitFor(/^PAUSED$/);
    await child.kill();
    expectIntact(file);
    await withStore(file, async (s) => {
      expect(await s.listCredentials()).toEqual(credentialsAfter(base, 'urn:crash:p', 7, 1, 4000));
      expect({ ...(await s.stats()), credentials: 0 }).toEqual({ ...before.stats, credentials: 0 });
    });
    const rerun = spawnChild(['records', file, '--kind', 'credentials', '--prefix', 'urn:crash:p', '--seed', '7', '--batches', '3', '--size', '4000']);
    expect(await rerun.exited).toEqual({ code: 0, signal: null });
    await withStore(file, async (s) => expect(await s.listCredentials()).toEqual(credentialsAfter(base, 'urn:crash:p', 7, 3, 4000)));
    expectIntact(file);
    note('credentials paused', 'batch 0 only');
  }, 120_000);

  it(`putRecords(credentials) batches killed at ${ITERATIONS} seeded random delays → exactly the committed batches, integrity ok; rerun completes`, async () => {
    const r = rng(SEED + 1);
    const base = (fixtureRecords.credentials ?? []) as Credential[];
    const [batches, size] = [4, 6000];
    for (let i = 0; i < ITERATIONS; i++) {
      const file = freshFile();
      const before = await baseline(file);
      const seed = SEED + i;
      const args = ['records', file, '--kind', 'credentials', '--prefix', 'urn:crash:r', '--seed', String(seed), '--batches', String(batches), '--size', String(size)];
      const child = spawnChild(args);
      await child.waitFor(/^WRITING 0$/);
      await sleep(Math.floor(r() * 1500));
      await child.kill();
      const reported = child.lines.filter((l) => l.startsWith('COMMITTED ')).length;
      expectIntact(file);
      await withStore(file, async (s) => {
        const got = await s.listCredentials();
        // The child may die between a commit and its COMMITTED marker: then one more batch is in.
        const k = got.length === base.length + reported * size ? reported : reported + 1;
        expect(got).toEqual(credentialsAfter(base, 'urn:crash:r', seed, k, size));
        expect({ ...(await s.stats()), credentials: 0 }).toEqual({ ...before.stats, credentials: 0 });
        note('credentials random delay', k === 0 ? 'none committed' : k === batches ? 'all committed' : `${k}/${batches} committed`);
      });
      const rerun = spawnChild(args);
      expect(await rerun.exited).toEqual({ code: 0, signal: null });
      await withStore(file, async (s) => expect((await s.listCredentials()).length).toBe(base.length + batches * size));
      expectIntact(file);
      rmSync(file, { force: true });
    }
  }, 60_000 + ITERATIONS * 30_000);

  it(`putRecords(awards) of 30k awards killed mid-transaction (paused + ${ITERATIONS} random delays) → all or none, foreign keys hold`, async () => {
    const r = rng(SEED + 2);
    for (let i = 0; i <= ITERATIONS; i++) {
      const file = freshFile();
      const before = await baseline(file, awardBaseline());
      const paused = i === 0;
      const args = ['records', file, '--kind', 'awards', '--prefix', 'urn:crash:award', '--seed', String(SEED + i), '--batches', '1', '--size', '30000'];
      const child = spawnChild(paused ? [...args, '--pause-at', '0'] : args);
      if (paused) await child.waitFor(/^PAUSED$/);
      else {
        await child.waitFor(/^WRITING 0$/);
        await sleep(Math.floor(r() * 800));
      }
      await child.kill();
      expectIntact(file);
      await withStore(file, async (s) => {
        const got = await snapshot(s);
        if (got.stats.awards === before.stats.awards) {
          expect(got).toEqual(before);
          expect(child.lines).not.toContain('COMMITTED 0');
          note('awards', paused ? 'paused: none' : 'none');
        } else {
          expect(paused).toBe(false);
          expect(got.stats.awards).toBe(before.stats.awards + 30_000);
          expect((await s.listAwards()).filter((a) => a.id.startsWith('urn:crash:award:')).sort(byId)).toEqual([...(recordBatch('awards', 'urn:crash:award', SEED + i, 0, 30_000).awards ?? [])].sort(byId));
          note('awards', 'all');
        }
      });
      if (paused) {
        const rerun = spawnChild(args);
        expect(await rerun.exited).toEqual({ code: 0, signal: null });
        await withStore(file, async (s) => expect((await s.stats()).awards).toBe(before.stats.awards + 30_000));
        expectIntact(file);
      }
      rmSync(file, { force: true });
    }
  }, 60_000 + ITERATIONS * 30_000);
});
