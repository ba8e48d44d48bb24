import { describe, expect, it } from 'vitest';
import { createJsRowScorer, topRowsOf, type RowScorer, type TopRows } from '../embedding/row-scorer.ts';
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

  it('scoreRows() through its reused gather buffer: concurrent and repeated calls give bit-identically the answers of calls run one by one', async () => {
    const rnd = seededRandom(8);
    const rows = 900;
    const dim = 384;
    const matrix = Float32Array.from({ length: rows * dim }, () => rnd() - 0.5);
    const ort = await createOrtRowScorer(matrix, rows, dim);
    const calls = Array.from({ length: 6 }, (_, c) => {
      const q = 2 + (c % 3);
      const n = 150 + 90 * c; // growing: the buffer grows between calls
      return { q, queries: Float32Array.from({ length: q * dim }, () => rnd() - 0.5), ids: Int32Array.from({ length: n }, () => Math.floor(rnd() * rows)) };
    });
    const one = [];
    for (const c of calls) one.push(Array.from(await ort.scoreRows(c.queries, c.q, c.ids)));
    const together = await Promise.all(calls.map((c) => ort.scoreRows(c.queries, c.q, c.ids)));
    expect(together.map((x) => Array.from(x))).toEqual(one);
    const again = [];
    for (const c of [...calls].reverse()) again.push(Array.from(await ort.scoreRows(c.queries, c.q, c.ids)));
    expect(again.reverse()).toEqual(one);
    await ort.dispose();
  });
});

/** Exact (float64) q × rows scores, query-major. */
function bruteScores(matrix: Float32Array, rows: number, dim: number, queries: Float32Array, q: number): Float64Array {
  const out = new Float64Array(q * rows);
  for (let j = 0; j < q; j++) {
    for (let r = 0; r < rows; r++) {
      let acc = 0;
      for (let d = 0; d < dim; d++) acc += queries[j * dim + d]! * matrix[r * dim + d]!;
      out[j * rows + r] = acc;
    }
  }
  return out;
}

/**
 * `got` is a top-k of `truth` per query: k rows, distinct, best first, each scoring at least the true
 * k-th best (so equal to the brute-force row set up to float-rounding ties), scores equal to the truth.
 */
function expectTopK(got: TopRows, truth: Float64Array, q: number, rows: number, k: number, eps = 1e-4): void {
  expect(got.k).toBe(Math.min(k, rows));
  expect(got.rows).toHaveLength(q * got.k);
  expect(got.scores).toHaveLength(q * got.k);
  for (let j = 0; j < q; j++) {
    const row = truth.subarray(j * rows, (j + 1) * rows);
    const sorted = Array.from(row).sort((a, b) => b - a);
    const kth = sorted[got.k - 1]!;
    const ids = Array.from(got.rows.subarray(j * got.k, (j + 1) * got.k));
    expect(new Set(ids).size).toBe(got.k);
    ids.forEach((r, i) => {
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThan(rows);
      expect(row[r]!).toBeGreaterThanOrEqual(kth - eps);
      expect(got.scores[j * got.k + i]!).toBeCloseTo(row[r]!, 4);
      expect(got.scores[j * got.k + i]!).toBeCloseTo(sorted[i]!, 4);
      if (i > 0) expect(got.scores[j * got.k + i]!).toBeLessThanOrEqual(got.scores[j * got.k + i - 1]!);
    });
  }
}

describe('RowScorer.topRows (ORT and JS)', () => {
  const rows = 700;
  const dim = 48;
  const rnd = seededRandom(11);
  const matrix = Float32Array.from({ length: rows * dim }, () => rnd() - 0.5);
  const q = 9;
  const queries = Float32Array.from({ length: q * dim }, () => rnd() - 0.5);
  const truth = bruteScores(matrix, rows, dim, queries, q);

  const scorers: [string, () => Promise<RowScorer>][] = [
    ['createOrtRowScorer', () => createOrtRowScorer(matrix, rows, dim)],
    ['createJsRowScorer', async () => createJsRowScorer(matrix, rows, dim)],
  ];
  for (const [name, make] of scorers) {
    it(`${name}().topRows() equals a brute-force top-k, best first, for several k`, async () => {
      const s = await make();
      for (const k of [1, 5, 37, 128]) expectTopK(await s.topRows(queries, q, k), truth, q, rows, k);
      await s.dispose();
    });

    it(`${name}().topRows() caps k at rows and returns nothing for q = 0 or k = 0`, async () => {
      const s = await make();
      const all = await s.topRows(queries, q, rows + 50);
      expect(all.k).toBe(rows);
      expectTopK(all, truth, q, rows, rows);
      for (let j = 0; j < q; j++) expect(new Set(all.rows.subarray(j * rows, (j + 1) * rows)).size).toBe(rows);
      const none = await s.topRows(queries, 0, 10);
      expect(none.rows).toHaveLength(0);
      expect(none.scores).toHaveLength(0);
      const zeroK = await s.topRows(queries, q, 0);
      expect(zeroK.k).toBe(0);
      expect(zeroK.rows).toHaveLength(0);
      await s.dispose();
    });

    it(`${name}().topRows() reads only the first q queries of a longer buffer`, async () => {
      const s = await make();
      const got = await s.topRows(queries, 2, 10);
      expect(got.rows).toHaveLength(20);
      expectTopK(got, truth.subarray(0, 2 * rows), 2, rows, 10);
      await s.dispose();
    });

    it(`${name}().topRows() breaks exact ties on the lower row`, async () => {
      // Small integers: every product is exact, rows 1, 3 and 4 tie.
      const m = Float32Array.from([1, 0, 2, 1, 0, 1, 2, 1, 2, 1, 3, 3]); // 6 rows × 2
      const tie = await (name === 'createOrtRowScorer' ? createOrtRowScorer(m, 6, 2) : Promise.resolve(createJsRowScorer(m, 6, 2)));
      const got = await tie.topRows(Float32Array.of(1, 1), 1, 4);
      expect(Array.from(got.rows)).toEqual([5, 1, 3, 4]);
      expect(Array.from(got.scores)).toEqual([6, 3, 3, 3]);
      await tie.dispose();
    });
  }
});

describe('topRowsOf', () => {
  it('topRowsOf() picks the k best of each query block, best first, ties on the lower row', () => {
    const scores = Float32Array.from([0.1, 0.9, 0.5, 0.9, -1, /* q1 */ 0, 0, 0.3, -0.2, 0.7]);
    const got = topRowsOf(scores, 2, 5, 3);
    expect(got.k).toBe(3);
    expect(Array.from(got.rows)).toEqual([1, 3, 2, 4, 2, 0]);
    expect(Array.from(got.scores)).toEqual(Array.from(Float32Array.from([0.9, 0.9, 0.5, 0.7, 0.3, 0])));
  });

  it('topRowsOf() caps k at rows and handles q = 0', () => {
    const scores = Float32Array.from([3, 1, 2]);
    expect(Array.from(topRowsOf(scores, 1, 3, 10).rows)).toEqual([0, 2, 1]);
    expect(topRowsOf(scores, 1, 3, 10).k).toBe(3);
    const none = topRowsOf(new Float32Array(0), 0, 3, 2);
    expect(none.rows).toHaveLength(0);
  });

  it('topRowsOf() equals a brute-force top-k on random scores', () => {
    const rnd = seededRandom(8);
    const q = 6;
    const rows = 1000;
    const scores = Float32Array.from({ length: q * rows }, () => rnd() * 2 - 1);
    expectTopK(topRowsOf(scores, q, rows, 25), Float64Array.from(scores), q, rows, 25, 0);
  });
});
