import { finiteAtLeast } from '../../taxonomy/model/option-check.ts';
import type { Embedder } from '../ports/embedder.ts';

/**
 * A linear adapter on query vectors (issue 18): v ↦ unit(v·A), A a d × d matrix (row-major), applied to
 * the texts a linker embeds (sentences and phrases) and NOT to the label index, so the index and its
 * snapshot stay as they are.
 */
export interface LinearAdapter {
  readonly dim: number;
  /** d × d, row-major: out[j] = Σ_i v[i]·A[i·d + j]. */
  readonly matrix: Float32Array;
}

/** Solves (M)·X = B for X (n × n M, n × m B, both row-major Float64Array; Gaussian elimination with partial pivoting). */
function solveMatrix(m: Float64Array, b: Float64Array, n: number, cols: number): Float64Array {
  const a = Float64Array.from(m);
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]!) > Math.abs(a[p * n + c]!)) p = r;
    if (Math.abs(a[p * n + c]!) < 1e-12) throw new Error('linear adapter: singular system');
    if (p !== c) {
      for (let j = 0; j < n; j++) [a[c * n + j], a[p * n + j]] = [a[p * n + j]!, a[c * n + j]!];
      for (let j = 0; j < cols; j++) [x[c * cols + j], x[p * cols + j]] = [x[p * cols + j]!, x[c * cols + j]!];
    }
    const piv = a[c * n + c]!;
    for (let r = c + 1; r < n; r++) {
      const k = a[r * n + c]! / piv;
      if (k === 0) continue;
      for (let j = c; j < n; j++) a[r * n + j] = a[r * n + j]! - k * a[c * n + j]!;
      for (let j = 0; j < cols; j++) x[r * cols + j] = x[r * cols + j]! - k * x[c * cols + j]!;
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    const piv = a[c * n + c]!;
    for (let j = 0; j < cols; j++) {
      let v = x[c * cols + j]!;
      for (let k = c + 1; k < n; k++) v -= a[c * n + k]! * x[k * cols + j]!;
      x[c * cols + j] = v / piv;
    }
  }
  return x;
}

/**
 * Fits A in closed form: ridge regression of the target vectors on the query vectors, shrunk toward the
 * identity — argmin Σ w_i·|x_i·A − y_i|² + λ·|A − I|², i.e. A = (XᵀWX + λI)⁻¹ (XᵀWY + λI). λ large gives
 * A ≈ I (no change); deterministic (no randomness). `pairs` need at least one entry; vectors of length d.
 */
export function fitLinearAdapter(pairs: readonly { readonly query: Float32Array; readonly target: Float32Array; readonly weight?: number }[], lambda: number): LinearAdapter {
  if (!(finiteAtLeast(0).test(lambda) && lambda > 0)) throw new Error(`invalid lambda: ${String(lambda)} (expected a finite number > 0)`);
  if (pairs.length === 0) throw new Error('invalid pairs: none (expected at least one query/target pair)');
  const d = pairs[0]!.query.length;
  if (pairs.some((p) => p.query.length !== d || p.target.length !== d)) throw new Error(`invalid pairs: vectors of different lengths (expected ${d})`);
  const xtx = new Float64Array(d * d);
  const xty = new Float64Array(d * d);
  for (const p of pairs) {
    const w = p.weight ?? 1;
    for (let i = 0; i < d; i++) {
      const xi = w * p.query[i]!;
      if (xi === 0) continue;
      for (let j = 0; j < d; j++) {
        xtx[i * d + j] = xtx[i * d + j]! + xi * p.query[j]!;
        xty[i * d + j] = xty[i * d + j]! + xi * p.target[j]!;
      }
    }
  }
  for (let i = 0; i < d; i++) {
    xtx[i * d + i] = xtx[i * d + i]! + lambda;
    xty[i * d + i] = xty[i * d + i]! + lambda;
  }
  return { dim: d, matrix: Float32Array.from(solveMatrix(xtx, xty, d, d)) };
}

/** unit(v·A). */
export function applyAdapter(a: LinearAdapter, v: Float32Array): Float32Array {
  const d = a.dim;
  const out = new Float32Array(d);
  for (let i = 0; i < d; i++) {
    const vi = v[i]!;
    if (vi === 0) continue;
    const row = i * d;
    for (let j = 0; j < d; j++) out[j] = out[j]! + vi * a.matrix[row + j]!;
  }
  let n = 0;
  for (let j = 0; j < d; j++) n += out[j]! * out[j]!;
  n = Math.sqrt(n);
  if (n > 0) for (let j = 0; j < d; j++) out[j] = out[j]! / n;
  return out;
}

/** An embedder whose vectors pass through the adapter (same model id: it scores against the unchanged label index). No `embedSpans`. */
export function adaptedEmbedder(inner: Embedder, a: LinearAdapter): Embedder {
  if (inner.dimensions !== a.dim) throw new Error(`invalid adapter: ${a.dim} dimensions for a ${inner.dimensions}-dimension embedder`);
  return {
    modelId: inner.modelId,
    dimensions: inner.dimensions,
    embed: async (texts) => (await inner.embed(texts)).map((v) => applyAdapter(a, v)),
    dispose: () => inner.dispose(),
  };
}
