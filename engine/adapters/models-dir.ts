import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** The embedding model used when none is named (the transformers embedder's default). */
export const DEFAULT_MODEL = 'all-MiniLM-L6-v2';

/** The id a loaded model reports (`Embedder.modelId`): its folder name and dtype. */
export const modelIdOf = (model: string, dtype: string): string => `${model}@${dtype}`;

/**
 * What a model will call itself once loaded — model id `<model>@<dtype>` and vector size (`hidden_size` of
 * its config.json) — read without loading it, so work that needs only these (the skill index read from
 * its snapshot) can start while the model loads; null when the config cannot be read.
 */
export function modelIdentity(dtype: string, model = DEFAULT_MODEL, modelsDir = defaultModelsDir()): { readonly modelId: string; readonly dimensions: number } | null {
  try {
    const config = JSON.parse(readFileSync(join(modelsDir, model, 'config.json'), 'utf8')) as { hidden_size?: unknown };
    const dimensions = config.hidden_size;
    return typeof dimensions === 'number' && Number.isInteger(dimensions) && dimensions > 0 ? { modelId: modelIdOf(model, dtype), dimensions } : null;
  } catch {
    return null;
  }
}
