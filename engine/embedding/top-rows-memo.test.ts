import { describe, expect, it } from 'vitest';
import { createJsRowScorer } from './row-scorer.ts';
import { memoTopRows, type TopRowsSearch } from './top-rows-memo.ts';

/** A seeded matrix of unit rows and a search over it that counts the queries it runs. */
function setup(rows = 300, dim = 16) {
  let s = 7;
  const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
  const m = new Float32Array(rows * dim).map(rnd);
  for (let r = 0; r < rows; r++) {
    const v = m.subarray(r * dim, (r + 1) * dim);
    const n = Math.hypot(...v);
    v.forEach((x, i) => (v[i] = x / n));
  }
  const scorer = createJsRowScorer(m, rows, dim);
  let ran = 0;
  const sizes: number[] = [];
  const search: TopRowsSearch = async (queries, k) => {
    ran += queries.length;
    sizes.push(queries.length);
    const packed = new Float32Array(queries.length * dim);
    queries.forEach((q, j) => packed.set(q, j * dim));
    return scorer.topRows(packed, queries.length, k);
  };
  const query = () => Float32Array.from({ length: dim }, rnd);
  return { search, query, ran: () => ran, rows, sizes };
}

describe('memoTopRows', () => {
  it('gives the plain search results, running each distinct vector once (within a call and across calls)', async () => {
    const { search, query, ran } = setup();
    const memo = memoTopRows(search);
    const a = query();
    const b = query();
    const c = query();
    const first = [a, b, a, Float32Array.from(a), c];
    const second = [c, query(), b];
    // the second batch has one new vector: it runs beside a copy of itself (never a product of one query)
    for (const [batch, runs] of [[first, 3], [second, 2]] as const) {
      const before = ran();
      const got = await memo(batch, 5);
      expect(ran() - before).toBe(runs);
      const plain = await search(batch, 5);
      expect(got.k).toBe(5);
      expect(got.rows).toEqual(plain.rows);
      expect(got.scores).toEqual(plain.scores);
    }
  });

  it('passes a call of one query straight through (another kernel may answer it) and never runs a batch of one', async () => {
    const { search, query, ran, sizes } = setup();
    const memo = memoTopRows(search);
    const a = query();
    const b = query();
    await memo([a], 5);
    await memo([a], 5);
    expect(ran()).toBe(2);
    await memo([a, b], 5);
    await memo([b, a, query()], 5);
    expect(sizes).toEqual([1, 1, 2, 2]);
  });

  it('keys on k and on the exact bits of the vector', async () => {
    const { search, query, ran } = setup();
    const memo = memoTopRows(search);
    const a = query();
    await memo([a], 5);
    const before = ran();
    const near = Float32Array.from(a);
    near[0] = near[0]! + 1e-6;
    const got = await memo([a, near], 7);
    expect(ran() - before).toBe(2);
    expect(got).toEqual(await search([a, near], 7));
  });

  it('caps k at the matrix rows and handles empty batches like the search', async () => {
    const { search, query, rows } = setup(12);
    const memo = memoTopRows(search);
    const a = query();
    expect((await memo([a], 50)).k).toBe(rows);
    expect((await memo([a, a], 50)).rows).toEqual((await search([a, a], 50)).rows);
    expect(await memo([], 3)).toEqual(await search([], 3));
  });

  it('is bounded: a full memo is cleared and answers stay right', async () => {
    const { search, query, ran } = setup();
    const memo = memoTopRows(search, 4);
    const qs = Array.from({ length: 6 }, query);
    await memo(qs.slice(0, 3), 4);
    await memo(qs.slice(3, 6), 4); // 6 > 4: cleared, then these 3 kept
    const before = ran();
    const got = await memo([qs[4]!, qs[0]!], 4);
    expect(ran() - before).toBe(2); // qs[0] (twice: no batch of one)
    expect(got).toEqual(await search([qs[4]!, qs[0]!], 4));
  });
});
