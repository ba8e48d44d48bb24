/**
 * Neo4j store vs in-process / SQLite baselines, in one run (numbers go to docs/BENCHMARKS.md):
 *   1. full ESCO v1.1.1 import: Neo4j (one transaction, empty database) vs SQLite (temp file), ratio;
 *      plus a Neo4j re-import of the same data (replace; only the difference is written);
 *   2. skill search: Neo4j vector index (HNSW, cosine) vs exact in-process cosine over the same
 *      vectors: recall@10 and median latency;
 *   3. ranking candidates for a role: one Cypher query vs an in-process ranking of the same formula
 *      over the same generated records (data already in memory), ratio and top-10 agreement.
 *
 *   npx tsx bench/neo4j-store.ts                 # starts its own server with scripts/neo4j (or uses $NEO4J_URI)
 *   npx tsx bench/neo4j-store.ts --real          # real all-MiniLM-L6-v2 embeddings of skill labels (slower)
 *   npx tsx bench/neo4j-store.ts --queries 200 --candidates 5000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom, type RandomSource } from '../engine/ports/random.ts';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import type { Award, Candidate, Credential, RecordsBatch, Role, SkillLink, TaxonomyData } from '../taxonomy/model/types.ts';
import { clearNeo4jDatabase, startDevServer, type DevServer } from '../taxonomy/stores/neo4j/dev-server.ts';
import { createNeo4jStore, CYPHER_FIT_FACTORS as F } from '../taxonomy/stores/neo4j/neo4j-store.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const REAL = process.argv.includes('--real');
const QUERIES = arg('queries', 100);
const CANDIDATES = arg('candidates', 5000);
const CREDENTIALS = arg('credentials', 400);
const ROLES = arg('roles', 20);
const DIM = 384;
const K = 10;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const ms = (x: number): string => `${x.toFixed(1)} ms`;
async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await f();
  return [out, performance.now() - t0];
}

// ---------------------------------------------------------------- server
const repo = fileURLToPath(new URL('../', import.meta.url));
let server: DevServer | null = null;
let uri = process.env['NEO4J_URI'] ?? '';
if (!uri) {
  const [s, t] = await timed(() => startDevServer(join(repo, '.cache', 'neo4j-bench')));
  server = s;
  uri = s.uri;
  console.log(`server: scripts/neo4j start ${(t / 1000).toFixed(1)} s (${uri})`);
}
const opts = { uri, ...(process.env['NEO4J_USER'] ? { user: process.env['NEO4J_USER'], password: process.env['NEO4J_PASSWORD'] ?? '' } : {}) };

try {
  // -------------------------------------------------------------- 1. import
  const [data, loadMs] = await timed(() => loadEsco(sharedPath('datasets', 'esco-v1.1.1')));
  const rows = data.skills.length + data.groups.length + data.broader.length + data.skillRelations.length + data.occupations.length + data.occupationSkills.length;
  console.log(`ESCO loaded in ${(loadMs / 1000).toFixed(1)} s: ${rows} rows (${data.skills.length} skills, ${data.occupationSkills.length} occupation skills)`);

  const dir = mkdtempSync(join(tmpdir(), 'skillgraph-bench-'));
  const sqlite = await createSqliteStore(join(dir, 'bench.db'));
  const [, sqliteMs] = await timed(() => sqlite.importTaxonomy(data));
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });

  await clearNeo4jDatabase(opts);
  const store = await createNeo4jStore(opts);
  const [, neoMs] = await timed(() => store.importTaxonomy(data));
  const [, neoAgainMs] = await timed(() => store.importTaxonomy(data));
  const stats = await store.stats();
  console.log(`\n1. full ESCO import (${stats.skills} skills, ${stats.occupationSkills} occupation skills stored)`);
  console.log(`   SQLite (file, one transaction)          ${(sqliteMs / 1000).toFixed(2)} s`);
  console.log(`   Neo4j (empty db, one transaction)       ${(neoMs / 1000).toFixed(2)} s   ratio Neo4j/SQLite ${(neoMs / sqliteMs).toFixed(1)}x   goal <= 30 s: ${neoMs <= 30_000 ? 'met' : 'MISSED'}`);
  console.log(`   Neo4j re-import, same data (replace)    ${(neoAgainMs / 1000).toFixed(2)} s   (diff: nothing written)`);

  // -------------------------------------------------------------- 2. vector search
  const rnd = seededRandom(42);
  const vectors = REAL ? await realEmbeddings(data) : data.skills.map(() => randomUnit(rnd));
  const modelId = REAL ? 'all-MiniLM-L6-v2' : 'random-unit-384';
  const [, putMs] = await timed(() => store.putSkillEmbeddings(modelId, data.skills.map((s, i) => ({ skillId: s.id, textHash: `bench-${i}`, vector: vectors[i]! }))));
  const queries = Array.from({ length: QUERIES }, (_, q) => (REAL ? perturb(vectors[(q * 137) % vectors.length]!, rnd) : randomUnit(rnd)));
  const exactTimes: number[] = [];
  const exact = queries.map((q) => {
    const t0 = performance.now();
    const top = exactTopK(vectors, q, K);
    exactTimes.push(performance.now() - t0);
    return top.map((i) => data.skills[i]!.id);
  });
  const results: string[] = [];
  for (const q of queries.slice(0, 10)) await store.searchSkillsByVector(modelId, q, K, 10 * K); // warm-up
  for (const candidates of [K, 4 * K, 10 * K]) {
    const times: number[] = [];
    let hit = 0;
    for (let q = 0; q < queries.length; q++) {
      const t0 = performance.now();
      const hits = await store.searchSkillsByVector(modelId, queries[q]!, K, candidates);
      times.push(performance.now() - t0);
      const want = new Set(exact[q]);
      hit += hits.filter((h) => want.has(h.skillId)).length;
    }
    results.push(`   Neo4j vector index, ${String(candidates).padStart(3)} candidates   recall@10 ${(hit / (K * queries.length)).toFixed(3)}   median ${ms(median(times))}`);
  }
  console.log(`\n2. skill search, ${data.skills.length} skills x ${DIM}-d ${REAL ? 'all-MiniLM-L6-v2 label embeddings, queries = perturbed skill vectors' : 'RANDOM unit vectors (not the real embedder)'}, ${QUERIES} queries, k=${K}`);
  console.log(`   putSkillEmbeddings ${(putMs / 1000).toFixed(2)} s`);
  console.log(`   exact in-process cosine (Float32Array)  recall@10 1.000   median ${ms(median(exactTimes))}`);
  for (const line of results) console.log(line);

  // -------------------------------------------------------------- 3. ranking
  const batch = generateRecords(data, seededRandom(7));
  const [, putRecMs] = await timed(() => store.putRecords(batch));
  const broader = parentsOf(data);
  const cypherTimes: number[] = [];
  const localTimes: number[] = [];
  let agree = 0;
  await store.rankCandidatesByCypher(batch.roles![0]!.id, K); // warm-up
  rankInProcess(batch.roles![0]!, batch, broader, K);
  for (const role of batch.roles!) {
    const [cy, t] = await timed(() => store.rankCandidatesByCypher(role.id, K));
    cypherTimes.push(t);
    const t0 = performance.now();
    const local = rankInProcess(role, batch, broader, K);
    localTimes.push(performance.now() - t0);
    const same = cy.length === local.length && cy.every((c, i) => c.candidateId === local[i]!.candidateId && Math.abs(c.fit - local[i]!.fit) < 1e-9);
    if (same) agree++;
  }
  console.log(`\n3. rank candidates for a role: ${CANDIDATES} candidates, ${batch.awards!.length} awards, ${CREDENTIALS} credentials, ${ROLES} roles (putRecords ${(putRecMs / 1000).toFixed(2)} s)`);
  console.log(`   in-process ranking (records in memory)  median ${ms(median(localTimes))}`);
  console.log(`   one Cypher query (rankCandidatesByCypher) median ${ms(median(cypherTimes))}   ratio Cypher/in-process ${(median(cypherTimes) / median(localTimes)).toFixed(1)}x`);
  console.log(`   identical top-${K} (ids and fit): ${agree}/${batch.roles!.length} roles`);
  await store.close();
} finally {
  await server?.stop();
}

// ---------------------------------------------------------------- helpers
function randomUnit(rnd: RandomSource): Float32Array {
  const v = new Float32Array(DIM);
  let n = 0;
  for (let i = 0; i < DIM; i++) {
    // Box-Muller: gaussian components give uniformly distributed directions.
    const g = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    v[i] = g;
    n += g * g;
  }
  n = Math.sqrt(n);
  for (let i = 0; i < DIM; i++) v[i] = v[i]! / n;
  return v;
}

function perturb(v: Float32Array, rnd: RandomSource): Float32Array {
  const noise = randomUnit(rnd);
  const out = new Float32Array(DIM);
  let n = 0;
  for (let i = 0; i < DIM; i++) {
    out[i] = v[i]! + 0.5 * noise[i]!;
    n += out[i]! * out[i]!;
  }
  n = Math.sqrt(n);
  for (let i = 0; i < DIM; i++) out[i] = out[i]! / n;
  return out;
}

/** Exact top-k by dot product (vectors are unit length, so this is cosine); ties on index. */
function exactTopK(vectors: readonly Float32Array[], q: Float32Array, k: number): number[] {
  const best: { i: number; s: number }[] = [];
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i]!;
    let s = 0;
    for (let d = 0; d < DIM; d++) s += v[d]! * q[d]!;
    if (best.length < k || s > best[best.length - 1]!.s) {
      best.push({ i, s });
      best.sort((a, b) => b.s - a.s || a.i - b.i);
      if (best.length > k) best.pop();
    }
  }
  return best.map((b) => b.i);
}

async function realEmbeddings(data: TaxonomyData): Promise<Float32Array[]> {
  const { createTransformersEmbedder } = await import('../engine/adapters/transformers-embedder.ts');
  const embedder = await createTransformersEmbedder({ dtype: 'q8' });
  const t0 = performance.now();
  const out = await embedder.embed(data.skills.map((s) => s.preferredLabel));
  console.log(`   (embedded ${out.length} skill labels with ${embedder.modelId} in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  await embedder.dispose();
  return out;
}

/** Seeded records: credentials teach 3-8 skills from a pool of 1,500 ESCO skills; candidates hold 1-4 awards and claim 0-3 skills. */
function generateRecords(data: TaxonomyData, rnd: RandomSource): RecordsBatch {
  const pool = data.skills.filter((_, i) => i % 9 === 0).slice(0, 1500).map((s) => s.id);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const link = (skillId: string, kind: 'alignment' | 'claim'): SkillLink => ({ skillId, confidence: Math.round((0.5 + rnd() * 0.5) * 100) / 100, provenance: { kind, source: 'bench', span: null } });
  const credentials: Credential[] = Array.from({ length: CREDENTIALS }, (_, i) => ({
    id: `urn:bench:cred:${i}`,
    format: 'sample',
    name: `Credential ${i}`,
    description: '',
    issuer: { id: 'urn:bench:issuer', name: 'Bench' },
    credentialType: 'badge',
    level: '',
    cost: null,
    hours: null,
    skills: Array.from({ length: 3 + Math.floor(rnd() * 6) }, () => link(pick(pool), 'alignment')),
    requires: [],
    isPartOf: [],
  }));
  const candidates: Candidate[] = Array.from({ length: CANDIDATES }, (_, i) => ({
    id: `urn:bench:cand:${String(i).padStart(5, '0')}`,
    name: `Candidate ${i}`,
    sharedWith: [],
    claimedSkills: Array.from({ length: Math.floor(rnd() * 4) }, () => link(pick(pool), 'claim')),
    experience: '',
    location: '',
  }));
  const statuses = ['verified', 'hosted-verified', 'unverified', 'self-claimed'] as const;
  const awards: Award[] = candidates.flatMap((c, i) =>
    Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, j) => ({
      id: `urn:bench:award:${i}:${j}`,
      candidateId: c.id,
      credentialId: pick(credentials).id,
      issuedOn: '2025-01-01',
      expiresOn: null,
      verification: pick(statuses),
    })),
  );
  // Requirements: skills credentials teach, plus parents of taught skills (exercises the narrower rule).
  const parents = parentsOf(data);
  const taught = [...new Set(credentials.flatMap((c) => c.skills.map((s) => s.skillId)))];
  const roles: Role[] = Array.from({ length: ROLES }, (_, i) => {
    const ids = new Set<string>();
    while (ids.size < 12) {
      const s = pick(taught);
      const up = (parents.get(s) ?? []).filter((p) => data.skills.some((x) => x.id === p));
      ids.add(rnd() < 0.25 && up.length > 0 ? pick(up) : s);
    }
    return {
      id: `urn:bench:role:${i}`,
      title: `Role ${i}`,
      organisationId: 'urn:bench:org',
      postingId: null,
      occupationId: null,
      requirements: [...ids].map((skillId) => ({ skillId, weight: 1 + Math.floor(rnd() * 3), essential: rnd() < 0.5 })),
    };
  });
  return { credentials, candidates, awards, roles };
}

function parentsOf(data: TaxonomyData): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of data.broader) {
    const list = out.get(e.childId) ?? [];
    if (!list.includes(e.parentId)) list.push(e.parentId);
    out.set(e.childId, list);
  }
  return out;
}

/** The Cypher ranking's formula, in process (see taxonomy/stores/neo4j/ranking.ts). */
function rankInProcess(role: Role, batch: RecordsBatch, parents: Map<string, string[]>, limit: number): { candidateId: string; fit: number }[] {
  const verified = new Set(['verified', 'hosted-verified']);
  const teaches = new Map<string, Map<string, number>>();
  for (const c of batch.credentials!) {
    const m = new Map<string, number>();
    for (const l of c.skills) m.set(l.skillId, Math.max(m.get(l.skillId) ?? 0, l.confidence));
    teaches.set(c.id, m);
  }
  const reqs = new Map<string, number>();
  for (const q of role.requirements) if (!reqs.has(q.skillId)) reqs.set(q.skillId, q.weight);
  const total = [...reqs.values()].reduce((a, b) => a + b, 0);
  const coverage = new Map<string, Map<string, number>>();
  const add = (cand: string, skill: string, conf: number): void => {
    if (!reqs.has(skill)) return;
    let m = coverage.get(cand);
    if (!m) coverage.set(cand, (m = new Map()));
    m.set(skill, Math.max(m.get(skill) ?? -Infinity, conf));
  };
  for (const c of batch.candidates!) {
    const claims = new Map<string, number>();
    for (const l of c.claimedSkills) claims.set(l.skillId, Math.max(claims.get(l.skillId) ?? 0, l.confidence));
    for (const [s, w] of claims) add(c.id, s, w * F.claim);
  }
  for (const a of batch.awards!) {
    const factor = verified.has(a.verification) ? F.verified : F.unverified;
    for (const [s, w] of teaches.get(a.credentialId) ?? []) {
      add(a.candidateId, s, w * factor);
      for (const p of parents.get(s) ?? []) add(a.candidateId, p, F.narrower * w * factor);
    }
  }
  const fits = [...coverage].map(([candidateId, m]) => {
    let score = 0;
    for (const [s, cov] of m) score += reqs.get(s)! * cov;
    return { candidateId, fit: score / total };
  });
  fits.sort((a, b) => b.fit - a.fit || (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0));
  return fits.slice(0, limit);
}
