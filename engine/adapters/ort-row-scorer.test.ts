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

  it('scoreRows() scores a subset of rows, row-major, equal to the JS product (ORT and JS paths)', async () => {
    const rnd = seededRandom(5);
    const rows = 300;
    const dim = 384;
    const matrix = Float32Array.from({ length: rows * dim }, () => rnd() - 0.5);
    const ort = await createOrtRowScorer(matrix, rows, dim);
    const js = createJsRowScorer(matrix, rows, dim);
    for (const [q, n] of [[40, 200], [2, 3]] as const) {
      const queries = Float32Array.from({ length: q * dim }, () => rnd() - 0.5);
      const ids = Int32Array.from({ length: n }, (_, i) => (i * 7 + (i > 50 ? 1 : 0)) % rows);
      const got = await ort.scoreRows(queries, q, ids);
      const want = await js.scoreRows(queries, q, ids);
      const full = await js.score(queries, q);
      expect(got.length).toBe(n * q);
      for (let i = 0; i < n; i++) for (let j = 0; j < q; j++) {
        expect(got[i * q + j]).toBeCloseTo(want[i * q + j]!, 4);
        expect(want[i * q + j]).toBeCloseTo(full[j * rows + ids[i]!]!, 5);
      }
    }
    await ort.dispose();
  });
});
