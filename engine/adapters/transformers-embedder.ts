import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { EmbeddingError, EmbeddingErrorCode, invalidOption } from '../embedding/errors.ts';
import type { Embedder, SpanEmbedding, SpanRequest } from '../ports/embedder.ts';
import { checkSpanRequests } from '../embedding/span-requests.ts';
import { defaultModelsDir } from './models-dir.ts';
import { NO_SPIN } from './ort-row-scorer.ts';

export type EmbedderDtype = 'fp32' | 'q8';

export interface TransformersEmbedderOptions {
  /** Folder holding `<model>/` in the transformers.js layout (default: see `defaultModelsDir`). */
  readonly modelsDir?: string;
  /** Model folder name (default `all-MiniLM-L6-v2`). */
  readonly model?: string;
  /** `fp32` (onnx/model.onnx) or `q8` (onnx/model_quantized.onnx, int8). Default `fp32`. */
  readonly dtype?: EmbedderDtype;
  /** Texts per model call (default 32). Texts are sorted by length first, so batches pad little. */
  readonly batchSize?: number;
  /** onnxruntime intra-op threads (default: available cores, at most 4). */
  readonly threads?: number;
  /** Maximum word pieces per text, longer texts are truncated (default 256, the model's limit). */
  readonly maxTokens?: number;
}

/** BERT pre-tokenizer pieces: runs of non-space non-punctuation characters, or one punctuation mark. */
/** BERT pre-tokenizer pieces: runs of characters other than BERT whitespace (space, tab, newline, Zs) and punctuation, or one punctuation mark. Control/format characters stay inside a piece (the normaliser deletes them, joining what is around). */
const PIECE = /[^\t\n\r \p{Zs}\p{P}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]+|[\p{P}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]/gu;
const SPAN_CONTEXT = process.env['SG_SPAN_CONTEXT'] === '1';


const MODEL_FILE: Record<EmbedderDtype, string> = { fp32: 'model.onnx', q8: 'model_quantized.onnx' };

interface Resolved {
  modelsDir: string;
  model: string;
  dtype: EmbedderDtype;
  batchSize: number;
  threads: number;
  maxTokens: number;
}

function resolveOptions(opts: TransformersEmbedderOptions): Resolved {
  if (opts === null || typeof opts !== 'object') throw invalidOption('options', opts, 'an options object');
  const known = new Set(['modelsDir', 'model', 'dtype', 'batchSize', 'threads', 'maxTokens']);
  for (const key of Object.keys(opts)) if (!known.has(key)) throw invalidOption(key, (opts as Record<string, unknown>)[key], `one of ${[...known].join(', ')}`);
  const modelsDir = opts.modelsDir ?? defaultModelsDir();
  if (typeof modelsDir !== 'string' || modelsDir === '') throw invalidOption('modelsDir', modelsDir, 'a folder path');
  const model = opts.model ?? 'all-MiniLM-L6-v2';
  if (typeof model !== 'string' || !/^[\w.-]+(\/[\w.-]+)?$/.test(model)) throw invalidOption('model', model, 'a model folder name');
  const dtype = opts.dtype ?? 'fp32';
  if (dtype !== 'fp32' && dtype !== 'q8') throw invalidOption('dtype', dtype, "'fp32' or 'q8'");
  const batchSize = opts.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1024) throw invalidOption('batchSize', batchSize, 'an integer in [1, 1024]');
  const threads = opts.threads ?? Math.min(4, availableParallelism());
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) throw invalidOption('threads', threads, 'an integer in [1, 256]');
  const maxTokens = opts.maxTokens ?? 256;
  if (!Number.isInteger(maxTokens) || maxTokens < 2 || maxTokens > 512) throw invalidOption('maxTokens', maxTokens, 'an integer in [2, 512]');
  return { modelsDir, model, dtype, batchSize, threads, maxTokens };
}

/** Tokenized batch as int64 tensors for the session. */
interface Encoded {
  readonly ids: BigInt64Array;
  readonly mask: BigInt64Array;
  readonly types: BigInt64Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Embedder on a local sentence-transformers model: tokenizer from transformers.js, the ONNX graph run
 * by an onnxruntime-node session directly (measured faster than the `feature-extraction` pipeline, see
 * bench/embedding.ts), mean pooling over the attention mask, then L2 normalisation. Never downloads.
 */
export async function createTransformersEmbedder(opts: TransformersEmbedderOptions = {}): Promise<Embedder> {
  const o = resolveOptions(opts);
  const dir = join(o.modelsDir, o.model);
  const modelPath = join(dir, 'onnx', MODEL_FILE[o.dtype]);
  for (const f of [join(dir, 'tokenizer.json'), modelPath]) {
    if (!existsSync(f)) {
      throw new EmbeddingError(
        EmbeddingErrorCode.ModelMissing,
        `model file missing: ${f} (set SKILLGRAPH_MODELS or run scripts/provision-model to put ${o.model} in place)`,
      );
    }
  }
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = o.modelsDir.endsWith('/') ? o.modelsDir : `${o.modelsDir}/`;
  let tokenizer: PreTrainedTokenizer;
  let session: ort.InferenceSession;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(o.model);
    session = await ort.InferenceSession.create(modelPath, {
      intraOpNumThreads: o.threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
      // No spin-wait after a run: linking alternates model calls with JS work (see ort-row-scorer.ts).
      extra: NO_SPIN,
    });
  } catch (e) {
    throw new EmbeddingError(EmbeddingErrorCode.ModelLoadFailed, `cannot load ${o.model}@${o.dtype} from ${dir}: ${(e as Error).message}`, { cause: e });
  }
  const outputName = session.outputNames.includes('last_hidden_state') ? 'last_hidden_state' : session.outputNames[0]!;
  const wantsTypes = session.inputNames.includes('token_type_ids');
  let dimensions = 0;
  let disposed = false;

  const [clsId, sepId] = tokenizer.encode('') as number[];

  function encode(texts: readonly string[]): Encoded {
    const enc = tokenizer([...texts], { padding: true, truncation: true, max_length: o.maxTokens });
    const dims = enc.input_ids.dims as number[];
    const rows = dims[0]!;
    const cols = dims[1]!;
    const ids = enc.input_ids.data as BigInt64Array;
    const mask = enc.attention_mask.data as BigInt64Array;
    const types = (enc.token_type_ids?.data as BigInt64Array | undefined) ?? new BigInt64Array(rows * cols);
    // transformers.js truncates after adding [CLS]/[SEP], which drops [SEP] from a cut text; sentence-transformers
    // keeps it ([CLS] + maxTokens−2 pieces + [SEP]): put it back in the last position of a full row.
    for (let r = 0; r < rows; r++) {
      if (cols < o.maxTokens || mask[r * cols + cols - 1] === 0n) continue;
      if (ids[r * cols + cols - 1] !== BigInt(sepId!)) ids[r * cols + cols - 1] = BigInt(sepId!);
    }
    return { ids, mask, types, rows, cols };
  }

  /** Runs the session on an encoded batch; the last hidden state [rows, cols, dim]. */
  async function run(e: Encoded): Promise<{ data: Float32Array; dim: number; release: () => void }> {
    const shape = [e.rows, e.cols];
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', e.ids, shape),
      attention_mask: new ort.Tensor('int64', e.mask, shape),
    };
    if (wantsTypes) feeds.token_type_ids = new ort.Tensor('int64', e.types, shape);
    const out = await session.run(feeds);
    const hidden = out[outputName]!;
    const dim = (hidden.dims as readonly number[])[2]!;
    dimensions = dim;
    return { data: hidden.data as Float32Array, dim, release: () => Object.values(out).forEach((t) => t.dispose?.()) };
  }

  /** Unit mean of the token vectors of row `r` at token positions [from, to) (mask-free: positions are real tokens); zeros when empty. */
  function pool(data: Float32Array, dim: number, cols: number, r: number, from: number, to: number, extra: readonly number[] = []): Float32Array {
    const v = new Float32Array(dim);
    const add = (t: number) => {
      const off = (r * cols + t) * dim;
      for (let i = 0; i < dim; i++) v[i] = v[i]! + data[off + i]!;
    };
    for (let t = from; t < to; t++) add(t);
    for (const t of extra) add(t);
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += v[i]! * v[i]!;
    norm = Math.sqrt(norm);
    // A span over no token (or a degenerate sum) is a defined zero vector, never NaN.
    if (to > from && norm > 1e-12 && Number.isFinite(norm)) for (let i = 0; i < dim; i++) v[i] = v[i]! / norm;
    else v.fill(0);
    return v;
  }

  async function runBatch(texts: readonly string[]): Promise<Float32Array[]> {
    const e = encode(texts);
    const { data, dim, release } = await run(e);
    const result: Float32Array[] = [];
    for (let r = 0; r < e.rows; r++) {
      let count = 0;
      for (let t = 0; t < e.cols; t++) if (e.mask[r * e.cols + t] !== 0n) count++;
      // Real tokens come first (right padding): mean over positions [0, count).
      result.push(pool(data, dim, e.cols, r, 0, count));
    }
    release();
    return result;
  }

  // --- span pooling: tokens aligned to characters by tokenizing pre-tokenizer pieces one at a time ---
  const pieceIds = new Map<string, readonly number[]>();
  /** Word pieces of one pre-tokenizer piece (a word or one punctuation mark), memoised. */
  function idsOf(piece: string): readonly number[] {
    let ids = pieceIds.get(piece);
    if (!ids) {
      if (pieceIds.size >= 200_000) pieceIds.clear();
      ids = tokenizer.encode(piece, { add_special_tokens: false }) as number[];
      pieceIds.set(piece, ids);
    }
    return ids;
  }
  /** Token ids of `text` with the character range each came from (CLS/SEP excluded), truncated to maxTokens. */
  function alignedTokens(text: string): { ids: number[]; from: number[]; to: number[] } {
    const ids: number[] = [];
    const from: number[] = [];
    const to: number[] = [];
    const limit = o.maxTokens - 2;
    for (const m of text.matchAll(PIECE)) {
      for (const id of idsOf(m[0])) {
        if (ids.length >= limit) return { ids, from, to };
        ids.push(id);
        from.push(m.index);
        to.push(m.index + m[0].length);
      }
    }
    return { ids, from, to };
  }

  async function embedSpanBatch(items: readonly SpanRequest[]): Promise<SpanEmbedding[]> {
    const toks = items.map((it) => alignedTokens(it.text));
    const rows = items.length;
    const cols = Math.max(...toks.map((t) => t.ids.length)) + 2;
    const ids = new BigInt64Array(rows * cols);
    const mask = new BigInt64Array(rows * cols);
    toks.forEach((t, r) => {
      const row = [clsId!, ...t.ids, sepId!];
      row.forEach((id, c) => {
        ids[r * cols + c] = BigInt(id);
        mask[r * cols + c] = 1n;
      });
    });
    const { data, dim, release } = await run({ ids, mask, types: new BigInt64Array(rows * cols), rows, cols });
    const out = items.map((it, r) => {
      const t = toks[r]!;
      const n = t.ids.length;
      const vector = pool(data, dim, cols, r, 0, n + 2);
      const spans = it.spans.map(([a, b]) => {
        // Token positions (offset by CLS) whose character range overlaps [a, b).
        let lo = 0;
        while (lo < n && t.to[lo]! <= a) lo++;
        let hi = lo;
        while (hi < n && t.from[hi]! < b) hi++;
        return pool(data, dim, cols, r, lo + 1, hi + 1, SPAN_CONTEXT ? [0, n + 1] : []);
      });
      return { vector, spans };
    });
    release();
    return out;
  }

  /** Runs `run` on batches of `batchSize` items sorted by length (each batch pads to similar lengths); results in input order. */
  async function byLength<T, R>(items: readonly T[], length: (t: T) => number, run: (batch: T[]) => Promise<R[]>): Promise<R[]> {
    const order = items.map((_, i) => i).sort((a, b) => length(items[a]!) - length(items[b]!) || a - b);
    const out = new Array<R>(items.length);
    for (let i = 0; i < order.length; i += o.batchSize) {
      const idx = order.slice(i, i + o.batchSize);
      const got = await run(idx.map((j) => items[j]!));
      idx.forEach((j, k) => (out[j] = got[k]!));
    }
    return out;
  }

  // Probe once so `dimensions` is known before the first call.
  await runBatch(['']);

  return {
    modelId: `${o.model}@${o.dtype}`,
    get dimensions() {
      return dimensions;
    },
    async embed(texts: readonly string[]): Promise<Float32Array[]> {
      if (disposed) throw new EmbeddingError(EmbeddingErrorCode.Disposed, `embedder ${o.model}@${o.dtype} was disposed`);
      if (!Array.isArray(texts) || texts.some((t) => typeof t !== 'string')) throw invalidOption('texts', texts, 'an array of strings');
      return byLength(texts, (t) => t.length, runBatch);
    },
    async embedSpans(items: readonly SpanRequest[]): Promise<SpanEmbedding[]> {
      if (disposed) throw new EmbeddingError(EmbeddingErrorCode.Disposed, `embedder ${o.model}@${o.dtype} was disposed`);
      checkSpanRequests(items);
      return byLength(items, (it) => it.text.length, embedSpanBatch);
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await session.release();
    },
  };
}
