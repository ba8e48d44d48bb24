/**
 * Neo4j store vs in-process / SQLite baselines, in one run (numbers go to docs/BENCHMARKS.md):
 *   1. full ESCO v1.1.1 import: Neo4j (one transaction, empty database) vs SQLite (temp file), ratio;
 *      plus a Neo4j re-import of the same data (replace; only the difference is written);
 *   2. skill search: Neo4j vector index (HNSW, cosine) vs exact in-process cosine over the same
 *      vectors: recall@10 and median latency;
 *   3. ranking candidates for a role: one Cypher query (bench/support/cypher-ranking.ts) vs the ENGINE's
 *      ranking index (`createRankingIndex` over `createProfileBuilder` profiles and
 *      `SkillGraph.fromData`), same generated records, at each candidate count: p50/p99 latency of
 *      top-10 with explanations off and on, ratios, and top-10 agreement. The engine runs twice:
 *      configured to compute the Cypher query's quantity (agreement is checked id by id and score by
 *      score) and with its defaults (the product's ranking; a richer quantity, so only overlap is shown).
 *
 *   npx tsx bench/neo4j-store.ts                 # starts its own server with scripts/neo4j (or uses $NEO4J_URI)
 *   npx tsx bench/neo4j-store.ts --real          # real all-MiniLM-L6-v2 embeddings of skill labels (slower)
 *   npx tsx bench/neo4j-store.ts --queries 200 --candidates 5000,50000
 *   npx tsx bench/neo4j-store.ts --only ranking --candidates 5000,50000   # Neo4j ESCO import + part 3 only
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFitScorer, type FitScorer } from '../engine/fit/fit-scorer.ts';
import type { FitOptions } from '../engine/fit/types.ts';
import { seededRandom, type RandomSource } from '../engine/ports/random.ts';
import { createProfileBuilder, type ProfileOptions, type SkillProfile } from '../engine/profile/index.ts';
import { createRankingIndex, type RankingIndex } from '../engine/rank/ranking-index.ts';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { SkillGraph } from '../taxonomy/model/skill-graph.ts';
import type { Award, Candidate, Credential, RecordsBatch, Role, SkillLink, TaxonomyData } from '../taxonomy/model/types.ts';
import { clearNeo4jDatabase, startDevServer, type DevServer } from '../taxonomy/stores/neo4j/dev-server.ts';
import { createNeo4jStore } from '../taxonomy/stores/neo4j/neo4j-store.ts';
import { createCypherRanker, CYPHER_FIT_FACTORS as F } from './support/cypher-ranking.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const REAL = process.argv.includes('--real');
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
if (ONLY !== null && ONLY !== 'ranking') throw new Error(`invalid --only: ${ONLY} (expected ranking)`);
const QUERIES = arg('queries', 100);
const CANDIDATE_COUNTS = (process.argv.includes('--candidates') ? process.argv[process.argv.indexOf('--candidates') + 1]! : '5000,50000')
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
if (CANDIDATE_COUNTS.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`invalid --candidates: ${CANDIDATE_COUNTS.join(',')}`);
const CREDENTIALS = arg('credentials', 400);
const ROLES = arg('roles', 50);
/** Each role is ranked this many times per side (samples = ROLES × PASSES). */
const PASSES = arg('passes', 2);
const DIM = 384;
const K = 10;

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const median = (xs: number[]): number => quantile(xs, 0.5);
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

  await clearNeo4jDatabase(opts);
  const store = await createNeo4jStore(opts);
  if (ONLY === 'ranking') {
    const [, neoMs] = await timed(() => store.importTaxonomy(data));
    console.log(`ESCO imported into Neo4j in ${(neoMs / 1000).toFixed(1)} s (--only ranking: parts 1 and 2 skipped)`);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'skillgraph-bench-'));
    const sqlite = await createSqliteStore(join(dir, 'bench.db'));
    const [, sqliteMs] = await timed(() => sqlite.importTaxonomy(data));
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
    const [, neoMs] = await timed(() => store.importTaxonomy(data));
    const [, neoAgainMs] = await timed(() => store.importTaxonomy(data));
    const stats = await store.stats();
    console.log(`\n1. full ESCO import (${stats.skills} skills, ${stats.occupationSkills} occupation skills stored)`);
    console.log(`   SQLite (file, one transaction)          ${(sqliteMs / 1000).toFixed(2)} s`);
    console.log(`   Neo4j (empty db, one transaction)       ${(neoMs / 1000).toFixed(2)} s   ratio Neo4j/SQLite ${(neoMs / sqliteMs).toFixed(1)}x   goal <= 30 s: ${neoMs <= 30_000 ? 'met' : 'MISSED'}`);
    console.log(`   Neo4j re-import, same data (replace)    ${(neoAgainMs / 1000).toFixed(2)} s   (diff: nothing written)`);
    await vectorSearch(data, store);
  }

  // -------------------------------------------------------------- 3. ranking
  await rankingComparison(data, store);
  await store.close();
} finally {
  await server?.stop();
}

// ---------------------------------------------------------------- parts 2 and 3
type Neo4jStore = Awaited<ReturnType<typeof createNeo4jStore>>;

/** 2. skill search: Neo4j vector index vs exact in-process cosine over the same vectors. */
async function vectorSearch(data: TaxonomyData, store: Neo4jStore): Promise<void> {
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
}

/**
 * Profile and fit options that make the engine compute the Cypher query's quantity (see
 * bench/support/cypher-ranking.ts). A function declaration: the module's top-level await runs before later consts are set.
 */
function cypherEquivalent(): { profile: ProfileOptions; fit: FitOptions } {
  return {
  // strength = the best single evidence; a credential link counts 1 (verified, hosted-verified) or 0.6
  // (unverified, unverifiable); a claim 0.5 (claims are 'self-claimed' evidence); no recency decay
  profile: {
    combine: 'max',
    halfLifeYears: Infinity,
    verificationWeights: { verified: F.verified, 'hosted-verified': F.verified, unverified: F.unverified, unverifiable: F.unverified, 'self-claimed': F.claim },
  },
  // exact 1, a direct child (one step narrower) 0.8, nothing broader or related; score = weighted coverage
  fit: { narrowerCredit: F.narrower, broaderCredit: 0, relatedCredit: 0, maxDistance: 1, signalWeights: { essentialPenalty: 0, verifiedShare: 0 } },
  };
}

interface EngineSide {
  readonly name: string;
  readonly index: RankingIndex;
  readonly buildMs: number;
}

/** Profiles of the first `n` candidates (awards grouped by candidate), then the engine's ranking index. */
function buildEngine(name: string, graph: SkillGraph, batch: RecordsBatch, n: number, profile: ProfileOptions, fit: FitOptions): EngineSide {
  const t0 = performance.now();
  const builder = createProfileBuilder(profile);
  const scorer: FitScorer = createFitScorer({ graph, ...fit });
  const credentials = new Map(batch.credentials!.map((c) => [c.id, c]));
  const awardsOf = new Map<string, Award[]>();
  for (const a of batch.awards!) {
    const list = awardsOf.get(a.candidateId);
    if (list) list.push(a);
    else awardsOf.set(a.candidateId, [a]);
  }
  const profiles: SkillProfile[] = batch.candidates!.slice(0, n).map((candidate) =>
    builder.build({ candidate, awards: awardsOf.get(candidate.id) ?? [], credentials, now: '2026-01-01T00:00:00Z' }),
  );
  const index = createRankingIndex(graph, profiles, { scorer });
  return { name, index, buildMs: performance.now() - t0 };
}

/** 3. ranking: one Cypher query vs the engine's ranking index, at each candidate count. */
async function rankingComparison(data: TaxonomyData, store: Neo4jStore): Promise<void> {
  const maxN = CANDIDATE_COUNTS[CANDIDATE_COUNTS.length - 1]!;
  const batch = generateRecords(data, seededRandom(7), maxN);
  const graph = SkillGraph.fromData(data);
  const roles = batch.roles!;
  const candidates = batch.candidates!;
  const awards = batch.awards!;
  const awardEnd = (n: number): number => (n >= candidates.length ? awards.length : awards.findIndex((a) => a.candidateId === candidates[n]!.id));
  console.log(`\n3. rank candidates for a role (top ${K}): ${CREDENTIALS} credentials, ${roles.length} roles x ${PASSES} passes = ${roles.length * PASSES} queries per row`);
  let stored = 0;
  const cypher = createCypherRanker(opts);
  try {
    for (const n of CANDIDATE_COUNTS) {
      // grow the stored records to the first n candidates (chunks of 10k candidates, one transaction each)
      const t0 = performance.now();
      if (stored === 0) await store.putRecords({ credentials: batch.credentials!, postings: [] });
      for (let from = stored; from < n; from += 10_000) {
        const to = Math.min(n, from + 10_000);
        await store.putRecords({ candidates: candidates.slice(from, to), awards: awards.slice(awardEnd(from), awardEnd(to)) });
      }
      if (stored === 0) await store.putRecords({ roles });
      const putMs = performance.now() - t0;
      stored = n;
      const storedStats = await store.stats();

      const { profile, fit } = cypherEquivalent();
      const equivalent = buildEngine('engine, Cypher-equivalent options', graph, batch, n, profile, fit);
      const defaults = buildEngine('engine, default options', graph, batch, n, {}, {});

      const cypherTimes: number[] = [];
      const cypherTop = new Map<string, { candidateId: string; fit: number }[]>();
      for (const role of roles.slice(0, 5)) await cypher.rank(role.id, K); // warm-up
      for (let pass = 0; pass < PASSES; pass++) {
        for (const role of roles) {
          const [top, t] = await timed(() => cypher.rank(role.id, K));
          cypherTimes.push(t);
          cypherTop.set(role.id, top);
        }
      }
      const rows: string[] = [];
      const pct = (xs: number[]): string => `p50 ${ms(quantile(xs, 0.5)).padStart(9)}  p99 ${ms(quantile(xs, 0.99)).padStart(9)}`;
      rows.push(`   ${'one Cypher query (bench/support/cypher-ranking)'.padEnd(55)}${pct(cypherTimes)}`);
      let identical = 0;
      let sameScores = 0;
      let overlap = 0;
      for (const side of [equivalent, defaults]) {
        for (const explain of [false, true]) {
          for (const role of roles.slice(0, 5)) side.index.rank(role, { top: K, explain }); // warm-up
          const times: number[] = [];
          for (let pass = 0; pass < PASSES; pass++) {
            for (const role of roles) {
              const t1 = performance.now();
              const page = side.index.rank(role, { top: K, explain });
              times.push(performance.now() - t1);
              if (pass > 0 || explain) continue;
              const cy = cypherTop.get(role.id)!;
              if (side === equivalent) {
                if (cy.length === page.items.length && cy.every((c, i) => c.candidateId === page.items[i]!.candidateId)) identical++;
                if (cy.length === page.items.length && cy.every((c, i) => Math.abs(c.fit - page.items[i]!.score) < 1e-6)) sameScores++;
              } else {
                const ids = new Set(cy.map((c) => c.candidateId));
                overlap += page.items.filter((x) => ids.has(x.candidateId)).length;
              }
            }
          }
          const ratio = quantile(cypherTimes, 0.5) / quantile(times, 0.5);
          rows.push(`   ${`${side.name}, explain ${explain ? 'on ' : 'off'}`.padEnd(55)}${pct(times)}   Cypher/engine p50 ${ratio.toFixed(1)}x`);
        }
      }
      console.log(
        `\n   ${n} candidates, ${awardEnd(n)} awards (stored: ${storedStats.candidates} candidates, ${storedStats.awards} awards; putRecords ${(putMs / 1000).toFixed(1)} s);` +
          ` engine build (profiles + index): equivalent ${(equivalent.buildMs / 1000).toFixed(2)} s, defaults ${(defaults.buildMs / 1000).toFixed(2)} s`,
      );
      for (const r of rows) console.log(r);
      console.log(`   top-${K} vs Cypher: Cypher-equivalent engine: same ids in the same order ${identical}/${roles.length} roles, same scores (|d| < 1e-6) ${sameScores}/${roles.length};` +
        ` default engine: ${(overlap / roles.length).toFixed(1)}/${K} ids shared on average`);
    }
  } finally {
    await cypher.close();
  }
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

/**
 * Seeded records: credentials teach 3-8 skills from a pool of 1,500 ESCO skills; roles need 12 taught
 * skills or their parents; candidates hold 1-4 awards (verified, hosted-verified, unverified or
 * unverifiable) and claim 0-3 skills. Credentials and roles come first and each candidate's awards
 * right after it, so the first n candidates of a larger run are exactly an n-candidate run.
 */
function generateRecords(data: TaxonomyData, rnd: RandomSource, nCandidates: number): RecordsBatch {
  const pool = data.skills.filter((_, i) => i % 9 === 0).slice(0, 1500).map((s) => s.id);
  const skillIds = new Set(data.skills.map((s) => s.id));
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
  // Requirements: skills credentials teach, plus parents of taught skills (exercises the narrower rule).
  const parents = parentsOf(data);
  const taught = [...new Set(credentials.flatMap((c) => c.skills.map((s) => s.skillId)))];
  const roles: Role[] = Array.from({ length: ROLES }, (_, i) => {
    const ids = new Set<string>();
    while (ids.size < 12) {
      const s = pick(taught);
      const up = (parents.get(s) ?? []).filter((p) => skillIds.has(p));
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
  // No 'self-claimed' awards: the engine weighs that status like a claim, the Cypher query like any unverified award.
  const statuses = ['verified', 'hosted-verified', 'unverified', 'unverifiable'] as const;
  const candidates: Candidate[] = [];
  const awards: Award[] = [];
  for (let i = 0; i < nCandidates; i++) {
    const id = `urn:bench:cand:${String(i).padStart(6, '0')}`;
    candidates.push({ id, name: `Candidate ${i}`, sharedWith: [], claimedSkills: Array.from({ length: Math.floor(rnd() * 4) }, () => link(pick(pool), 'claim')), experience: '', location: '' });
    const held = 1 + Math.floor(rnd() * 4);
    for (let j = 0; j < held; j++) {
      awards.push({ id: `urn:bench:award:${i}:${j}`, candidateId: id, credentialId: pick(credentials).id, issuedOn: '2025-01-01', expiresOn: null, verification: pick(statuses) });
    }
  }
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
