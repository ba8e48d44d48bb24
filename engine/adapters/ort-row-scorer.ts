import * as ort from 'onnxruntime-node';
import type { RowScorer } from '../embedding/row-scorer.ts';

/**
 * RowScorer on onnxruntime-node: a one-node ONNX graph `scores = MatMul(queries, rowsᵀ)` with the
 * row matrix as an initializer, run by ORT's multithreaded SIMD kernels. The model bytes are written
 * here by hand (a few protobuf fields), so no ONNX tooling is needed.
 */

// --- minimal protobuf writer -------------------------------------------------------------------
function varint(n: number | bigint): number[] {
  let v = BigInt(n);
  const out: number[] = [];
  while (v > 0x7fn) {
    out.push(Number((v & 0x7fn) | 0x80n));
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
type Part = Uint8Array;
const enc = new TextEncoder();
function cat(parts: Part[]): Uint8Array {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
const tagLen = (field: number, body: Uint8Array): Uint8Array => cat([Uint8Array.from(varint((field << 3) | 2)), Uint8Array.from(varint(body.length)), body]);
const tagVar = (field: number, v: number | bigint): Uint8Array => Uint8Array.from([...varint(field << 3), ...varint(v)]);
const str = (field: number, s: string): Uint8Array => tagLen(field, enc.encode(s));

/** TypeProto.Tensor of float with the given dims (number = fixed, string = symbolic). */
function floatType(dims: (number | string)[]): Uint8Array {
  const shape = cat(dims.map((d) => tagLen(1, typeof d === 'number' ? tagVar(1, d) : str(2, d))));
  const tensor = cat([tagVar(1, 1), tagLen(2, shape)]);
  return tagLen(1, tensor);
}
const valueInfo = (field: number, name: string, dims: (number | string)[]): Uint8Array => tagLen(field, cat([str(1, name), tagLen(2, floatType(dims))]));

/** ONNX model bytes: scores[q, rows] = MatMul(queries[q, dim], W[dim, rows]); W (= matrixᵀ) is fed per call. */
function matmulModel(rows: number, dim: number): Uint8Array {
  const node = tagLen(1, cat([str(1, 'queries'), str(1, 'W'), str(2, 'scores'), str(4, 'MatMul')]));
  const graph = cat([node, str(2, 'row_scorer'), valueInfo(11, 'queries', ['q', dim]), valueInfo(11, 'W', [dim, rows]), valueInfo(12, 'scores', ['q', rows])]);
  const opset = tagLen(8, cat([str(1, ''), tagVar(2, 13)]));
  return cat([tagVar(1, 8), str(2, 'skillgraph'), tagLen(7, graph), opset]);
}

export interface OrtRowScorerOptions {
  /** Intra-op threads (default 2). */
  readonly threads?: number;
}

export async function createOrtRowScorer(matrix: Float32Array, rows: number, dim: number, opts: OrtRowScorerOptions = {}): Promise<RowScorer> {
  // Transposed once; fed by reference on every call (no copy into the session).
  const wt = new Float32Array(dim * rows);
  for (let r = 0; r < rows; r++) for (let i = 0; i < dim; i++) wt[i * rows + r] = matrix[r * dim + i]!;
  const weights = new ort.Tensor('float32', wt, [dim, rows]);
  const session = await ort.InferenceSession.create(matmulModel(rows, dim), {
    intraOpNumThreads: opts.threads ?? 2,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'basic',
  });
  return {
    rows,
    dim,
    async score(queries, q) {
      if (q === 0) return new Float32Array(0);
      const out = await session.run({ queries: new ort.Tensor('float32', queries.subarray(0, q * dim), [q, dim]), W: weights });
      const t = out.scores!;
      const data = t.data as Float32Array;
      return data;
    },
    async dispose() {
      await session.release();
    },
  };
}
