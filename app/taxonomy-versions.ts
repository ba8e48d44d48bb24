import { parseTaxonomyVersions, TAXONOMY_VERSIONS_META, type TaxonomyVersion } from '../taxonomy/loaders/taxonomy-version.ts';
import type { Workspace } from './workspace.ts';

export type { TaxonomyVersion };

/**
 * The taxonomies the store holds (ESCO, O*NET, the sample, the crosswalk), by source, each with its
 * release as recorded at import (ESCO v1.1.1, O*NET 29.2); one imported before versions were recorded
 * has version ''. Public, like the taxonomy itself: what `skillgraph stats` and the `taxonomyVersions`
 * query show.
 */
export async function taxonomyVersions(ws: Workspace): Promise<TaxonomyVersion[]> {
  const recorded = parseTaxonomyVersions(await ws.store.getMeta(TAXONOMY_VERSIONS_META));
  const held = new Set<TaxonomyVersion['source']>();
  for (const s of ws.graph.skills()) if (s.source === 'esco' || s.source === 'onet' || s.source === 'sample') held.add(s.source);
  if (ws.graph.data.crosswalk.length > 0) held.add('crosswalk');
  return [...held].sort().map((source) => recorded[source] ?? { source, version: '', importedAt: '', from: '' });
}
