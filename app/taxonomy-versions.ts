import { parseTaxonomyVersions, TAXONOMY_VERSIONS_META, type TaxonomyVersion } from '../taxonomy/loaders/taxonomy-version.ts';
import type { Workspace } from './workspace.ts';

export type { TaxonomyVersion };

/**
 * The taxonomy releases in the store (ESCO v1.1.1, O*NET 29.2, the crosswalk), as recorded at import,
 * by source. Public, like the taxonomy itself: what `skillgraph stats` and the `taxonomyVersions`
 * query show.
 */
export async function taxonomyVersions(ws: Workspace): Promise<TaxonomyVersion[]> {
  return Object.values(parseTaxonomyVersions(await ws.store.getMeta(TAXONOMY_VERSIONS_META))).sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}
