/**
 * Issue 14: the same question gets the same answer from the CLI and the API. On one SQLite store
 * holding the sample world, with job postings and candidates' experience linked by the real model (as
 * `skillgraph start` does), `skillgraph rank --json` (the real bin, a separate process) and the API's
 * `rankCandidates` (the real Yoga app over its own workspace on the same file) return the same top 20
 * candidates with the same scores for every sample role; `recommend` and `gaps` agree too.
 * Before app/, the CLI's read model skipped the skills linked from candidates' experience.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../app/clock.ts';
import { linkStoredDocuments } from '../app/link-stored.ts';
import { createModelLinker } from '../app/linking-pipeline.ts';
import { Workspace } from '../app/workspace.ts';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { createApp } from './yoga.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'skillgraph-parity-'));
const db = join(tmp, 'parity.db');
/** The CLI answers as of the day; the API's clock is later the same day (profiles are per day). */
const DAY = '2026-11-02';
const clock = fixedClock(`${DAY}T15:30:00Z`);

// oxlint-disable-next-line typescript/no-explicit-any
type Json = any;

/** Runs the real bin (its own process) on the store; resolves with the parsed `--json` output. */
function cli(...args: string[]): Promise<Json> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(repo, 'cli', 'skillgraph.mjs'), ...args, '--db', db, '--as-of', DAY, '--json'], { cwd: repo, env: { ...process.env, SKILLGRAPH_STORE: 'sqlite' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? ok(JSON.parse(out)) : fail(new Error(`skillgraph ${args.join(' ')} exited ${code}: ${err}`))));
  });
}

/** Runs `tasks` two at a time (the machine has two cores). */
async function pooled<T>(tasks: readonly (() => Promise<T>)[], width = 2): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]!();
    }
  }));
  return out;
}

let store: GraphStore;
let app: ReturnType<typeof createApp>;
let adminKey: string;
let roleIds: string[];

async function gql(query: string, variables: Record<string, unknown>): Promise<Json> {
  const res = await app.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as Json;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

beforeAll(async () => {
  const sample = await loadSample();
  store = await createSqliteStore(db);
  await store.importTaxonomy(sample.taxonomy);
  await store.putRecords(sample.records);
  roleIds = (sample.records.roles ?? []).map((r) => r.id).sort();
  // what `skillgraph start` does in the background: queue and link postings, credentials and experience, write the links
  const linker = await createModelLinker(store, sample.taxonomy.skills, { occupationSkills: sample.taxonomy.occupationSkills });
  try {
    await linkStoredDocuments(store, linker);
  } finally {
    await linker.dispose();
  }
  // the API: a fresh workspace on the same file (as a restarted server would read it), no model
  const workspace = await Workspace.open({ store });
  app = createApp({ workspace, clock, production: true });
  adminKey = (await workspace.keys.create({ role: 'admin' }, clock())).key;
}, 900_000);

afterAll(async () => {
  await store?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const RANK = `query($r: ID!) { rankCandidates(roleId: $r, first: 20) { __typename ... on RankedCandidateConnection { totalCount edges { score node { fit candidate { id } requirements { skill { id } coverage best { evidenceKind } } } } } } }`;

describe('issue 14: the CLI and the API give the same answers on the same store', () => {
  it('the stored links include skills from candidates\u2019 experience (what the CLI used to skip)', async () => {
    const linked = (await store.listCandidates()).filter((c) => (c.experienceSkills?.length ?? 0) > 0);
    expect(linked.length).toBeGreaterThan(100);
  });

  it('rank --json and rankCandidates: the same top 20 with the same scores and fits, for every sample role', async () => {
    expect(roleIds).toHaveLength(40);
    const fromCli = await pooled(roleIds.map((r) => () => cli('rank', '--role', r, '--top', '20')));
    let experienceEvidence = 0;
    for (const [i, roleId] of roleIds.entries()) {
      const api = (await gql(RANK, { r: roleId })).rankCandidates;
      expect(api.__typename).toBe('RankedCandidateConnection');
      const page = fromCli[i];
      // the CLI's JSON uses the GraphQL names (issue 15): totalCount, edges[].score, edges[].node.fit
      expect(page.totalCount, roleId).toBe(api.totalCount);
      const cliTop = page.edges.map((x: Json) => [x.node.candidateId, x.score, x.node.fit]);
      const apiTop = api.edges.map((e: Json) => [e.node.candidate.id, e.score, e.node.fit]);
      expect(cliTop, roleId).toHaveLength(20);
      expect(apiTop, roleId).toEqual(cliTop);
      experienceEvidence += api.edges.filter((e: Json) => e.node.requirements.some((q: Json) => q.best?.evidenceKind === 'experience')).length;
    }
    // the experience links take part in the ranking both sides agree on
    expect(experienceEvidence).toBeGreaterThan(0);
  }, 900_000);

  it('recommend --json and recommendCredentials: the same fit, next credentials and pathways', async () => {
    const pairs = roleIds.slice(0, 8).map((r, i) => ({ role: r, candidate: `urn:sample:candidate:${String(17 + 97 * i).padStart(4, '0')}` }));
    const fromCli = await pooled(pairs.map((p) => () => cli('recommend', '--candidate', p.candidate, '--role', p.role, '--budget', '900')));
    const q = `query($c: ID!, $r: ID!) { recommendCredentials(candidateId: $c, roleId: $r, budget: 900) { __typename ... on Recommendations { fitBefore targetFit reachableFit next { credential { id } gain cost hours value } pathway { totalCost totalHours fitAfter steps { credential { id } } } cheapest { totalCost steps { credential { id } } } fastest { totalHours steps { credential { id } } } } } }`;
    for (const [i, p] of pairs.entries()) {
      const api = (await gql(q, { c: p.candidate, r: p.role })).recommendCredentials;
      const out = fromCli[i];
      expect(api.__typename).toBe('Recommendations');
      expect(api.fitBefore, p.role).toBe(out.fit);
      // one default target for both (issue 15): relative to what the catalogue reaches within budget
      expect(api.targetFit).toBe(out.targetFit);
      expect(api.reachableFit).toBe(out.reachableFit);
      expect(out.targetFrom).toBe('reachable');
      expect(api.next.map((n: Json) => [n.credential.id, n.gain, n.cost, n.hours, n.value])).toEqual(out.next.map((n: Json) => [n.credentialId, n.gain, n.cost, n.hours, n.value]));
      const steps = (path: Json) => (path ? path.steps.map((s: Json) => s.credential?.id ?? s.credentialId) : null);
      expect(steps(api.pathway)).toEqual(steps(out.pathway));
      expect(api.pathway?.fitAfter ?? null).toBe(out.pathway?.fitAfter ?? null);
      expect(steps(api.cheapest)).toEqual(steps(out.cheapest));
      expect(steps(api.fastest)).toEqual(steps(out.fastest));
    }
  }, 600_000);

  it('gaps --json and gaps: the same window and the same rows by skill, group, occupation and month', async () => {
    const dims = ['skill', 'group', 'occupation', 'month'];
    const fromCli = await pooled(dims.map((by) => () => cli('gaps', '--by', by)));
    const q = `query($by: GapBy) { gaps(by: $by) { ... on GapReport { from to cells { key month demand demandCount supply verifiedSupply gap suppressed } } } }`;
    for (const [i, by] of dims.entries()) {
      const api = (await gql(q, { by: by.toUpperCase() })).gaps;
      const out = fromCli[i];
      expect([api.from, api.to]).toEqual([out.from, out.to]);
      const row = (r: Json) => [r.key, r.month ?? null, r.demand, r.demandCount, r.supply, r.verifiedSupply, r.gap, r.suppressed];
      expect(api.cells.length, by).toBeGreaterThan(0);
      expect(api.cells.map(row), by).toEqual(out.cells.map(row));
    }
  }, 600_000);
});
