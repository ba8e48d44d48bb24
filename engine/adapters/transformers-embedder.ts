import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { EmbeddingError, EmbeddingErrorCode, invalidOption } from '../embedding/errors.ts';
import type { Embedder } from '../ports/embedder.ts';
import { defaultModelsDir } from './models-dir.ts';

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
    });
  } catch (e) {
    throw new EmbeddingError(EmbeddingErrorCode.ModelLoadFailed, `cannot load ${o.model}@${o.dtype} from ${dir}: ${(e as Error).message}`, { cause: e });
  }
  const outputName = session.outputNames.includes('last_hidden_state') ? 'last_hidden_state' : session.outputNames[0]!;
  const wantsTypes = session.inputNames.includes('token_type_ids');
  let dimensions = 0;
  let disposed = false;

  function encode(texts: readonly string[]): Encoded {
    const enc = tokenizer([...texts], { padding: true, truncation: true, max_length: o.maxTokens });
    const dims = enc.input_ids.dims as number[];
    const rows = dims[0]!;
    const cols = dims[1]!;
    const ids = enc.input_ids.data as BigInt64Array;
    const mask = enc.attention_mask.data as BigInt64Array;
    const types = (enc.token_type_ids?.data as BigInt64Array | undefined) ?? new BigInt64Array(rows * cols);
    return { ids, mask, types, rows, cols };
  }

  async function runBatch(texts: readonly string[]): Promise<Float32Array[]> {
    const e = encode(texts);
    const shape = [e.rows, e.cols];
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', e.ids, shape),
      attention_mask: new ort.Tensor('int64', e.mask, shape),
    };
    if (wantsTypes) feeds.token_type_ids = new ort.Tensor('int64', e.types, shape);
    const out = await session.run(feeds);
    const hidden = out[outputName]!;
    const hDims = hidden.dims as readonly number[];
    const dim = hDims[2]!;
    dimensions = dim;
    const data = hidden.data as Float32Array;
    const result: Float32Array[] = [];
    for (let r = 0; r < e.rows; r++) {
      const v = new Float32Array(dim);
      let count = 0;
      for (let t = 0; t < e.cols; t++) {
        if (e.mask[r * e.cols + t] === 0n) continue;
        count++;
        const off = (r * e.cols + t) * dim;
        for (let i = 0; i < dim; i++) v[i] = v[i]! + data[off + i]!;
      }
      let norm = 0;
      for (let i = 0; i < dim; i++) norm += v[i]! * v[i]!;
      norm = Math.sqrt(norm);
      // count === 0 cannot happen with [CLS]/[SEP], but a defined zero vector beats NaN.
      if (count > 0 && norm > 1e-12 && Number.isFinite(norm)) for (let i = 0; i < dim; i++) v[i] = v[i]! / norm;
      else v.fill(0);
      result.push(v);
    }
    for (const t of Object.values(out)) t.dispose?.();
    return result;
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
      // Sort by length so each batch pads to similar lengths; results go back to input order.
      const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length || a - b);
      const out = new Array<Float32Array>(texts.length);
      for (let i = 0; i < order.length; i += o.batchSize) {
        const idx = order.slice(i, i + o.batchSize);
        const vectors = await runBatch(idx.map((j) => texts[j]!));
        idx.forEach((j, k) => (out[j] = vectors[k]!));
      }
      return out;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await session.release();
    },
  };
}
