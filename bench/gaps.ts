/**
 * Gap analytics and ranking-index updates at scale, on the sample taxonomy, credentials, postings and roles
 * plus N generated candidates (bench/lib/generate-candidates.ts, the load tests' generator), all in process
 * (no store, no server), one core.
 *
 *   npx tsx bench/gaps.ts                   # 100k candidates
 *   npx tsx bench/gaps.ts 10000 100000      # chosen sizes
 *   npx tsx bench/gaps.ts --by SKILL,MONTH  # chosen dimensions (default all four)
 *
 * Reports CPU ms (user + system; steadier than wall time on the shared box) of:
 * - `gaps(by)` for each dimension over the whole cohort and the sample postings (24-month window);
 * - a full ranking-index build (what a write cost before: the index was dropped and rebuilt), and the
 *   incremental path: 21 updates of one candidate each (a changed profile, every fifth a new person),
 *   each `withChanges([profile])` then a rank of a first page with explanations (what
 *   `Services.rankCandidates` does after a write): the first update (cold: not yet JIT-compiled), the
 *   median of the other 20, and the median rank on an updated index (base postings + changed-candidates
 *   segment); then the 5th query on the last index, which merges the segment into the base first, the
 *   ranks after that, and as the baseline ranks on the freshly built index. At the end every
 *   role's pages are asserted equal to a full rebuild over the same profiles.
 */
import { createGapAnalytics } from '../engine/analytics/gap-analytics.ts';
import type { GapDimension } from '../engine/analytics/types.ts';
import { createFitScorer } from '../engine/fit/fit-scorer.ts';
import { createProfileBuilder } from '../engine/profile/index.ts';
import type { SkillProfile } from '../engine/profile/types.ts';
import { createRankingIndex } from '../engine/rank/ranking-index.ts';
import { requirementsFromRole } from '../engine/requirements/role-profile.ts';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import { SkillGraph } from '../taxonomy/model/skill-graph.ts';
import type { Award, Credential } from '../taxonomy/model/types.ts';
import { generateCandidateBatches } from './lib/generate-candidates.ts';

const args = process.argv.slice(2);
const byArg = args.indexOf('--by');
const dims = (byArg >= 0 ? args[byArg + 1]! : 'SKILL,GROUP,OCCUPATION,MONTH').split(',').map((d) => d.toLowerCase() as GapDimension);
const sizes = args.filter((_, i) => byArg < 0 || (i !== byArg && i !== byArg + 1)).map(Number).filter((n) => n > 0);
const SIZES = sizes.length > 0 ? sizes : [100_000];
const SEED = 20261129;
const NOW = '2026-11-29T00:00:00.000Z';
const WINDOW = { from: '2024-11-29', to: '2026-11-29' };

const cpuMs = (from: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};
function timed<T>(fn: () => T): { value: T; ms: number } {
  const t = process.cpuUsage();
  const value = fn();
  return { value, ms: cpuMs(t) };
}

const sample = await loadSample();
const graph = SkillGraph.fromData(sample.taxonomy);
const scorer = createFitScorer({ graph });
const analytics = createGapAnalytics(scorer);
const credentials = new Map<string, Credential>((sample.records.credentials ?? []).map((c) => [c.id, c]));
const postings = sample.records.postings ?? [];
const roles = (sample.records.roles ?? []).map(requirementsFromRole);
const builder = createProfileBuilder();
const world = { credentials: [...credentials.values()], roles: sample.records.roles ?? [], skills: sample.taxonomy.skills };

console.log(`| candidates | ${dims.map((d) => `gaps(${d})`).join(' | ')} | index build | rebuild after the updates | 1st withChanges(1) | median of next 20 | rank, base + segment (median) | 5th rank (merges) | rank after the merge (median) | rank, fresh build (median) |`);
console.log(`| ---: | ${dims.map(() => '---:').join(' | ')} | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
for (const n of SIZES) {
  const cohort: SkillProfile[] = [];
  const awardsOf = new Map<string, Award[]>();
  for (const batch of generateCandidateBatches(world, { count: n, seed: SEED })) {
    awardsOf.clear();
    for (const a of batch.awards) (awardsOf.get(a.candidateId) ?? awardsOf.set(a.candidateId, []).get(a.candidateId)!).push(a);
    for (const candidate of batch.candidates) cohort.push(builder.build({ candidate, awards: awardsOf.get(candidate.id) ?? [], credentials, now: NOW }));
  }
  const gapMs = dims.map((by) => {
    analytics.gaps({ cohort: cohort.slice(0, 200), postings, window: WINDOW }, by); // warm-up
    const { value, ms } = timed(() => analytics.gaps({ cohort, postings, window: WINDOW }, by));
    if (value.length === 0) throw new Error(`gaps(${by}) returned no rows`);
    return ms;
  });
  const build = timed(() => createRankingIndex(graph, cohort, { scorer }));
  let index = build.value;
  for (const role of roles) index.rank(role, { top: 20 }); // roles prepared once, as in a running server
  const freshRanks = roles.slice(0, 21).map((role) => timed(() => index.rank(role, { top: 20 })).ms);
  // one candidate changes per update: the same person with one more claimed skill (or a new person)
  const after = [...cohort];
  const updates: number[] = [];
  const ranks: number[] = [];
  for (let u = 0; u < 21; u++) {
    const at = (u * 7919 + (n >> 1)) % n;
    const old = after[at]!;
    const extra = roles[(u + 1) % roles.length]!.requirements.find((r) => !old.skills.has(r.skillId));
    const changed: SkillProfile =
      u % 5 === 4 || !extra
        ? { ...old, candidateId: `${old.candidateId}:new` }
        : { ...old, skills: new Map([...old.skills, [extra.skillId, { skillId: extra.skillId, strength: 0.9, evidence: [...old.skills.values()][0]?.evidence ?? [] }]]) };
    if (changed.candidateId !== old.candidateId) after.push(changed);
    else after[at] = changed;
    const role = roles[u % roles.length]!;
    updates.push(timed(() => (index = index.withChanges([changed]))).ms);
    ranks.push(timed(() => index.rank(role, { top: 20 })).ms);
  }
  // the last index was ranked once; queries 2–4 still read base + segment, the 5th merges them first
  const segmentRanks = [1, 2, 3].map((i) => timed(() => index.rank(roles[i]!, { top: 20 })).ms);
  const merging = timed(() => index.rank(roles[4]!, { top: 20 })).ms;
  const mergedRanks = roles.slice(5, 26).map((role) => timed(() => index.rank(role, { top: 20 })).ms);
  const rebuilt = timed(() => createRankingIndex(graph, after, { scorer }));
  for (const role of roles) {
    for (const q of [{ top: 20 }, { top: 50, verifiedOnly: true }]) {
      if (JSON.stringify(index.rank(role, q)) !== JSON.stringify(rebuilt.value.rank(role, q))) throw new Error(`${role.id}: 21 × withChanges differs from a full rebuild`);
    }
  }
  const f = (ms: number): string => `${ms.toFixed(0)} ms`;
  const median = (xs: number[]): string => `${[...xs].sort((a, b) => a - b)[xs.length >> 1]!.toFixed(1)} ms`;
  console.log(`| ${n.toLocaleString('en-US')} | ${gapMs.map(f).join(' | ')} | ${f(build.ms)} | ${f(rebuilt.ms)} | ${updates[0]!.toFixed(1)} ms | ${median(updates.slice(1))} | ${median([...ranks, ...segmentRanks])} | ${merging.toFixed(1)} ms | ${median(mergedRanks)} | ${median(freshRanks)} |`);
}
