import { describe, expect, it } from 'vitest';
import type { Embedder } from '../ports/embedder.ts';
import { seededRandom } from '../ports/random.ts';
import { adaptedEmbedder, applyAdapter, fitLinearAdapter } from './linear-adapter.ts';

const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / n);
};

describe('fitLinearAdapter', () => {
  it('fitLinearAdapter() learns a rotation from pairs that follow it, and is deterministic', () => {
    // Targets = queries with the first two coordinates swapped (a permutation), noise-free.
    const rnd = seededRandom(3);
    const pairs = Array.from({ length: 200 }, () => {
      const q = unit([rnd() - 0.5, rnd() - 0.5, rnd() - 0.5]);
      return { query: q, target: Float32Array.of(q[1]!, q[0]!, q[2]!) };
    });
    const a = fitLinearAdapter(pairs, 0.01);
    const v = applyAdapter(a, unit([1, 0, 0]));
    expect(v[1]).toBeCloseTo(1, 2);
    expect(Math.abs(v[0]!)).toBeLessThan(0.05);
    expect(fitLinearAdapter(pairs, 0.01).matrix).toStrictEqual(a.matrix);
  });

  it('fitLinearAdapter() with a large λ stays at the identity', () => {
    const pairs = [{ query: unit([1, 0, 0]), target: unit([0, 1, 0]) }];
    const a = fitLinearAdapter(pairs, 1e6);
    const v = applyAdapter(a, unit([0.6, 0.8, 0]));
    expect(v[0]).toBeCloseTo(0.6, 3);
    expect(v[1]).toBeCloseTo(0.8, 3);
  });

  it('fitLinearAdapter() rejects λ ≤ 0, no pairs and mixed lengths', () => {
    const p = { query: unit([1, 0]), target: unit([0, 1]) };
    expect(() => fitLinearAdapter([p], 0)).toThrow(/^invalid lambda: 0/);
    expect(() => fitLinearAdapter([], 1)).toThrow(/^invalid pairs/);
    expect(() => fitLinearAdapter([p, { query: unit([1, 0, 0]), target: unit([0, 1, 0]) }], 1)).toThrow(/^invalid pairs/);
  });
});

describe('adaptedEmbedder', () => {
  it('adaptedEmbedder() keeps the model id and returns unit vectors through the adapter', async () => {
    // A deterministic fake embedder (the real model is not needed to test the wrapper's arithmetic).
    const inner: Embedder = { modelId: 'm@q8', dimensions: 2, embed: async (t) => t.map(() => unit([1, 0])), dispose: async () => {} };
    const swap = { dim: 2, matrix: Float32Array.of(0, 1, 1, 0) };
    const e = adaptedEmbedder(inner, swap);
    expect(e.modelId).toBe('m@q8');
    const [v] = await e.embed(['x']);
    expect(Array.from(v!)).toEqual([0, 1]);
    expect(() => adaptedEmbedder(inner, { dim: 3, matrix: new Float32Array(9) })).toThrow(/^invalid adapter/);
  });
});
