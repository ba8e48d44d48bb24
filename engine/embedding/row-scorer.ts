import { TopK } from './top-k.ts';

/**
 * Port: scores query vectors against the rows of a fixed matrix (dot products), q × rows out.
 * The skill index uses the plain-JS scorer by default; an adapter may run the same product in a
 * BLAS-backed runtime (engine/adapters/ort-row-scorer.ts) — results are identical up to float rounding.
 */
export interface RowScorer {
  readonly rows: number;
  readonly dim: number;
  /** `queries` holds q vectors back to back (q × dim); returns q × rows scores, query-major. */
  score(queries: Float32Array, q: number): Promise<Float32Array>;
  /**
   * Scores q queries against a subset of rows only (`rowIds`, any order): returns rowIds.length × q
   * scores, ROW-major (`out[i * q + j]` = row rowIds[i] · query j). For candidate-restricted search.
   */
  scoreRows(queries: Float32Array, q: number, rowIds: Int32Array): Promise<Float32Array>;
  /**
   * The k best rows of each query (q × k, query-major, best first; ties on the lower row): the full
   * product never leaves the scorer. k is capped at `rows`.
   */
  topRows(queries: Float32Array, q: number, k: number): Promise<TopRows>;
  dispose(): Promise<void>;
}

/** Per query its best rows: `rows[j * k + i]` / `scores[j * k + i]` is query j's (i+1)-th best. */
export interface TopRows {
  readonly k: number;
  readonly rows: Int32Array;
  readonly scores: Float32Array;
}

/** Top-k rows per query of a q × rows query-major score block (the JS path of `topRows`). */
export function topRowsOf(scores: Float32Array, q: number, rows: number, k: number): TopRows {
  const kk = Math.max(0, Math.min(k, rows));
  const outRows = new Int32Array(q * kk);
  const outScores = new Float32Array(q * kk);
  for (let j = 0; j < q; j++) {
    const heap = new TopK(kk);
    const off = j * rows;
    for (let r = 0; r < rows; r++) if (scores[off + r]! > heap.threshold || heap.size < kk) heap.push(r, scores[off + r]!);
    heap.sorted().forEach((x, i) => {
      outRows[j * kk + i] = x.index;
      outScores[j * kk + i] = x.score;
    });
  }
  return { k: kk, rows: outRows, scores: outScores };
}

/** Plain-JS subset product (row-major out), shared by the JS scorer and small adapter calls. */
export function scoreRowsJs(matrix: Float32Array, dim: number, queries: Float32Array, q: number, rowIds: Int32Array): Float32Array {
  const out = new Float32Array(rowIds.length * q);
  for (let i = 0; i < rowIds.length; i++) {
    const off = rowIds[i]! * dim;
    for (let j = 0; j < q; j++) {
      const qo = j * dim;
      let acc = 0;
      for (let d = 0; d < dim; d++) acc += queries[qo + d]! * matrix[off + d]!;
      out[i * q + j] = acc;
    }
  }
  return out;
}

/** Plain-JS row scorer: one pass over the matrix per call, each row dotted with every query. */
export function createJsRowScorer(matrix: Float32Array, rows: number, dim: number): RowScorer {
  return {
    rows,
    dim,
    async score(queries, q) {
      const out = new Float32Array(q * rows);
      for (let r = 0; r < rows; r++) {
        const off = r * dim;
        for (let j = 0; j < q; j++) {
          const qo = j * dim;
          let acc = 0;
          for (let i = 0; i < dim; i++) acc += queries[qo + i]! * matrix[off + i]!;
          out[j * rows + r] = acc;
        }
      }
      return out;
    },
    async scoreRows(queries, q, rowIds) {
      return scoreRowsJs(matrix, dim, queries, q, rowIds);
    },
    async topRows(queries, q, k) {
      return topRowsOf(await this.score(queries, q), q, rows, k);
    },
    async dispose() {},
  };
}
