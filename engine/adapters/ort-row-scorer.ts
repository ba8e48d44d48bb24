import * as ort from 'onnxruntime-node';
import { scoreRowsJs, type RowScorer } from '../embedding/row-scorer.ts';

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

/** TypeProto.Tensor of an element type (1 = float, 7 = int64) with the given dims (number = fixed, string = symbolic). */
function tensorType(dims: (number | string)[], elem = 1): Uint8Array {
  const shape = cat(dims.map((d) => tagLen(1, typeof d === 'number' ? tagVar(1, d) : str(2, d))));
  const tensor = cat([tagVar(1, elem), tagLen(2, shape)]);
  return tagLen(1, tensor);
}
const valueInfo = (field: number, name: string, dims: (number | string)[], elem = 1): Uint8Array => tagLen(field, cat([str(1, name), tagLen(2, tensorType(dims, elem))]));

/** An INT attribute of a node (AttributeProto: name, i, type = INT). */
const attrInt = (name: string, v: number): Uint8Array => tagLen(5, cat([str(1, name), tagVar(3, v), tagVar(20, 2)]));

/**
 * The scores node: scores[q, rows] = Gemm(queries[q, dim], M[rows, dim], transB = 1), i.e. queries · Mᵀ
 * over the row-major matrix as it is: no transposed copy to build (~1 s for ESCO's 113k rows) or hold
 * (174 MB). On the ESCO label matrix its top-k values and rows were bit-identical to the MatMul over a
 * transposed copy it replaces (issue 18; the imports' links are unchanged).
 */
const scoresNode = (): Uint8Array => tagLen(1, cat([str(1, 'queries'), str(1, 'M'), str(2, 'scores'), str(4, 'Gemm'), attrInt('transB', 1)]));

/** ONNX model bytes: values, indices = TopK(queries · Mᵀ, K) along rows (largest, sorted). */
function topKModel(rows: number, dim: number): Uint8Array {
  const tk = tagLen(1, cat([str(1, 'scores'), str(1, 'K'), str(2, 'values'), str(2, 'indices'), str(4, 'TopK')]));
  const graph = cat([
    scoresNode(),
    tk,
    str(2, 'row_topk'),
    valueInfo(11, 'queries', ['q', dim]),
    valueInfo(11, 'M', [rows, dim]),
    valueInfo(11, 'K', [1], 7),
    valueInfo(12, 'values', ['q', 'k']),
    valueInfo(12, 'indices', ['q', 'k'], 7),
  ]);
  const opset = tagLen(8, cat([str(1, ''), tagVar(2, 13)]));
  return cat([tagVar(1, 8), str(2, 'skillgraph'), tagLen(7, graph), opset]);
}

/** ONNX model bytes: scores[q, rows] = queries · Mᵀ; M (the row matrix, row-major) is fed per call by reference. */
function matmulModel(rows: number, dim: number): Uint8Array {
  const graph = cat([scoresNode(), str(2, 'row_scorer'), valueInfo(11, 'queries', ['q', dim]), valueInfo(11, 'M', [rows, dim]), valueInfo(12, 'scores', ['q', rows])]);
  const opset = tagLen(8, cat([str(1, ''), tagVar(2, 13)]));
  return cat([tagVar(1, 8), str(2, 'skillgraph'), tagLen(7, graph), opset]);
}

/** ONNX model bytes: out[n, q] = MatMul(A[n, dim], B[dim, q]), both fed per call (subset scoring). */
function subsetModel(dim: number): Uint8Array {
  const node = tagLen(1, cat([str(1, 'A'), str(1, 'B'), str(2, 'out'), str(4, 'MatMul')]));
  const graph = cat([node, str(2, 'subset_scorer'), valueInfo(11, 'A', ['n', dim]), valueInfo(11, 'B', [dim, 'q']), valueInfo(12, 'out', ['n', 'q'])]);
  const opset = tagLen(8, cat([str(1, ''), tagVar(2, 13)]));
  return cat([tagVar(1, 8), str(2, 'skillgraph'), tagLen(7, graph), opset]);
}

/** Below this many multiply-adds a subset product runs in JS (an ORT call costs more than it saves). */
const SUBSET_JS_MACS = 200_000;
/** Subsets of at least this many rows keep their gathered copy for the next call with the same id array. */
const REUSE_ROWS = 4096;

/**
 * ORT's pool threads spin-wait after each run by default (measured: ~32 ms of CPU per run on 2 cores),
 * taking the core the JS thread needs between calls; scoring alternates with JS, so they sleep instead.
 */
export const NO_SPIN = { session: { intra_op: { allow_spinning: '0' } } } as const;

export interface OrtRowScorerOptions {
  /** Intra-op threads (default 2). */
  readonly threads?: number;
}

export async function createOrtRowScorer(matrix: Float32Array, rows: number, dim: number, opts: OrtRowScorerOptions = {}): Promise<RowScorer> {
  // The row matrix itself, fed by reference on every call (no copy into the session, no transposed copy).
  const weights = new ort.Tensor('float32', matrix.subarray(0, rows * dim), [rows, dim]);
  const session = await ort.InferenceSession.create(matmulModel(rows, dim), {
    intraOpNumThreads: opts.threads ?? 2,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'basic',
    extra: NO_SPIN,
  });
  const subset = await ort.InferenceSession.create(subsetModel(dim), {
    intraOpNumThreads: opts.threads ?? 2,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'basic',
    extra: NO_SPIN,
  });
  const topk = await ort.InferenceSession.create(topKModel(rows, dim), {
    intraOpNumThreads: opts.threads ?? 2,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'basic',
    extra: NO_SPIN,
  });
  const gathered = new WeakMap<Int32Array, Float32Array>();
  let scratch = new Float32Array(0);
  let scratchBusy = false;
  return {
    rows,
    dim,
    async score(queries, q) {
      if (q === 0) return new Float32Array(0);
      const out = await session.run({ queries: new ort.Tensor('float32', queries.subarray(0, q * dim), [q, dim]), M: weights });
      const t = out.scores!;
      const data = t.data as Float32Array;
      return data;
    },
    async scoreRows(queries, q, rowIds) {
      const n = rowIds.length;
      if (n === 0 || q === 0) return new Float32Array(0);
      if (n * q * dim < SUBSET_JS_MACS) return scoreRowsJs(matrix, dim, queries, q, rowIds);
      // Gather the rows (runs of consecutive ids copy as one block) and transpose the few queries.
      // A large id list passed again (the same array object, e.g. all preferred labels) reuses its gather.
      let a = gathered.get(rowIds);
      let usesScratch = false;
      if (!a) {
        // A small subset is gathered into a scratch buffer reused by the next call once this run is over
        // (concurrent calls get their own): ~0.75 MB per linked segment no longer becomes garbage for the GC.
        if (n >= REUSE_ROWS || scratchBusy) a = new Float32Array(n * dim);
        else {
          scratchBusy = true;
          usesScratch = true;
          if (scratch.length < n * dim) scratch = new Float32Array(Math.max(n * dim, scratch.length * 2));
          a = scratch.subarray(0, n * dim);
        }
        for (let i = 0; i < n; ) {
          let j = i + 1;
          while (j < n && rowIds[j] === rowIds[j - 1]! + 1) j++;
          a.set(matrix.subarray(rowIds[i]! * dim, (rowIds[j - 1]! + 1) * dim), i * dim);
          i = j;
        }
        if (n >= REUSE_ROWS) gathered.set(rowIds, a);
      }
      const b = new Float32Array(dim * q);
      for (let j = 0; j < q; j++) for (let d = 0; d < dim; d++) b[d * q + j] = queries[j * dim + d]!;
      try {
        const out = await subset.run({ A: new ort.Tensor('float32', a, [n, dim]), B: new ort.Tensor('float32', b, [dim, q]) });
        return out.out!.data as Float32Array;
      } finally {
        if (usesScratch) scratchBusy = false;
      }
    },
    async topRows(queries, q, k) {
      const kk = Math.min(k, rows);
      if (q === 0 || kk <= 0) return { k: Math.max(0, kk), rows: new Int32Array(0), scores: new Float32Array(0) };
      const out = await topk.run({
        queries: new ort.Tensor('float32', queries.subarray(0, q * dim), [q, dim]),
        M: weights,
        K: new ort.Tensor('int64', BigInt64Array.from([BigInt(kk)]), [1]),
      });
      const idx = out.indices!.data as BigInt64Array;
      const outRows = new Int32Array(idx.length);
      for (let i = 0; i < idx.length; i++) outRows[i] = Number(idx[i]!);
      return { k: kk, rows: outRows, scores: out.values!.data as Float32Array };
    },
    async dispose() {
      await session.release();
      await subset.release();
      await topk.release();
    },
  };
}
