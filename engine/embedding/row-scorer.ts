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
  dispose(): Promise<void>;
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
    async dispose() {},
  };
}
