import { describe, expect, it } from 'vitest';
import { createJsRowScorer } from '../embedding/row-scorer.ts';
import { seededRandom } from '../ports/random.ts';
import { createOrtRowScorer } from './ort-row-scorer.ts';

describe('createOrtRowScorer', () => {
  it('score() equals the plain-JS dot products (q × rows, query-major)', async () => {
    const rnd = seededRandom(3);
    const rows = 257;
    const dim = 384;
    const matrix = Float32Array.from({ length: rows * dim }, () => rnd() - 0.5);
    const queries = Float32Array.from({ length: 5 * dim }, () => rnd() - 0.5);
    const ort = await createOrtRowScorer(matrix, rows, dim);
    const got = await ort.score(queries, 5);
    const want = await createJsRowScorer(matrix, rows, dim).score(queries, 5);
    expect(got.length).toBe(5 * rows);
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i]!, 4);
    expect(await ort.score(queries, 0)).toHaveLength(0);
    await ort.dispose();
  });
});
