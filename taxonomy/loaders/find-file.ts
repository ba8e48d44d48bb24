import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';

/** Folds a file name to a comparison key: case, spaces, commas, hyphens and underscores ignored. */
function fileKey(name: string): string {
  return name.toLowerCase().replace(/[\s,_-]+/g, '');
}

/** The names in a folder, or a MISSING_FILE error naming the folder. */
export async function listFolder(dir: string): Promise<readonly string[]> {
  try {
    return await readdir(dir);
  } catch (cause) {
    throw new TaxonomyError(TaxonomyErrorCode.MissingFile, `cannot read folder (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { file: dir }, false, { cause });
  }
}

/**
 * The path of the first file in `names` whose name matches one of `candidates` (case, spaces and
 * `_`/`-` ignored, so `Occupation Data.txt` matches `occupation_data.txt`); undefined when none does.
 */
export function findFile(dir: string, names: readonly string[], candidates: readonly string[]): string | undefined {
  for (const candidate of candidates) {
    const key = fileKey(candidate);
    const hit = names.find((n) => fileKey(n) === key);
    if (hit !== undefined) return join(dir, hit);
  }
  return undefined;
}

/** Like `findFile`, but a missing file is a MISSING_FILE error naming the first candidate. */
export function requireFile(dir: string, names: readonly string[], candidates: readonly string[]): string {
  const found = findFile(dir, names, candidates);
  if (found !== undefined) return found;
  throw new TaxonomyError(TaxonomyErrorCode.MissingFile, `required file not found (looked for ${candidates.join(', ')})`, { file: join(dir, candidates[0] ?? '') });
}
