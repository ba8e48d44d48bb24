/** Small dense-vector helpers over Float32Array (no allocation in the hot paths). */

/** Dot product of a and row `row` of a contiguous matrix with `dim` columns. */
export function dotRow(a: Float32Array, matrix: Float32Array, row: number, dim: number): number {
  let s = 0;
  const off = row * dim;
  for (let i = 0; i < dim; i++) s += a[i]! * matrix[off + i]!;
  return s;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

/** Scales v to unit length in place; a zero (or non-finite) vector becomes all zeros. Returns v. */
export function normaliseInPlace(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  const n = Math.sqrt(s);
  if (!(n > 1e-12) || !Number.isFinite(n)) return v.fill(0);
  for (let i = 0; i < v.length; i++) v[i] = v[i]! / n;
  return v;
}

/** Scores every row of `matrix` (rows × dim) against `q` into `out` (length rows). */
export function scoreRows(q: Float32Array, matrix: Float32Array, dim: number, out: Float32Array): Float32Array {
  const rows = out.length;
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const off = r * dim;
    for (let i = 0; i < dim; i++) s += q[i]! * matrix[off + i]!;
    out[r] = s;
  }
  return out;
}

/** Packs equal-length vectors into one contiguous Float32Array. */
export function packRows(vectors: readonly Float32Array[], dim: number): Float32Array {
  const m = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => m.set(v.subarray(0, dim), i * dim));
  return m;
}
