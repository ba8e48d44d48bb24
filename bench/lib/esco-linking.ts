/**
 * The linking parts over the full ESCO folder in ../shared, as the linking scripts and benches build them: the
 * model behind this machine's embedding cache, the skill-label index and the lexical index from the content-keyed
 * snapshots (`index/` beside the cache), and the taxonomy priors with hierarchy neighbours.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { defaultCachePath } from '../../app/embedding-cache-path.ts';
import { createFileIndexSnapshot, createFileTfidfSnapshot, defaultIndexSnapshotDir } from '../../engine/adapters/file-index-snapshot.ts';
import { createOrtRowScorer } from '../../engine/adapters/ort-row-scorer.ts';
import { sha256Hex } from '../../engine/adapters/sha256.ts';
import { createTransformersEmbedder, type EmbedderDtype } from '../../engine/adapters/transformers-embedder.ts';
import { createCachedEmbedder, type CachedEmbedder } from '../../engine/embedding/cached-embedder.ts';
import type { LinearAdapter } from '../../engine/embedding/linear-adapter.ts';
import { skillPriors, type SkillPriors } from '../../engine/linking/features.ts';
import { buildLexicalIndex, type LexicalIndex } from '../../engine/linking/lexical-index.ts';
import { buildSkillIndex, type SkillIndex } from '../../engine/linking/skill-index.ts';
import { loadEsco } from '../../taxonomy/loaders/esco.ts';
import { sharedPath } from '../../taxonomy/loaders/shared-path.ts';
import type { Embedder } from '../../engine/ports/embedder.ts';
import type { TaxonomyData } from '../../taxonomy/model/types.ts';
import type { GraphStore } from '../../taxonomy/stores/graph-store.ts';
import { createSqliteStore } from '../../taxonomy/stores/sqlite/sqlite-store.ts';

export interface EscoLinking {
  readonly taxonomy: TaxonomyData;
  readonly priors: SkillPriors;
  /** The model itself (the caller disposes it) and the machine's embedding cache (`defaultCachePath()`; the caller closes it). */
  readonly model: Embedder;
  readonly cache: GraphStore;
  /** The model behind that cache. */
  readonly embedder: CachedEmbedder;
  readonly index: SkillIndex;
}

/** ESCO v1.1.1 from ../shared, the cached model and the skill-label index (built once, then read from its snapshot). */
export async function escoLinking(dtype: EmbedderDtype): Promise<EscoLinking> {
  const taxonomy = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
  // Occupations too, as the product's pipeline passes them (title senses; CV people objects).
  const priors = skillPriors(taxonomy.skills, taxonomy.occupationSkills, { broader: taxonomy.broader, relations: taxonomy.skillRelations, occupations: taxonomy.occupations });
  const model = await createTransformersEmbedder({ dtype });
  mkdirSync(dirname(defaultCachePath()), { recursive: true });
  const cache = await createSqliteStore(defaultCachePath());
  const embedder = createCachedEmbedder({ embedder: model, cache, hash: sha256Hex });
  const index = await buildSkillIndex(taxonomy.skills, embedder, { scorer: (m, r, d) => createOrtRowScorer(m, r, d), snapshot: createFileIndexSnapshot(defaultIndexSnapshotDir()) });
  return { taxonomy, priors, model, cache, embedder, index };
}

/** The lexical (TF-IDF) index of `skills`, read from its snapshot when one was written. */
export function escoLexical(taxonomy: TaxonomyData): LexicalIndex {
  return buildLexicalIndex(taxonomy.skills, { snapshot: createFileTfidfSnapshot(defaultIndexSnapshotDir()) });
}

/** The linear adapter written by scripts/fit-linking-adapter.ts (`--adapter FILE` of the linking scripts); none for ''. */
export function readAdapter(file: string): LinearAdapter | null {
  if (file === '') return null;
  const a = JSON.parse(readFileSync(file, 'utf8')) as { dim: number; matrix: number[] };
  return { dim: a.dim, matrix: Float32Array.from(a.matrix) };
}
