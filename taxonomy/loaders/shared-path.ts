import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, resolved from this file's location (never from the working directory). */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Folder holding the real public data and models: `$SKILLGRAPH_SHARED`, else `<repo>/../shared`.
 * Read data in place from here; never copy it into the repository.
 */
export function sharedRoot(): string {
  const fromEnv = process.env['SKILLGRAPH_SHARED'];
  return fromEnv ? resolve(fromEnv) : resolve(repoRoot, '..', 'shared');
}

/** A path inside the shared folder, e.g. `sharedPath('datasets', 'esco-v1.1.1')`. */
export function sharedPath(...parts: string[]): string {
  return resolve(sharedRoot(), ...parts);
}
