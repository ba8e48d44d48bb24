import { describe, expect, it } from 'vitest';
import { FEATURES } from '../linking/features.ts';
import type { FusionWeights } from '../linking/fusion-weights.ts';
import { MIX_GRID, mixWeights } from './reference-mix.ts';

const zero = Object.fromEntries(FEATURES.map((f) => [f, 0])) as Record<(typeof FEATURES)[number], number>;
const learned: FusionWeights = { ...zero, sentence: 3, phrase: 4, lexical: 1, coverage: 2, knowledge: -0.4 };

describe('mixWeights', () => {
  it('mixWeights() at α = 1 is the reference blend (1/3 sentence, phrase, lexical; 0 elsewhere)', () => {
    const w = mixWeights(learned, 1);
    for (const f of FEATURES) expect(w[f]).toBeCloseTo(['sentence', 'phrase', 'lexical'].includes(f) ? 1 / 3 : 0, 4);
  });

  it('mixWeights() at α = 0 is the learned weights scaled so that sentence + phrase + lexical = 1 (same ranking)', () => {
    const w = mixWeights(learned, 0);
    expect(w.sentence + w.phrase + w.lexical).toBeCloseTo(1, 4);
    for (const f of FEATURES) expect(w[f]).toBeCloseTo(learned[f] / 8, 4);
  });

  it('mixWeights() at α = 0.5 is the mean of the two; deterministic', () => {
    const w = mixWeights(learned, 0.5);
    expect(w.sentence).toBeCloseTo(0.5 * (3 / 8) + 0.5 / 3, 4);
    expect(w.coverage).toBeCloseTo(0.5 * (2 / 8), 4);
    expect(mixWeights(learned, 0.5)).toStrictEqual(w);
    expect(MIX_GRID[0]).toBe(0);
    expect(MIX_GRID.at(-1)).toBe(1);
  });

  it('mixWeights() rejects α outside [0, 1] and learned weights without a positive core', () => {
    expect(() => mixWeights(learned, 1.5)).toThrow(/^invalid alpha: 1.5/);
    expect(() => mixWeights(learned, Number.NaN)).toThrow(/^invalid alpha/);
    expect(() => mixWeights({ ...learned, sentence: 0, phrase: 0, lexical: 0 }, 0.5)).toThrow(/^invalid learned/);
  });
});
