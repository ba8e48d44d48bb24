import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { embeddingError, invalidOption } from '../embedding/errors.ts';

/** The repository root (two levels above engine/adapters/). */
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Default folder holding models in the transformers.js layout:
 * `$SKILLGRAPH_MODELS`, else `$SKILLGRAPH_SHARED/models`, else `<repo>/../shared/models`.
 */
export function defaultModelsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SKILLGRAPH_MODELS) return resolve(env.SKILLGRAPH_MODELS);
  if (env.SKILLGRAPH_SHARED) return join(resolve(env.SKILLGRAPH_SHARED), 'models');
  return join(REPO_ROOT, '..', 'shared', 'models');
}

/** The embedding model used when none is named and `$SKILLGRAPH_MODEL` is not set (the shipped one). */
export const DEFAULT_MODEL = 'all-MiniLM-L6-v2';

/** A model folder name: letters, digits, '.', '_', '-' (one optional `owner/` level, as transformers.js lays models out). */
const MODEL_NAME = /^[\w.-]+(\/[\w.-]+)?$/;

/** Whether `name` is a model folder name (`MODEL_NAME`) that stays inside the models folder (no '.' or '..' part). */
export function isModelName(name: string): boolean {
  return MODEL_NAME.test(name) && !name.split('/').some((p) => p === '.' || p === '..');
}

/**
 * The model folder (under `defaultModelsDir()`) the product embeds with: `$SKILLGRAPH_MODEL`, else the shipped
 * all-MiniLM-L6-v2. Another folder is another model: its own id (`<folder>@<dtype>`), so its own embedding cache
 * entries, index snapshots and linking weights file — never the shipped model's.
 */
export function defaultModel(env: NodeJS.ProcessEnv = process.env): string {
  const set = env['SKILLGRAPH_MODEL']?.trim();
  if (!set) return DEFAULT_MODEL;
  if (!isModelName(set)) throw invalidOption('SKILLGRAPH_MODEL', set, 'a model folder name (letters, digits, . _ -)');
  return set;
}

/** The id a loaded model reports (`Embedder.modelId`): its folder name and dtype. */
export const modelIdOf = (model: string, dtype: string): string => `${model}@${dtype}`;

/** The `model_type`s of config.json the embedder runs: BERT-like encoders (input ids, attention mask, optional token types → last hidden state). */
export const BERT_LIKE_MODEL_TYPES: readonly string[] = ['bert', 'roberta', 'xlm-roberta', 'distilbert', 'mpnet', 'electra', 'camembert'];

/**
 * What the model folder's config.json (and the sentence-transformers pooling config `1_Pooling/config.json`, when
 * there) say about it, checked: a BERT-like encoder (`BERT_LIKE_MODEL_TYPES`) with a whole `hidden_size` that its
 * attention heads divide, and, when the pooling config is there, mean pooling of vectors of that size (the embedder
 * mean-pools). Anything else is MODEL_CONFIG_INVALID naming the file and what is wrong; a missing config.json is MODEL_MISSING.
 */
export function readModelConfig(dir: string, model: string): { readonly modelType: string; readonly dimensions: number } {
  const file = join(dir, 'config.json');
  if (!existsSync(file)) throw embeddingError('MODEL_MISSING', { file, model }, 'modelsDir');
  const bad = (at: string, reason: string): never => {
    throw embeddingError('MODEL_CONFIG_INVALID', { file: at, reason }, 'model');
  };
  const read = (at: string): Record<string, unknown> => {
    let v: unknown;
    try {
      v = JSON.parse(readFileSync(at, 'utf8'));
    } catch (e) {
      return bad(at, `not readable JSON (${(e as Error).message})`);
    }
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : bad(at, 'not a JSON object');
  };
  const config = read(file);
  const type = config['model_type'];
  if (typeof type !== 'string' || !BERT_LIKE_MODEL_TYPES.includes(type)) bad(file, `model_type ${JSON.stringify(type)} is not a BERT-like encoder (${BERT_LIKE_MODEL_TYPES.join(', ')})`);
  const dims = config['hidden_size'];
  if (typeof dims !== 'number' || !Number.isInteger(dims) || dims < 1) return bad(file, `hidden_size ${JSON.stringify(dims)} is not a positive integer`);
  const heads = config['num_attention_heads'];
  if (heads !== undefined && (typeof heads !== 'number' || !Number.isInteger(heads) || heads < 1 || dims % heads !== 0)) bad(file, `hidden_size ${dims} is not a multiple of num_attention_heads ${JSON.stringify(heads)}`);
  const poolingFile = join(dir, '1_Pooling', 'config.json');
  if (existsSync(poolingFile)) {
    const pooling = read(poolingFile);
    if (pooling['word_embedding_dimension'] !== dims) bad(poolingFile, `word_embedding_dimension ${JSON.stringify(pooling['word_embedding_dimension'])} is not the model's hidden_size ${dims}`);
    if (pooling['pooling_mode_mean_tokens'] !== true) bad(poolingFile, 'the sentence vector is not the mean of the token vectors (pooling_mode_mean_tokens), the one pooling the embedder does');
  }
  return { modelType: type as string, dimensions: dims };
}

/**
 * What a model will call itself once loaded — model id `<model>@<dtype>` and vector size (`hidden_size` of
 * its config.json, checked by `readModelConfig`) — read without loading it, so work that needs only these (the
 * skill index read from its snapshot) can start while the model loads; null when the folder has no config.json
 * (loading the model then reports what is missing). A config.json that is not a BERT-like sentence encoder's throws
 * MODEL_CONFIG_INVALID.
 */
export function modelIdentity(dtype: string, model = defaultModel(), modelsDir = defaultModelsDir()): { readonly modelId: string; readonly dimensions: number } | null {
  const dir = join(modelsDir, model);
  if (!existsSync(join(dir, 'config.json'))) return null;
  return { modelId: modelIdOf(model, dtype), dimensions: readModelConfig(dir, model).dimensions };
}
