/**
 * Issue 20: what the credibility rule costs the recommender. On the same generated 5,000-credential catalogues and
 * roles as bench/pathway.ts, `pathway()` and `next()` with a credibility map (a seeded 25% of credentials verified,
 * a fifth of those with recognition stated, and an unverifiable same-price copy of every 10th credential) against the
 * same calls without one, alternating in the same run; reported as ratios of medians.
 *
 *   npx tsx bench/credibility.ts [roles=21]
 */
import { createFitScorer } from '../engine/fit/fit-scorer.ts';
import { seededRandom } from '../engine/ports/random.ts';
import { createRecommender } from '../engine/recommend/recommender.ts';
import type { CredibilityLevel } from '../engine/recommend/types.ts';
import { candidateProfile, loadWorld, percentile, randomCatalogue, randomRole } from './matching-fixtures.ts';

const SEED = 7;
const ROLES = Number(process.argv[2] ?? 21);
const world = await loadWorld(SEED);
const scorer = createFitScorer({ graph: world.graph });
console.log(`taxonomy: ${world.source}, pool of ${world.pool.length} skills`);

const with_: number[] = [];
const without: number[] = [];
const nextWith: number[] = [];
const nextWithout: number[] = [];
for (let r = 0; r < ROLES; r++) {
  const rnd = seededRandom(SEED * 100 + r);
  const role = randomRole(world, rnd, 20);
  const base = randomCatalogue(world, rnd, 5000, role.requirements.map((q) => q.skillId));
  const copies = base.filter((_, i) => i % 10 === 0).map((c) => ({ ...c, id: `${c.id}-copy`, issuer: { id: 'copy', name: 'Copy' } }));
  const catalogue = [...base, ...copies];
  const credibility = new Map<string, CredibilityLevel>(base.map((c) => [c.id, (rnd() < 0.25 ? (rnd() < 0.2 ? 2 : 1) : 0) as CredibilityLevel]));
  const profile = candidateProfile(world, SEED, r);
  const query = { targetFit: 0.8, budgetUsd: 2000, budgetHours: 200 };
  const plain = { role, profile, catalogue, held: [] };
  const credible = { ...plain, credibility };
  const rec = createRecommender(scorer);
  rec.pathway(plain, query); // warm the catalogue index and coverer sets
  for (const [input, pathT, nextT] of r % 2 ? ([[plain, without, nextWithout], [credible, with_, nextWith]] as const) : ([[credible, with_, nextWith], [plain, without, nextWithout]] as const)) {
    let t = performance.now();
    rec.pathway(input, query);
    if (r > 0) pathT.push(performance.now() - t);
    t = performance.now();
    rec.next(input, { top: 10 });
    if (r > 0) nextT.push(performance.now() - t);
  }
}
for (const xs of [with_, without, nextWith, nextWithout]) xs.sort((a, b) => a - b);
const p50 = (xs: number[]): number => percentile(xs, 50);
console.log(
  `5,500 credentials (500 same-price copies), 20-skill role, ${with_.length} roles: pathway() p50 ${p50(with_).toFixed(1)} ms with credibility vs ${p50(without).toFixed(1)} ms without (ratio ${(p50(with_) / p50(without)).toFixed(2)}); ` +
    `next() p50 ${p50(nextWith).toFixed(1)} ms vs ${p50(nextWithout).toFixed(1)} ms (ratio ${(p50(nextWith) / p50(nextWithout)).toFixed(2)})`,
);
