import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** Meta key under which stores keep the imported taxonomy versions (`TaxonomyVersions`). */
export const TAXONOMY_VERSIONS_META = 'taxonomy.versions';

/** One imported taxonomy: which release, when, from where. */
export interface TaxonomyVersion {
  readonly source: 'esco' | 'onet' | 'crosswalk' | 'sample';
  /** `v1.1.1`, `29.2`, … or '' when it could not be told. */
  readonly version: string;
  readonly importedAt: string;
  readonly from: string;
}

/** By source: the latest import of each. */
export type TaxonomyVersions = Readonly<Partial<Record<TaxonomyVersion['source'], TaxonomyVersion>>>;

/** The version in a release folder's name (`esco-v1.1.1`, `ESCO dataset - v1.2.0 - classification - en - csv`), or ''. */
export function versionFromName(path: string): string {
  const m = /v(\d+\.\d+(?:\.\d+)?)/i.exec(basename(path.replace(/[\\/]+$/, '')));
  return m ? `v${m[1]}` : '';
}

/** ESCO: the folder name (the CSV files do not state their version). */
export function detectEscoVersion(dir: string): string {
  return versionFromName(dir);
}

/** O*NET: "O*NET 29.2 Database" in the release's `read_me.txt` / `Read Me.txt`, else the folder name. */
export async function detectOnetVersion(dir: string): Promise<string> {
  for (const name of ['read_me.txt', 'Read Me.txt']) {
    const text = await readFile(join(dir, name), 'utf8').catch(() => null);
    const m = text ? /O\*NET\s+(\d+\.\d+)\s+Database/.exec(text) : null;
    if (m) return m[1]!;
  }
  const m = /(\d+\.\d+)/.exec(basename(dir));
  return m ? m[1]! : '';
}

/** Parses the stored meta value (absent or unreadable → none). */
export function parseTaxonomyVersions(raw: string | null): TaxonomyVersions {
  if (!raw) return {};
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as TaxonomyVersions) : {};
  } catch {
    return {};
  }
}

/** The stored versions with `entry` recorded (a replace import of one source drops the others: `only`). */
export function withTaxonomyVersion(raw: string | null, entry: TaxonomyVersion, only = false): string {
  const current = only ? {} : parseTaxonomyVersions(raw);
  return JSON.stringify({ ...current, [entry.source]: entry });
}
