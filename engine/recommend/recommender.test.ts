import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFitScorer } from '../fit/fit-scorer.ts';
import { profile, tinyGraph } from '../fit/test-fixtures.ts';
import type { RoleLike } from '../fit/types.ts';
import { seededRandom } from '../ports/random.ts';
import { createRecommender } from './recommender.ts';
import type { Pathway, RecommendInput } from './types.ts';

import type { Credential } from '../../taxonomy/model/types.ts';
import { cred } from './test-fixtures.ts';

const graph = tinyGraph();
const scorer = createFitScorer({ graph });
const role: RoleLike = {
  id: 'role',
  requirements: [
    { skillId: 'py', weight: 2, essential: true },
    { skillId: 'sql', weight: 1, essential: false },
    { skillId: 'comm', weight: 1, essential: false },
  ],
};
const catalogue = [
  cred('py-basic', ['py'], 100, 10),
  cred('py-adv', ['django'], 300, 30, ['py-basic']),
  cred('sql-1', ['sql'], 50, 5, [], ['data-cert']),
  cred('data-2', ['js'], 40, 4, [], ['data-cert']),
  cred('comm', ['comm'], 0, 2),
  cred('orphan', ['comm'], 1, 1, ['missing-prereq']),
];
const input = (held: string[] = [], skills: [string, number][] = []): RecommendInput => ({ role, profile: profile('c1', skills), catalogue, held });

describe('createRecommender().next', () => {
  it('ranks earnable credentials by gain per cost, skipping unmet prerequisites', () => {
    const recs = createRecommender(scorer).next(input());
    const ids = recs.map((r) => r.credentialId);
    expect(ids).not.toContain('py-adv');
    expect(ids).not.toContain('orphan');
    expect(ids[0]).toBe('comm');
    const py = recs.find((r) => r.credentialId === 'py-basic')!;
    // py is related to sql in the tiny taxonomy, so learning py also covers sql partly (0.4 credit)
    expect(py.closes).toEqual([
      { skillId: 'py', weight: 2, before: 0, after: Math.fround(0.6) },
      { skillId: 'sql', weight: 1, before: 0, after: 0.4 * Math.fround(0.6) },
    ]);
    expect(py.gain).toBeCloseTo((2 * Math.fround(0.6) + 0.4 * Math.fround(0.6)) / 4);
  });

  it('prefers a credential that progresses a started stack', () => {
    const without = createRecommender(scorer, { stackBonus: 0 }).next(input(['data-2']));
    const withBonus = createRecommender(scorer, { stackBonus: 0.5 }).next(input(['data-2']));
    const sqlWithout = without.find((r) => r.credentialId === 'sql-1')!;
    const sqlWith = withBonus.find((r) => r.credentialId === 'sql-1')!;
    expect(sqlWith.progressesStacks).toEqual(['data-cert']);
    expect(sqlWith.value).toBeGreaterThan(sqlWithout.value);
  });

  it('rejects bad options once', () => {
    expect(() => createRecommender(scorer, { earnedStrength: 3 })).toThrow(/invalid earnedStrength: 3/);
  });
});

describe('createRecommender().pathway', () => {
  it('reaches the target within budget and says what each step closes, unlocks and completes', () => {
    const result = createRecommender(scorer).pathway(input(), { targetFit: 0.5, budgetUsd: 500 });
    expect(result.best.method).toBe('exact');
    expect(result.best.reachedTarget).toBe(true);
    const steps = result.best.steps.map((s) => s.credentialId);
    expect(steps).toContain('py-basic');
    const pyStep = result.best.steps.find((s) => s.credentialId === 'py-basic')!;
    expect(pyStep.unlocks).toEqual(['py-adv']);
    expect(result.cheapest!.totalCost).toBeLessThanOrEqual(result.best.totalCost);
  });

  // issue 15: the default target (1 in the CLI, 0.8 in the API) was out of reach — earned credentials count at 0.6
  it('reaches its default target, set relative to the fit the catalogue can reach', () => {
    const result = createRecommender(scorer).pathway(input());
    expect(result.targetFrom).toBe('reachable');
    expect(result.reachableFit).toBeLessThan(1);
    expect(result.targetFit).toBeCloseTo(result.fitBefore + 0.8 * (result.reachableFit - result.fitBefore), 12);
    expect(result.best.reachedTarget).toBe(true);
    expect(result.cheapest?.reachedTarget).toBe(true);
    expect(result.fastest?.reachedTarget).toBe(true);
    // no step is there for nothing: each closes a gap or is a later step's prerequisite
    for (const p of [result.best, result.cheapest!, result.fastest!]) {
      const needed = new Set(p.steps.flatMap((s) => catalogue.find((c) => c.id === s.credentialId)!.requires));
      for (const s of p.steps) expect(s.closes.length > 0 || needed.has(s.credentialId)).toBe(true);
    }
  });

  it('recommends nothing whose gain is below the minGain floor', () => {
    const tiny = [...catalogue, { ...cred('badge', ['comm'], 0, 0), skills: [{ skillId: 'comm', confidence: 0.02, provenance: { kind: 'alignment' as const, source: 'a', span: null } }] }];
    const inp = { ...input(), catalogue: tiny };
    expect(createRecommender(scorer).next(inp, { top: 10 }).map((r) => r.credentialId)).not.toContain('badge');
    expect(createRecommender(scorer, { minGain: 0 }).next(inp, { top: 10 }).map((r) => r.credentialId)).toContain('badge');
    const steps = createRecommender(scorer).pathway(inp).best.steps.map((s) => s.credentialId);
    expect(steps).not.toContain('badge');
  });

  it('reports a completed stack', () => {
    const result = createRecommender(scorer).pathway(input(['data-2']), { targetFit: 1 });
    const sql = result.best.steps.find((s) => s.credentialId === 'sql-1')!;
    expect(sql.stacksCompleted).toEqual(['data-cert']);
  });

  it('returns null alternatives when the target is out of reach', () => {
    const result = createRecommender(scorer).pathway(input(), { targetFit: 1, budgetUsd: 10 });
    expect(result.cheapest).toBeNull();
    expect(result.best.totalCost).toBeLessThanOrEqual(10);
  });

  it('is deterministic', () => {
    const a = createRecommender(scorer).pathway(input(), { targetFit: 0.9 });
    const b = createRecommender(scorer).pathway(input(), { targetFit: 0.9 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

function randomCatalogue(seed: number, n: number): Credential[] {
  const rnd = seededRandom(seed);
  const skills = ['prog', 'py', 'django', 'js', 'sql', 'comm'];
  return Array.from({ length: n }, (_, i) => {
    const requires: string[] = [];
    if (i > 0 && rnd() < 0.4) requires.push(`k${Math.floor(rnd() * i)}`);
    if (i > 1 && rnd() < 0.15) requires.push(`k${Math.floor(rnd() * i)}`);
    if (rnd() < 0.05) requires.push('unknown');
    const own = skills.filter(() => rnd() < 0.3);
    return cred(`k${i}`, own, rnd() < 0.1 ? null : Math.round(rnd() * 200), Math.round(rnd() * 40), [...new Set(requires)], rnd() < 0.3 ? ['stack'] : []);
  });
}

function checkPathway(p: Pathway | null, held: Set<string>, budgetUsd: number, budgetHours: number): void {
  if (!p) return;
  const have = new Set(held);
  for (const step of p.steps) {
    const c = step.credentialId;
    expect(have.has(c)).toBe(false);
    const cr = catalogueCache.get(c)!;
    for (const r of cr.requires) expect(have.has(r)).toBe(true);
    have.add(c);
  }
  expect(p.totalCost).toBeLessThanOrEqual(budgetUsd);
  expect(p.totalHours).toBeLessThanOrEqual(budgetHours);
}
const catalogueCache = new Map<string, Credential>();

describe('pathway properties', () => {
  it('never violates a prerequisite and respects the budget (greedy and exact)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 4, max: 30 }), fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 120 }), fc.boolean(), (seed, n, budgetUsd, budgetHours, forceGreedy) => {
        const cat = randomCatalogue(seed, n);
        catalogueCache.clear();
        for (const c of cat) catalogueCache.set(c.id, c);
        const held = new Set(cat.slice(0, 2).filter((c) => c.requires.length === 0).map((c) => c.id));
        const rec = createRecommender(scorer, forceGreedy ? { exactLimit: 0 } : {});
        const r = rec.pathway({ role, profile: profile('x', [['prog', 0.3]]), catalogue: cat, held }, { targetFit: 0.8, budgetUsd, budgetHours });
        for (const p of [r.best, r.cheapest, r.fastest]) checkPathway(p, held, budgetUsd, budgetHours);
        expect(r.best.fitAfter).toBeGreaterThanOrEqual(r.fitBefore);
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('exact search is at least as good as greedy on small catalogues', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 400 }), (seed, budgetUsd) => {
        const cat = randomCatalogue(seed, 10);
        const inp = { role, profile: profile('x', []), catalogue: cat, held: [] };
        const exact = createRecommender(scorer).pathway(inp, { budgetUsd, targetFit: 1 });
        const greedy = createRecommender(scorer, { exactLimit: 0 }).pathway(inp, { budgetUsd, targetFit: 1 });
        expect(exact.best.fitAfter).toBeGreaterThanOrEqual(greedy.best.fitAfter - 1e-12);
        expect(greedy.best.fitAfter - greedy.fitBefore).toBeGreaterThanOrEqual(((1 - 1 / Math.E) / 2) * (exact.best.fitAfter - exact.fitBefore) - 1e-12);
      }),
      { seed: 5, numRuns: 150 },
    );
  });
});
