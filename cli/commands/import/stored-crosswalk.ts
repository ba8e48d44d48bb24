import { existsSync } from 'node:fs';
import { sharedPath } from '../../../taxonomy/loaders/shared-path.ts';
import type { CrosswalkEntry, TaxonomyData } from '../../../taxonomy/model/types.ts';
import type { GraphStore } from '../../../taxonomy/stores/graph-store.ts';

/** The Nesta ESCO ↔ O*NET crosswalk in the shared datasets, when it is there. */
export function sharedCrosswalkFile(): string | null {
  const file = sharedPath('datasets', 'onet-esco-crosswalk-nesta', 'esco_onet_crosswalk_Nov2020.csv');
  return existsSync(file) ? file : null;
}

/**
 * Loads a crosswalk file against the ESCO occupation ids in the store and the O*NET codes in the
 * store plus `incoming` (an O*NET import in progress). Returns null with a note when the store holds
 * no ESCO occupations (nothing to map from).
 */
export async function crosswalkAgainstStore(
  store: GraphStore,
  file: string,
  incoming?: TaxonomyData,
): Promise<{ readonly entries: readonly CrosswalkEntry[]; readonly note: string } | { readonly note: string }> {
  const stored = await store.loadTaxonomy();
  const escoOccupationIds = new Set(stored.occupations.filter((o) => o.source === 'esco').map((o) => o.id));
  if (escoOccupationIds.size === 0) return { note: `crosswalk ${file} skipped: the store holds no ESCO occupations (run \`skillgraph import esco <dir>\` first)` };
  const onet = [...stored.occupations, ...(incoming?.occupations ?? [])].filter((o) => o.source === 'onet');
  const onetCodes = new Set(onet.map((o) => o.code));
  const { loadCrosswalkRows } = await import('../../../taxonomy/loaders/crosswalk.ts');
  const { resolveCrosswalk } = await import('../../../taxonomy/loaders/crosswalk-resolve.ts');
  // retired O*NET-SOC 2010 codes are matched to the loaded release by title (and description)
  const resolved = resolveCrosswalk(await loadCrosswalkRows(file, { escoOccupationIds, onetCodes }), onet, { escoOccupationIds });
  const s = resolved.summary;
  const note =
    `crosswalk ${file}: ${s.rows} rows; ${s.byCode} by O*NET code, ${s.byTitle} retired codes matched by title, ${s.byParent} by their SOC-level parent code, ` +
    `${s.unmapped} rows (${s.unmappedCodes.length} codes) unmapped${s.unmappedCodes.length > 0 ? `: ${s.unmappedCodes.slice(0, 12).join(', ')}${s.unmappedCodes.length > 12 ? ' …' : ''}` : ''}`;
  return { entries: resolved.entries, note };
}
