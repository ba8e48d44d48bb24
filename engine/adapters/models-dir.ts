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
