import { describe, expect, it } from 'vitest';
import { crossValidateFusion, fusionMetrics, leaveOneSetOut } from '../eval/fusion-cv.ts';
import { seededRandom } from '../ports/random.ts';
import { F, FEATURES, N_FEATURES } from './features.ts';
import { fitFusion, type FusionQuery } from './fusion.ts';

/**
 * Seeded synthetic queries: 30 candidates each, one or two gold. `phrase` separates gold well,
 * `lexical` a little, `knowledge` is noise; every other feature is 0.
 */
function queries(n: number, seed: number): FusionQuery[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, (_, q) => {
    const gold = new Set<string>();
    const candidates = Array.from({ length: 30 }, (_, c) => {
      const id = `q${q}-s${c}`;
      const isGold = c < (q % 2 === 0 ? 1 : 2);
      if (isGold) gold.add(id);
      const x = new Float32Array(N_FEATURES);
      x[F.phrase] = (isGold ? 0.75 : 0.45) + 0.25 * rnd();
      x[F.lexical] = (isGold ? 0.4 : 0.3) + 0.4 * rnd();
      x[F.knowledge] = rnd() < 0.3 ? 1 : 0;
      return { skillId: id, features: x };
    });
    return { candidates, relevant: gold };
  });
}

describe('fitFusion', () => {
  it('fitFusion() with a prior shrinks toward it as l2 grows; query weight 0 drops a query, weight 2 counts it twice', () => {
    const data = queries(80, 5);
    const prior = { phrase: 0, lexical: 3 };
    const free = fitFusion(data, { features: ['phrase', 'lexical'], l2: 0.001 });
    const strong = fitFusion(data, { features: ['phrase', 'lexical'], l2: 1000, prior });
    expect(free.phrase).toBeGreaterThan(free.lexical);
    expect(strong.lexical).toBeCloseTo(3, 1);
    expect(Math.abs(strong.phrase)).toBeLessThan(0.1);
    const half = fitFusion(data.slice(0, 40), { features: ['phrase', 'lexical'] });
    expect(fitFusion(data, { features: ['phrase', 'lexical'], queryWeights: data.map((_, i) => (i < 40 ? 1 : 0)) })).toStrictEqual(half);
    const twice = fitFusion([...data.slice(0, 40), ...data.slice(0, 40), ...data.slice(40)], { features: ['phrase', 'lexical'] });
    const weighted = fitFusion(data, { features: ['phrase', 'lexical'], queryWeights: data.map((_, i) => (i < 40 ? 2 : 1)) });
    expect(weighted.phrase).toBeCloseTo(twice.phrase, 3);
    expect(weighted.lexical).toBeCloseTo(twice.lexical, 3);
  });

  it('fitFusion() learns the separating feature, is deterministic, and leaves unselected features at 0', () => {
    const data = queries(120, 3);
    const a = fitFusion(data);
    expect(fitFusion(data)).toStrictEqual(a);
    expect(Object.keys(a)).toEqual([...FEATURES]);
    expect(a.phrase).toBeGreaterThan(a.lexical);
    expect(a.lexical).toBeGreaterThan(0);
    expect(Math.abs(a.knowledge)).toBeLessThan(a.phrase / 5);
    const only = fitFusion(data, { features: ['lexical'] });
    expect(only.phrase).toBe(0);
    expect(only.lexical).toBeGreaterThan(0);
    // Learned weights rank better than the noise feature alone.
    expect(fusionMetrics(data, a).rp1).toBeGreaterThan(fusionMetrics(data, { ...only, lexical: 0, knowledge: 1 }).rp1);
  });

  it('fitFusion() stays finite when a feature separates perfectly (the L2 penalty bounds it)', () => {
    const data = queries(40, 5).map((q) => ({
      relevant: q.relevant,
      candidates: q.candidates.map((c) => {
        const x = Float32Array.from(c.features);
        x[F.exact] = q.relevant.has(c.skillId) ? 1 : 0;
        return { skillId: c.skillId, features: x };
      }),
    }));
    const w = fitFusion(data);
    for (const f of FEATURES) expect(Number.isFinite(w[f])).toBe(true);
    expect(w.exact).toBeGreaterThan(1);
    expect(fusionMetrics(data, w).rp1).toBe(1);
  });

  it('fitFusion() rejects bad options and queries without any gold candidate', () => {
    const data = queries(5, 1);
    expect(() => fitFusion(data, { l2: -1 })).toThrow(/^invalid l2: -1/);
    expect(() => fitFusion(data, { features: ['bogus' as never] })).toThrow(/^invalid features: "bogus"/);
    expect(() => fitFusion(data, { iterations: 0 })).toThrow(/^invalid iterations: 0/);
    expect(() => fitFusion([{ candidates: data[0]!.candidates, relevant: new Set(['nope']) }])).toThrow(/at least one query with a gold candidate/);
  });
});

describe('crossValidateFusion', () => {
  const sets = [
    { name: 'a', queries: queries(50, 11) },
    { name: 'b', queries: queries(40, 12) },
  ];

  it('crossValidateFusion() fits one model per fold, reports mean and sd per set, and repeats exactly for a seed', () => {
    const cv = crossValidateFusion(sets, { folds: 5, seed: 9 });
    expect(cv.folds).toHaveLength(5);
    expect(crossValidateFusion(sets, { folds: 5, seed: 9 })).toStrictEqual(cv);
    for (const name of ['a', 'b']) {
      expect(cv.mean[name]!.rp1).toBeGreaterThan(0.5);
      expect(cv.sd[name]!.rp1).toBeGreaterThanOrEqual(0);
      expect(cv.sd[name]!.rp1).toBeLessThan(0.5);
    }
    // Another seed deals other folds.
    expect(crossValidateFusion(sets, { folds: 5, seed: 10 }).folds[0]!.weights).not.toStrictEqual(cv.folds[0]!.weights);
    expect(() => crossValidateFusion(sets, { folds: 1, seed: 9 })).toThrow(/^invalid folds: 1/);
  });

  it('leaveOneSetOut() scores each set with weights fitted on the others', () => {
    const out = leaveOneSetOut(sets);
    expect(Object.keys(out)).toEqual(['a', 'b']);
    expect(out['a']!.rp5).toBeGreaterThan(0.5);
  });
});
