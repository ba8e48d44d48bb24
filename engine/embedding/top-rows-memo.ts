import type { TopRows } from './row-scorer.ts';

/** A top-k search over a fixed matrix: each query's k best rows (`RowScorer.topRows` over unpacked vectors). */
export type TopRowsSearch = (queries: readonly Float32Array[], k: number) => Promise<TopRows>;

/** Default number of (query, k) results a memo keeps (cleared when full). */
export const TOP_ROWS_MEMO = 10_000;

/** FNV-1a over the vector's bit pattern. */
function hashVector(v: Float32Array): number {
  const u = new Uint32Array(v.buffer, v.byteOffset, v.length);
  let h = 0x811c9dc5 ^ v.length;
  for (let i = 0; i < u.length; i++) h = Math.imul(h ^ u[i]!, 0x01000193);
  return h >>> 0;
}

function sameBits(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) return false;
  return true;
}

interface Entry {
  readonly vector: Float32Array;
  readonly k: number;
  readonly rows: Int32Array;
  readonly scores: Float32Array;
}

/**
 * Wraps a top-k search so that a query vector it has answered before (bit-identical, same k) — or a
 * repeat within one call — is answered from memory instead of another product over the whole matrix
 * (calls of two or more queries; a call of one passes straight through).
 * Bulk linking asks the same vectors again and again (a posting's phrases recur across postings: half of
 * the phrase queries of 300 postings repeat one seen before). Exact: a row's score in the scorer does
 * not depend on the other queries of its batch, so a remembered answer is the one a new product would
 * give. Bounded: the memo is cleared when it holds `max` answers.
 */
export function memoTopRows(search: TopRowsSearch, max = TOP_ROWS_MEMO): TopRowsSearch {
  const memo = new Map<number, Entry[]>();
  let size = 0;
  const find = (v: Float32Array, h: number, k: number): Entry | undefined => memo.get(h)?.find((e) => e.k === k && sameBits(e.vector, v));
  return async (queries, k) => {
    // One query runs as it is and is not remembered: a product of ONE query may take another kernel whose
    // scores differ in the last bits from a batch's (measured with onnxruntime's Gemm), so answers from
    // batches and from single queries are kept apart, and a batch never shrinks to one query.
    if (queries.length <= 1) return search(queries, k);
    const hashes = queries.map(hashVector);
    const found: (Entry | undefined)[] = queries.map((v, j) => find(v, hashes[j]!, k));
    // The queries to run: each distinct vector not remembered, once.
    const run: number[] = [];
    const slot = new Int32Array(queries.length).fill(-1);
    const firstOf = new Map<number, number[]>();
    queries.forEach((v, j) => {
      if (found[j]) return;
      const same = firstOf.get(hashes[j]!)?.find((i) => sameBits(queries[i]!, v));
      if (same !== undefined) {
        slot[j] = slot[same]!;
        return;
      }
      slot[j] = run.length;
      run.push(j);
      (firstOf.get(hashes[j]!) ?? firstOf.set(hashes[j]!, []).get(hashes[j]!)!).push(j);
    });
    const batch = run.map((j) => queries[j]!);
    if (batch.length === 1) batch.push(batch[0]!);
    const got = run.length > 0 ? await search(batch, k) : null;
    const kk = got ? got.k : (found.find((e) => e !== undefined)?.rows.length ?? Math.max(0, k));
    const rows = new Int32Array(queries.length * kk);
    const scores = new Float32Array(queries.length * kk);
    queries.forEach((v, j) => {
      const e = found[j];
      if (e) {
        rows.set(e.rows, j * kk);
        scores.set(e.scores, j * kk);
        return;
      }
      const s = slot[j]!;
      rows.set(got!.rows.subarray(s * kk, (s + 1) * kk), j * kk);
      scores.set(got!.scores.subarray(s * kk, (s + 1) * kk), j * kk);
    });
    if (got) {
      if (size + run.length > max) {
        memo.clear();
        size = 0;
      }
      run.forEach((j, s) => {
        const entry: Entry = { vector: Float32Array.from(queries[j]!), k, rows: got.rows.slice(s * kk, (s + 1) * kk), scores: got.scores.slice(s * kk, (s + 1) * kk) };
        (memo.get(hashes[j]!) ?? memo.set(hashes[j]!, []).get(hashes[j]!)!).push(entry);
        size++;
      });
    }
    return { k: kk, rows, scores };
  };
}
