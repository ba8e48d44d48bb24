import { createOrtRowScorer } from '../engine/adapters/ort-row-scorer.ts';
import { sha256Hex } from '../engine/adapters/sha256.ts';
import type { EmbeddingCache } from '../engine/embedding/cache.ts';
import { createCachedEmbedder } from '../engine/embedding/cached-embedder.ts';
import type { SkillMapOptions } from '../engine/mapping/map-skills.ts';
import { mapOnetSkills, type OnetSkillMap } from '../engine/mapping/onet-esco.ts';
import type { Embedder } from '../engine/ports/embedder.ts';
import type { SkillMapping, TaxonomyData } from '../taxonomy/model/types.ts';
import type { GraphStore, ProgressFn } from '../taxonomy/stores/graph-store.ts';

const NO_TAXONOMY: TaxonomyData = { skills: [], groups: [], broader: [], skillRelations: [], occupations: [], occupationSkills: [], crosswalk: [] };

/** Meta key holding when and with which model the map was computed. */
export const ONET_MAP_META = 'map.onet-esco';

/**
 * Computes the O*NET → ESCO skill map of the stored taxonomy with `embedder` (cached in the store, so a
 * second run embeds nothing) and merges it into the store (the O*NET → ESCO use-case of `skillgraph onet-map`;
 * ESCO evidence then covers O*NET requirements through `SkillGraph.mappedSkills`). Mappings a reviewer set (method 'reviewed')
 * are kept as they are. Returns what was mapped and what stays unmapped.
 */
export async function storeOnetSkillMap(
  store: GraphStore,
  embedder: Embedder,
  now: Date,
  opts: Omit<SkillMapOptions, 'onProgress'> & { readonly onProgress?: ProgressFn | undefined; readonly cache?: EmbeddingCache | undefined } = {},
): Promise<OnetSkillMap> {
  const taxonomy = await store.loadTaxonomy();
  const reviewed = new Set((taxonomy.skillMappings ?? []).filter((m) => m.method === 'reviewed').map((m) => `${m.fromSkillId}\n${m.toSkillId}`));
  const cached = createCachedEmbedder({ embedder, cache: opts.cache ?? store, hash: sha256Hex });
  const { onProgress, cache: _cache, ...mapOpts } = opts;
  const result = await mapOnetSkills(taxonomy, { embedder: cached, scorer: (m, rows, dim) => createOrtRowScorer(m, rows, dim) }, {
    ...mapOpts,
    ...(onProgress ? { onProgress: (done: number, total: number) => onProgress('embed ESCO skill labels', done, total) } : {}),
  });
  const skillMappings: SkillMapping[] = result.mappings
    .filter((m) => !reviewed.has(`${m.fromSkillId}\n${m.toSkillId}`))
    .map(({ fromSkillId, toSkillId, confidence, method }) => ({ fromSkillId, toSkillId, confidence, method }));
  await store.importTaxonomy({ ...NO_TAXONOMY, skillMappings }, { mode: 'merge' });
  await store.setMeta(ONET_MAP_META, JSON.stringify({ at: now.toISOString(), model: embedder.modelId, mappings: skillMappings.length, unmapped: result.unmapped.length }));
  return result;
}


/** Reviewed mappings (method 'reviewed', confidence 0 rejects one) merged into the store; later runs keep them. */
export async function storeReviewedMappings(store: GraphStore, rows: readonly SkillMapping[]): Promise<void> {
  await store.importTaxonomy({ ...NO_TAXONOMY, skillMappings: [...rows] }, { mode: 'merge' });
}
