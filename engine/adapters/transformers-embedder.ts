import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { checkEmbeddingOption as check, embeddingError, invalidOption } from '../embedding/errors.ts';
import { integerIn, oneOf, satisfies } from '../../taxonomy/model/option-check.ts';
import type { Embedder, SpanEmbedding, SpanRequest } from '../ports/embedder.ts';
import { checkSpanRequests } from '../embedding/span-requests.ts';
import { defaultModel, defaultModelsDir, isModelName, modelIdOf, readModelConfig } from './models-dir.ts';
import { NO_SPIN } from './ort-row-scorer.ts';

export type EmbedderDtype = 'fp32' | 'q8';

export interface TransformersEmbedderOptions {
  /** Folder holding `<model>/` in the transformers.js layout (default: see `defaultModelsDir`). */
  readonly modelsDir?: string;
  /** Model folder name (default `$SKILLGRAPH_MODEL`, else `all-MiniLM-L6-v2`: see `defaultModel`); it names the model's id, `<model>@<dtype>`. */
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

/** BERT pre-tokenizer pieces: runs of characters other than BERT whitespace (space, tab, newline, Zs) and punctuation, or one punctuation mark. Control/format characters stay inside a piece (the normaliser deletes them, joining what is around). */
const PIECE = /[^\t\n\r \p{Zs}\p{P}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]+|[\p{P}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]/gu;
const SPAN_CONTEXT = process.env['SG_SPAN_CONTEXT'] === '1';

const MODEL_FILE: Record<EmbedderDtype, string> = { fp32: 'model.onnx', q8: 'model_quantized.onnx' };

type Resolved = Required<TransformersEmbedderOptions>;

const RULES = {
  modelsDir: satisfies<string>('a folder path', (v) => typeof v === 'string' && v !== ''),
  model: satisfies<string>('a model folder name', (v) => typeof v === 'string' && isModelName(v)),
  dtype: oneOf('fp32', 'q8'),
  batchSize: integerIn(1, 1024),
  threads: integerIn(1, 256),
  maxTokens: integerIn(2, 512),
};

/** Step 1: the options, checked once (unknown keys refused), with defaults filled in. */
function resolveOptions(opts: TransformersEmbedderOptions): Resolved {
  const defaults: Resolved = { modelsDir: '', model: opts.model === undefined ? defaultModel() : '', dtype: 'fp32', batchSize: 32, threads: Math.min(4, availableParallelism()), maxTokens: 256 };
  const o = check.all(defaults, opts, RULES, true);
  return o.modelsDir === '' ? { ...o, modelsDir: check('modelsDir', defaultModelsDir(), RULES.modelsDir) } : o;
}

/** Step 2: the model's files, or MODEL_MISSING naming the first one absent; its config.json checked (`readModelConfig`: a BERT-like sentence encoder). */
function modelFiles(o: Resolved): { dir: string; modelPath: string; dimensions: number } {
  const dir = join(o.modelsDir, o.model);
  const modelPath = join(dir, 'onnx', MODEL_FILE[o.dtype]);
  for (const file of [join(dir, 'config.json'), join(dir, 'tokenizer.json'), modelPath]) {
    if (!existsSync(file)) throw embeddingError('MODEL_MISSING', { file, model: o.model }, 'modelsDir');
  }
  return { dir, modelPath, dimensions: readModelConfig(dir, o.model).dimensions };
}

/** The loaded model: its tokenizer and ONNX session, and what the session's graph says about its inputs and output. */
interface Model {
  readonly o: Resolved;
  readonly tokenizer: PreTrainedTokenizer;
  readonly session: ort.InferenceSession;
  readonly outputName: string;
  readonly wantsTypes: boolean;
  readonly clsId: number;
  readonly sepId: number;
  /** The hidden size, known after the first run. */
  dimensions: number;
}

/** Step 3: tokenizer and session from the local folder (never downloads), or MODEL_LOAD_FAILED. */
async function loadModel(o: Resolved, dir: string, modelPath: string): Promise<Model> {
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
    throw embeddingError('MODEL_LOAD_FAILED', { reason: `cannot load ${o.model}@${o.dtype} from ${dir}: ${(e as Error).message}` }, undefined, { cause: e });
  }
  const [clsId, sepId] = tokenizer.encode('') as number[];
  return {
    o,
    tokenizer,
    session,
    outputName: session.outputNames.includes('last_hidden_state') ? 'last_hidden_state' : session.outputNames[0]!,
    wantsTypes: session.inputNames.includes('token_type_ids'),
    clsId: clsId!,
    sepId: sepId!,
    dimensions: 0,
  };
}

/** Tokenized batch as int64 tensors for the session. */
interface Encoded {
  readonly ids: BigInt64Array;
  readonly mask: BigInt64Array;
  readonly types: BigInt64Array;
  readonly rows: number;
  readonly cols: number;
}

/** Whole texts tokenized as one padded batch, truncated to maxTokens the way sentence-transformers does. */
function encodeTexts(m: Model, texts: readonly string[]): Encoded {
  const maxTokens = m.o.maxTokens;
  const enc = m.tokenizer([...texts], { padding: true, truncation: true, max_length: maxTokens });
  const dims = enc.input_ids.dims as number[];
  const rows = dims[0]!;
  const cols = dims[1]!;
  const ids = enc.input_ids.data as BigInt64Array;
  const mask = enc.attention_mask.data as BigInt64Array;
  const types = (enc.token_type_ids?.data as BigInt64Array | undefined) ?? new BigInt64Array(rows * cols);
  // transformers.js truncates after adding [CLS]/[SEP], which drops [SEP] from a cut text; sentence-transformers
  // keeps it ([CLS] + maxTokens−2 pieces + [SEP]): put it back in the last position of a full row.
  for (let r = 0; r < rows; r++) {
    if (cols < maxTokens || mask[r * cols + cols - 1] === 0n) continue;
    if (ids[r * cols + cols - 1] !== BigInt(m.sepId)) ids[r * cols + cols - 1] = BigInt(m.sepId);
  }
  return { ids, mask, types, rows, cols };
}

/** Runs the session on an encoded batch; the last hidden state [rows, cols, dim]. */
async function runModel(m: Model, e: Encoded): Promise<{ data: Float32Array; dim: number; release: () => void }> {
  const shape = [e.rows, e.cols];
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor('int64', e.ids, shape),
    attention_mask: new ort.Tensor('int64', e.mask, shape),
  };
  if (m.wantsTypes) feeds.token_type_ids = new ort.Tensor('int64', e.types, shape);
  const out = await m.session.run(feeds);
  const hidden = out[m.outputName]!;
  const dim = (hidden.dims as readonly number[])[2]!;
  m.dimensions = dim;
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

/** One batch of whole texts: each text's unit mean-pooled vector. */
async function embedTextBatch(m: Model, texts: readonly string[]): Promise<Float32Array[]> {
  const e = encodeTexts(m, texts);
  const { data, dim, release } = await runModel(m, e);
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

/** A text's token ids with the character range each came from (CLS/SEP excluded). */
interface AlignedTokens {
  readonly ids: number[];
  readonly from: number[];
  readonly to: number[];
}

/** Tokenizes texts piece by piece so that each token knows its characters; word pieces of a piece are memoised. */
class TokenAligner {
  private readonly pieceIds = new Map<string, readonly number[]>();
  constructor(
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly maxTokens: number,
  ) {}

  /** Word pieces of one pre-tokenizer piece (a word or one punctuation mark). */
  private idsOf(piece: string): readonly number[] {
    let ids = this.pieceIds.get(piece);
    if (!ids) {
      if (this.pieceIds.size >= 200_000) this.pieceIds.clear();
      ids = this.tokenizer.encode(piece, { add_special_tokens: false }) as number[];
      this.pieceIds.set(piece, ids);
    }
    return ids;
  }

  /** Token ids of `text` with their character ranges, truncated to maxTokens − 2 (room for CLS and SEP). */
  align(text: string): AlignedTokens {
    const ids: number[] = [];
    const from: number[] = [];
    const to: number[] = [];
    const limit = this.maxTokens - 2;
    for (const match of text.matchAll(PIECE)) {
      for (const id of this.idsOf(match[0])) {
        if (ids.length >= limit) return { ids, from, to };
        ids.push(id);
        from.push(match.index);
        to.push(match.index + match[0].length);
      }
    }
    return { ids, from, to };
  }
}

/** [CLS] tokens [SEP] rows, right-padded, as one batch. */
function encodeAligned(m: Model, toks: readonly AlignedTokens[]): Encoded {
  const rows = toks.length;
  const cols = Math.max(...toks.map((t) => t.ids.length)) + 2;
  const ids = new BigInt64Array(rows * cols);
  const mask = new BigInt64Array(rows * cols);
  toks.forEach((t, r) => {
    const row = [m.clsId, ...t.ids, m.sepId];
    row.forEach((id, c) => {
      ids[r * cols + c] = BigInt(id);
      mask[r * cols + c] = 1n;
    });
  });
  return { ids, mask, types: new BigInt64Array(rows * cols), rows, cols };
}

/** Token positions [lo, hi) of `t` (without CLS) whose character range overlaps [a, b). */
function tokensOverlapping(t: AlignedTokens, a: number, b: number): [number, number] {
  const n = t.ids.length;
  let lo = 0;
  while (lo < n && t.to[lo]! <= a) lo++;
  let hi = lo;
  while (hi < n && t.from[hi]! < b) hi++;
  return [lo, hi];
}

/** One batch of span requests: each text's vector and one pooled vector per requested character span. */
async function embedSpanBatch(m: Model, aligner: TokenAligner, items: readonly SpanRequest[]): Promise<SpanEmbedding[]> {
  const toks = items.map((it) => aligner.align(it.text));
  const e = encodeAligned(m, toks);
  const { data, dim, release } = await runModel(m, e);
  const out = items.map((it, r) => {
    const t = toks[r]!;
    const n = t.ids.length;
    const vector = pool(data, dim, e.cols, r, 0, n + 2);
    const spans = it.spans.map(([a, b]) => {
      const [lo, hi] = tokensOverlapping(t, a, b);
      // Row positions are offset by CLS.
      return pool(data, dim, e.cols, r, lo + 1, hi + 1, SPAN_CONTEXT ? [0, n + 1] : []);
    });
    return { vector, spans };
  });
  release();
  return out;
}

/** Runs `run` on batches of `batchSize` items sorted by length (each batch pads to similar lengths); results in input order. */
async function byLength<T, R>(items: readonly T[], batchSize: number, length: (t: T) => number, run: (batch: T[]) => Promise<R[]>): Promise<R[]> {
  const order = items.map((_, i) => i).sort((a, b) => length(items[a]!) - length(items[b]!) || a - b);
  const out = new Array<R>(items.length);
  for (let i = 0; i < order.length; i += batchSize) {
    const idx = order.slice(i, i + batchSize);
    const got = await run(idx.map((j) => items[j]!));
    idx.forEach((j, k) => (out[j] = got[k]!));
  }
  return out;
}

/**
 * Embedder on a local sentence-transformers model: tokenizer from transformers.js, the ONNX graph run
 * by an onnxruntime-node session directly (measured faster than the `feature-extraction` pipeline, see
 * bench/embedding.ts), mean pooling over the attention mask, then L2 normalisation. Never downloads.
 * Steps: check the options, find the model's files, load tokenizer and session, probe once for the
 * hidden size; then `embed` and `embedSpans` batch their input by length.
 */
export async function createTransformersEmbedder(opts: TransformersEmbedderOptions = {}): Promise<Embedder> {
  const o = resolveOptions(opts);
  const { dir, modelPath, dimensions } = modelFiles(o);
  const m = await loadModel(o, dir, modelPath);
  const aligner = new TokenAligner(m.tokenizer, o.maxTokens);
  const modelId = modelIdOf(o.model, o.dtype);
  let disposed = false;
  const alive = (): void => {
    if (disposed) throw embeddingError('DISPOSED', { model: modelId });
  };

  // Probe once so `dimensions` is known before the first call; it must be the size config.json states (what the
  // model's id is announced with before it loads: modelIdentity).
  await embedTextBatch(m, ['']);
  if (m.dimensions !== dimensions) {
    await m.session.release();
    throw embeddingError('MODEL_CONFIG_INVALID', { file: join(dir, 'config.json'), reason: `hidden_size is ${dimensions} but the model's vectors have ${m.dimensions} dimensions` }, 'model');
  }

  return {
    modelId,
    get dimensions() {
      return m.dimensions;
    },
    async embed(texts: readonly string[]): Promise<Float32Array[]> {
      alive();
      if (!Array.isArray(texts) || texts.some((t) => typeof t !== 'string')) throw invalidOption('texts', texts, 'an array of strings');
      return byLength(texts, o.batchSize, (t) => t.length, (batch) => embedTextBatch(m, batch));
    },
    async embedSpans(items: readonly SpanRequest[]): Promise<SpanEmbedding[]> {
      alive();
      checkSpanRequests(items);
      return byLength(items, o.batchSize, (it) => it.text.length, (batch) => embedSpanBatch(m, aligner, batch));
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await m.session.release();
    },
  };
}
