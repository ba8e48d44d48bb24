/**
 * The store's title normaliser: the embedding model (cached in the store by text hash, like the
 * linker's) over the store's occupations. Used by `skillgraph title`, the GraphQL `normalizeTitle`
 * query and occupation inference for imported postings.
 */
import { createOrtRowScorer } from '../engine/adapters/ort-row-scorer.ts';
import { sha256Hex } from '../engine/adapters/sha256.ts';
import type { EmbedderDtype } from '../engine/adapters/transformers-embedder.ts';
import { createWorkerEmbedder } from '../engine/adapters/worker-embedder.ts';
import { createCachedEmbedder } from '../engine/embedding/cached-embedder.ts';
import { createTitleNormalizer, type TitleNormalizer } from '../engine/linking/title-normalizer.ts';
import type { Occupation } from '../taxonomy/model/types.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';

export interface StoreTitleNormalizer extends TitleNormalizer {
  readonly modelId: string;
}

export async function openTitleNormalizer(store: GraphStore, occupations: readonly Occupation[], opts: { dtype?: EmbedderDtype; onProgress?: (done: number, total: number) => void } = {}): Promise<StoreTitleNormalizer> {
  const model = await createWorkerEmbedder({ dtype: opts.dtype ?? 'q8' });
  const embedder = createCachedEmbedder({ embedder: model, cache: store, hash: sha256Hex });
  try {
    const n = await createTitleNormalizer({ occupations, embedder, scorer: (m, r, d) => createOrtRowScorer(m, r, d), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
    return {
      modelId: embedder.modelId,
      normalize: (t, k) => n.normalize(t, k),
      rankAll: (t) => n.rankAll(t),
      async dispose() {
        await n.dispose();
        await embedder.dispose();
      },
    };
  } catch (err) {
    await embedder.dispose();
    throw err;
  }
}

/** Postings without an occupation get the title normaliser's best one when its confidence reaches `min` (0.8: on the JobBERT dev set 48% of such top-1 picks are the gold occupation, against 25% overall). */
export async function inferPostingOccupations<P extends { readonly title: string; readonly occupationId: string | null }>(
  postings: readonly P[],
  normalizer: Pick<TitleNormalizer, 'normalize'>,
  min = 0.8,
): Promise<(P & { occupationInferred?: { confidence: number; from: 'title' } })[]> {
  const open = postings.map((p, i) => [p, i] as const).filter(([p]) => !p.occupationId && p.title.trim() !== '');
  if (open.length === 0) return [...postings];
  const found = await normalizer.normalize(open.map(([p]) => p.title), 1);
  const out: (P & { occupationInferred?: { confidence: number; from: 'title' } })[] = [...postings];
  open.forEach(([p, i], j) => {
    const best = found[j]?.[0];
    if (best && best.confidence >= min) out[i] = { ...p, occupationId: best.occupationId, occupationInferred: { confidence: +best.confidence.toFixed(4), from: 'title' } };
  });
  return out;
}
