import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { checkEmbeddingOption as check, embeddingError, invalidOption } from '../embedding/errors.ts';
import { integerIn, satisfies } from '../../taxonomy/model/option-check.ts';
import type { RerankPair, Reranker } from '../ports/reranker.ts';
import { defaultModelsDir } from './models-dir.ts';
import { NO_SPIN } from './ort-row-scorer.ts';

/** The committed reranker (rebuilt by scripts/cross-encoder/, see the README): model and metadata side by side. */
export const DEFAULT_RERANKER_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'linking', 'weights', 'skill-reranker.onnx');

/** What `skill-reranker.json` beside the model says (ce-contract: written by the training script). */
export interface RerankerMetadata {
  /** `skill-reranker@<first 12 hex of sha256>`. */
  readonly id: string;
  readonly sha256: string;
  /** Longest pair in word pieces, [CLS] A [SEP] B [SEP] included. */
  readonly maxLength: number;
  /** What text B is (`preferredLabel`). */
  readonly textB: string;
  readonly [key: string]: unknown;
}

export interface OnnxRerankerOptions {
  /** The int8 ONNX model; its metadata is the same path with `.json` (default: the committed one, or `$SKILLGRAPH_RERANKER`). */
  readonly file?: string;
  /** Folder of the tokenizer's model in the transformers.js layout (default: see `defaultModelsDir`). */
  readonly modelsDir?: string;
  /** Tokenizer model folder (default `all-MiniLM-L6-v2`, the one the reranker was cut from). */
  readonly tokenizer?: string;
  /**
   * Pairs per model call (default 1). The int8 model quantises its activations per run, so a pair's logit
   * moves with its batch mates (measured: up to 0.08); one pair per run makes every logit a function of the
   * pair alone — the same in the fit, in `link` and `linkMany`, in the link helper, cold or cached — at
   * ~1.7× the CPU of batches of 16 (cold pairs only: cached logits cost no run). Larger batches are sorted
   * by length first so they pad little.
   */
  readonly batchSize?: number;
  /** onnxruntime intra-op threads (default 1: the linker's other work runs beside it). */
  readonly threads?: number;
}

const RULES = {
  file: satisfies<string>('a file path', (v) => typeof v === 'string' && v !== ''),
  modelsDir: satisfies<string>('a folder path', (v) => typeof v === 'string' && v !== ''),
  tokenizer: satisfies<string>('a model folder name', (v) => typeof v === 'string' && /^[\w.-]+$/.test(v)),
  batchSize: integerIn(1, 4096),
  threads: integerIn(1, 256),
};

/** The reranker file used when none is given: `$SKILLGRAPH_RERANKER`, else the committed one. */
export function defaultRerankerFile(envVars: NodeJS.ProcessEnv = process.env): string {
  return envVars['SKILLGRAPH_RERANKER'] ? resolve(envVars['SKILLGRAPH_RERANKER']) : DEFAULT_RERANKER_FILE;
}

/** Reads and checks the metadata and the model bytes: one error naming the file when either is missing, unreadable or not the one the metadata's sha256 names. */
export function readRerankerFiles(file: string): { meta: RerankerMetadata; bytes: Uint8Array } {
  const metaFile = file.replace(/\.onnx$/, '') + '.json';
  for (const f of [file, metaFile]) {
    if (!existsSync(f)) throw embeddingError('RERANKER_MISSING', { file: f, why: 'merge the committed model or set SKILLGRAPH_RERANKER; SKILLGRAPH_RERANK=0 links without it' }, 'file');
  }
  let meta: RerankerMetadata;
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8')) as RerankerMetadata;
  } catch (e) {
    throw embeddingError('RERANKER_INVALID', { file: metaFile, meta: 'it', problem: `not JSON (${(e as Error).message})` }, 'file', { cause: e });
  }
  const bad = (problem: string) => embeddingError('RERANKER_INVALID', { file, meta: metaFile, problem }, 'file');
  if (typeof meta.id !== 'string' || typeof meta.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(meta.sha256)) throw bad('the metadata needs `id` and a hex `sha256`');
  if (!Number.isInteger(meta.maxLength) || meta.maxLength < 8 || meta.maxLength > 512) throw bad(`maxLength ${JSON.stringify(meta.maxLength)} is not an integer in [8, 512]`);
  if (meta.textB !== undefined && meta.textB !== 'preferredLabel') throw bad(`textB ${JSON.stringify(meta.textB)} (this adapter pairs the preferred label)`);
  const bytes = new Uint8Array(readFileSync(file));
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== meta.sha256) throw bad(`its sha256 is ${sha.slice(0, 12)}…, the metadata says ${meta.sha256.slice(0, 12)}…`);
  if (meta.id !== `skill-reranker@${sha.slice(0, 12)}`) throw bad(`id ${meta.id} is not skill-reranker@${sha.slice(0, 12)}`);
  return { meta, bytes };
}

/** Word pieces of text A and B (no special tokens), A truncated from its end so the pair fits maxLength; B never cut. */
export function pairTokens(a: readonly number[], b: readonly number[], cls: number, sep: number, maxLength: number): { ids: number[]; types: number[] } {
  const room = Math.max(0, maxLength - 3 - b.length);
  const head = a.length > room ? a.slice(0, room) : a;
  return { ids: [cls, ...head, sep, ...b, sep], types: [...new Array<number>(head.length + 2).fill(0), ...new Array<number>(b.length + 1).fill(1)] };
}

/**
 * Cross-encoder reranker on onnxruntime-node (ce-contract): BERT pair encoding with the MiniLM tokenizer
 * (transformers.js, local files only) — `[CLS] A [SEP] B [SEP]`, token types 0 then 1, A truncated, never
 * B — one pair per run by default (see `batchSize`), one session on `threads` intra-op threads; output
 * `logits` [batch, 1]. The model's sha256 is checked against its metadata at load.
 */
export async function createOnnxReranker(opts: OnnxRerankerOptions = {}): Promise<Reranker & { readonly meta: RerankerMetadata; readonly maxLength: number; encode(pair: RerankPair): { ids: number[]; types: number[] } }> {
  const o = check.all({ file: '', modelsDir: '', tokenizer: 'all-MiniLM-L6-v2', batchSize: 1, threads: 1 }, opts, RULES, true);
  const file = o.file === '' ? defaultRerankerFile() : o.file;
  const modelsDir = o.modelsDir === '' ? defaultModelsDir() : o.modelsDir;
  const { meta, bytes } = readRerankerFiles(file);
  if (!existsSync(join(modelsDir, o.tokenizer, 'tokenizer.json'))) throw embeddingError('MODEL_MISSING', { file: join(modelsDir, o.tokenizer, 'tokenizer.json'), model: o.tokenizer }, 'modelsDir');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = modelsDir.endsWith('/') ? modelsDir : `${modelsDir}/`;
  let tokenizer: PreTrainedTokenizer;
  let session: ort.InferenceSession;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(o.tokenizer);
    session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: o.threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential', extra: NO_SPIN });
  } catch (e) {
    throw embeddingError('MODEL_LOAD_FAILED', { reason: `cannot load the reranker ${file}: ${(e as Error).message}` }, 'file', { cause: e });
  }
  for (const name of ['input_ids', 'attention_mask', 'token_type_ids']) {
    if (!session.inputNames.includes(name)) throw embeddingError('RERANKER_INVALID', { file, meta: 'the contract', problem: `no input ${name} (inputs: ${session.inputNames.join(', ')})` }, 'file');
  }
  const output = session.outputNames.includes('logits') ? 'logits' : null;
  if (!output) throw embeddingError('RERANKER_INVALID', { file, meta: 'the contract', problem: `no output logits (outputs: ${session.outputNames.join(', ')})` }, 'file');
  const [cls, sep] = tokenizer.encode('') as number[];
  const maxLength = meta.maxLength;
  /** Word pieces of labels (13.9k at most) and of recent segment texts: each text is paired with K labels. */
  const labelIds = new Map<string, readonly number[]>();
  const textIds = new Map<string, readonly number[]>();
  const pieces = (cache: Map<string, readonly number[]>, t: string, max: number): readonly number[] => {
    let ids = cache.get(t);
    if (!ids) {
      if (cache.size >= max) cache.clear();
      ids = tokenizer.encode(t, { add_special_tokens: false }) as number[];
      cache.set(t, ids);
    }
    return ids;
  };
  const encode = (p: RerankPair) => pairTokens(pieces(textIds, p.text, 4096), pieces(labelIds, p.label, 50_000), cls!, sep!, maxLength);

  async function run(rows: readonly { ids: number[]; types: number[] }[]): Promise<Float32Array> {
    const n = rows.length;
    const cols = Math.max(...rows.map((r) => r.ids.length));
    const ids = new BigInt64Array(n * cols);
    const mask = new BigInt64Array(n * cols);
    const types = new BigInt64Array(n * cols);
    rows.forEach((r, i) => {
      for (let c = 0; c < r.ids.length; c++) {
        ids[i * cols + c] = BigInt(r.ids[c]!);
        mask[i * cols + c] = 1n;
        types[i * cols + c] = BigInt(r.types[c]!);
      }
    });
    const shape = [n, cols];
    const out = await session.run({ input_ids: new ort.Tensor('int64', ids, shape), attention_mask: new ort.Tensor('int64', mask, shape), token_type_ids: new ort.Tensor('int64', types, shape) });
    const logits = Float32Array.from(out[output!]!.data as Float32Array);
    for (const t of Object.values(out)) t.dispose?.();
    if (logits.length !== n) throw embeddingError('RERANKER_INVALID', { file, meta: 'the contract', problem: `logits has ${logits.length} values for ${n} pairs (expected [batch, 1])` }, 'file');
    return logits;
  }

  let disposed = false;
  return {
    modelId: meta.id,
    meta,
    maxLength,
    encode,
    async score(pairs: readonly RerankPair[]): Promise<Float32Array> {
      if (disposed) throw embeddingError('DISPOSED', { model: meta.id });
      if (!Array.isArray(pairs) || pairs.some((p) => !p || typeof p.text !== 'string' || typeof p.label !== 'string')) throw invalidOption('pairs', pairs, 'an array of { text, skillId, label } strings');
      const rows = pairs.map(encode);
      const order = rows.map((_, i) => i).sort((a, b) => rows[a]!.ids.length - rows[b]!.ids.length || a - b);
      const out = new Float32Array(pairs.length);
      for (let i = 0; i < order.length; i += o.batchSize) {
        const idx = order.slice(i, i + o.batchSize);
        const got = await run(idx.map((j) => rows[j]!));
        idx.forEach((j, k) => (out[j] = got[k]!));
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
