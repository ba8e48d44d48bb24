import { describe, expect, it } from 'vitest';
import { seededRandom } from '../ports/random.ts';
import { topK } from './top-k.ts';

describe('topK', () => {
  it('topK() equals a full sort on random scores, ties broken by smaller index', () => {
    const rnd = seededRandom(7);
    const scores = Array.from({ length: 5000 }, () => Math.round(rnd() * 100) / 100);
    const expected = scores
      .map((score, index) => ({ index, score }))
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, 25);
    expect(topK(scores, 25)).toEqual(expected);
    expect(topK([1, 2], 5).map((s) => s.index)).toEqual([1, 0]);
    expect(topK([1, 2], 0)).toEqual([]);
  });
});
