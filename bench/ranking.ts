/**
 * Ranking at scale: the inverted index (engine/rank) vs a naive scan over all candidates × all their
 * skills, in the same run, on the same seeded candidates, for 20-skill roles; exact top-50 asserted equal.
 *
 *   npx tsx bench/ranking.ts                 # 10k, 100k, 1M candidates
 *   npx tsx bench/ranking.ts 10000 100000    # chosen sizes
 *   BENCH_GENERATED=1 npx tsx bench/ranking.ts   # generated taxonomy instead of ESCO
 *
 * Reports p50/p99 latency of each (ms), the speed-up, index build time and the index's typed-array
 * bytes per candidate (postings + query workspace) and the heap growth per candidate.
 */
import { createFitScorer } from '../engine/fit/fit-scorer.ts';
import type { RoleLike } from '../engine/fit/types.ts';
import { seededRandom } from '../engine/ports/random.ts';
import { rankByScan } from '../engine/rank/rank-by-scan.ts';
import { createRankingIndex } from '../engine/rank/ranking-index.ts';
import { TopK } from '../engine/embedding/top-k.ts';
import { candidateId, candidateProfile, candidateProfiles, candidateSkills, loadWorld, percentile } from './matching-fixtures.ts';
import type { World } from './matching-fixtures.ts';

const SEED = 20261129;
/** CPU time (user + system) of this process since `from`, in ms: steadier than wall time on a busy machine. */
const cpuMs = (from: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};
const TOP = 50;
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length > 0 ? sizes : [10_000, 100_000, 1_000_000];

/** The candidates again, as flat arrays per candidate (what a scan reads). */
function flatCandidates(world: World, n: number) {
  const start = new Int32Array(n + 1);
  const skills: number[] = [];
  const strengths: number[] = [];
  const verified: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = candidateSkills(SEED, i, world.pool.length);
    skills.push(...c.skill);
    strengths.push(...c.strength);
    verified.push(...c.verified.map((v) => (v ? 1 : 0)));
    start[i + 1] = skills.length;
  }
  return { start, skill: Int32Array.from(skills), strength: Float32Array.from(strengths), verified: Uint8Array.from(verified) };
}

/** Naive: for every candidate, for every requirement, for every skill of the candidate: look up sim. */
function naiveTopK(scorer: ReturnType<typeof createFitScorer>, world: World, flat: ReturnType<typeof flatCandidates>, n: number, role: RoleLike) {
  const p = scorer.prepare(role);
  // coverer sims by pool index (a fair baseline: no string hashing in the inner loop)
  const sims = p.coverers.map((set) => {
    const m = new Map<number, number>();
    world.pool.forEach((id, idx) => {
      const c = set.bySkill.get(id);
      if (c) m.set(idx, c.sim);
    });
    return m;
  });
  const heap = new TopK(TOP);
  for (let c = 0; c < n; c++) {
    let score = p.baseline;
    for (let j = 0; j < sims.length; j++) {
      let cov = 0;
      let vcov = 0;
      const m = sims[j]!;
      for (let k = flat.start[c]!; k < flat.start[c + 1]!; k++) {
        const sim = m.get(flat.skill[k]!);
        if (sim === undefined) continue;
        const v = sim * flat.strength[k]!;
        if (v > cov) cov = v;
        if (flat.verified[k] === 1 && v > vcov) vcov = v;
      }
      score += p.delta(j, cov, vcov);
    }
    heap.push(c, score);
  }
  return heap.sorted().map((e) => ({ candidateId: candidateId(e.index), score: e.score }));
}

const world = await loadWorld(SEED);
console.log(`taxonomy: ${world.source}, ${world.graph.skillCount} skills, pool of ${world.pool.length} skills; role = 20 skills; top ${TOP}`);
const scorer = createFitScorer({ graph: world.graph });

for (const n of SIZES) {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const t0 = performance.now();
  const index = createRankingIndex(world.graph, candidateProfiles(world, SEED, n), { scorer, profileOf: (id) => candidateProfile(world, SEED, Number(id.slice(5))) });
  const buildMs = performance.now() - t0;
  global.gc?.();
  const heapAfter = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const flat = flatCandidates(world, n);
  const rnd = seededRandom(SEED + n);
  const queries = n >= 1_000_000 ? 20 : 40;
  const naiveRuns = n >= 1_000_000 ? 5 : n >= 100_000 ? 10 : 40;
  const roles = Array.from({ length: queries }, (_, q) => {
    // 20 skills drawn from the pool (popular skills more often)
    const chosen = new Set<string>();
    while (chosen.size < 20) chosen.add(world.pool[Math.floor(world.pool.length * rnd() ** 2)]!);
    return { id: `role-${q}`, requirements: [...chosen].sort().map((skillId, j) => ({ skillId, weight: 0.5 + Math.round(rnd() * 10) / 20, essential: j % 3 === 0 })) };
  });
  // warm up (JIT, coverer caches) on a role not measured
  index.rank(roles[0]!, { top: TOP });
  naiveTopK(scorer, world, flat, Math.min(n, 10_000), roles[0]!);
  const indexMs: number[] = [];
  const coldMs: number[] = [];
  const indexCpu: number[] = [];
  const naiveCpu: number[] = [];
  const naiveMs: number[] = [];
  for (let q = 0; q < queries; q++) {
    const role = roles[q]!;
    // first query of a role: its skills' coverer sets (taxonomy expansion) are computed and cached
    const c0 = performance.now();
    index.rank({ ...role }, { top: TOP });
    coldMs.push(performance.now() - c0);
    const a = performance.now();
    const ca = process.cpuUsage();
    const page = index.rank(role, { top: TOP });
    indexMs.push(performance.now() - a);
    indexCpu.push(cpuMs(ca));
    if (q < naiveRuns) {
      const b = performance.now();
      const cb = process.cpuUsage();
      const naive = naiveTopK(scorer, world, flat, n, role);
      naiveMs.push(performance.now() - b);
      naiveCpu.push(cpuMs(cb));
      const got = page.items.map((i) => `${i.candidateId}:${i.score}`).join();
      const want = naive.map((i) => `${i.candidateId}:${i.score}`).join();
      if (got !== want) throw new Error(`top-${TOP} differs from the naive scan for ${role.id} at n=${n}`);
      for (const item of page.items) if (item.fit!.score !== item.score) throw new Error('explanation score differs from index score');
    }
  }
  if (n <= 10_000) {
    // and against the fit scorer on real profile objects
    const ref = rankByScan(scorer, roles[1]!, candidateProfiles(world, SEED, n), TOP);
    const got = index.rank(roles[1]!, { top: TOP }).items;
    if (ref.map((r) => `${r.candidateId}:${r.score}`).join() !== got.map((r) => `${r.candidateId}:${r.score}`).join()) throw new Error('index differs from rankByScan');
  }
  indexMs.sort((x, y) => x - y);
  naiveMs.sort((x, y) => x - y);
  coldMs.sort((x, y) => x - y);
  indexCpu.sort((x, y) => x - y);
  naiveCpu.sort((x, y) => x - y);
  const p50i = percentile(indexMs, 50);
  const p50n = percentile(naiveMs, 50);
  console.log(
    [
      `n=${n.toLocaleString('en-US')}`,
      `build ${(buildMs / 1000).toFixed(1)} s`,
      `index p50 ${p50i.toFixed(2)} ms p99 ${percentile(indexMs, 99).toFixed(2)} ms (${queries} roles, top-${TOP} with explanations; cold first query p50 ${percentile(coldMs, 50).toFixed(2)} p99 ${percentile(coldMs, 99).toFixed(2)} ms)`,
      `naive p50 ${p50n.toFixed(1)} ms p99 ${percentile(naiveMs, 99).toFixed(1)} ms (${naiveRuns} runs)`,
      `speed-up ×${(p50n / p50i).toFixed(1)}`,
      `CPU time p50 index ${percentile(indexCpu, 50).toFixed(2)} ms vs naive ${percentile(naiveCpu, 50).toFixed(1)} ms`,
      `index ${(index.memoryBytes() / n).toFixed(1)} B/candidate typed arrays, heap growth ${((heapAfter - heapBefore) / n).toFixed(1)} B/candidate`,
      `top-${TOP} identical`,
    ].join(' | '),
  );
}
