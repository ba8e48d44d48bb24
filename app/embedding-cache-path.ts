import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the embedding cache of linking without a store lives: `$SKILLGRAPH_CACHE`, else
 * `$XDG_CACHE_HOME/skillgraph/embeddings.sqlite`, else `~/.cache/skillgraph/embeddings.sqlite`.
 */
export function defaultCachePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env['SKILLGRAPH_CACHE']) return env['SKILLGRAPH_CACHE'];
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'skillgraph', 'embeddings.sqlite');
}
