import { homedir } from 'node:os';
import { join } from 'node:path';

/** The per-user data folder: `$XDG_DATA_HOME`, else the platform's usual place. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env['XDG_DATA_HOME']) return env['XDG_DATA_HOME'];
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  if (platform === 'win32') return env['APPDATA'] ?? join(home, 'AppData', 'Roaming');
  return join(home, '.local', 'share');
}

/** `$SKILLGRAPH_DB`, else `<user data dir>/skillgraph/skillgraph.db`. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  return env['SKILLGRAPH_DB'] || join(userDataDir(env, platform, home), 'skillgraph', 'skillgraph.db');
}
