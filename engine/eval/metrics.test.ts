import { describe, expect, it } from 'vitest';
import { accuracyAtK, mean, mrr, reciprocalRank, rPrecisionAtK } from './metrics.ts';

// Hand-computed example: two queries.
//  q1 ranks [a, x, b, y, c], relevant {a, b, c}
//   RP@1 = 1/1 = 1;  RP@2 = 1/2;  RP@5 = 3/3 = 1;  RR = 1
//  q2 ranks [x, y, z, d], relevant {d}
//   RP@1 = 0; RP@5 = 1/1 = 1 (d at rank 4);  RR = 1/4
//  mean RP@5 = 1, mean RP@1 = 0.5, MRR = (1 + 0.25)/2 = 0.625
const q1 = { ranked: ['a', 'x', 'b', 'y', 'c'], relevant: new Set(['a', 'b', 'c']) };
const q2 = { ranked: ['x', 'y', 'z', 'd'], relevant: new Set(['d']) };

describe('metrics', () => {
  it('rPrecisionAtK() divides hits by min(k, |relevant|)', () => {
    expect(rPrecisionAtK(q1.ranked, q1.relevant, 1)).toBe(1);
    expect(rPrecisionAtK(q1.ranked, q1.relevant, 2)).toBe(0.5);
    expect(rPrecisionAtK(q1.ranked, q1.relevant, 3)).toBeCloseTo(2 / 3);
    expect(rPrecisionAtK(q1.ranked, q1.relevant, 5)).toBe(1);
    expect(rPrecisionAtK(q2.ranked, q2.relevant, 1)).toBe(0);
    expect(rPrecisionAtK(q2.ranked, q2.relevant, 5)).toBe(1);
    expect(mean([rPrecisionAtK(q1.ranked, q1.relevant, 1), rPrecisionAtK(q2.ranked, q2.relevant, 1)])).toBe(0.5);
    expect(rPrecisionAtK(['a'], new Set(), 5)).toBe(0);
  });

  it('mrr() averages the reciprocal rank of the first relevant item', () => {
    expect(reciprocalRank(q2.ranked, q2.relevant)).toBe(0.25);
    expect(reciprocalRank(['x'], new Set(['a']))).toBe(0);
    expect(mrr([q1, q2])).toBe(0.625);
  });

  it('accuracyAtK() is 1 when a relevant item is in the top k', () => {
    expect(accuracyAtK(q2.ranked, q2.relevant, 3)).toBe(0);
    expect(accuracyAtK(q2.ranked, q2.relevant, 4)).toBe(1);
  });
});
