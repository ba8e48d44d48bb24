import { createFileIndexSnapshot, createFileTfidfSnapshot, defaultIndexSnapshotDir } from '../engine/adapters/file-index-snapshot.ts';
import { createOrtRowScorer } from '../engine/adapters/ort-row-scorer.ts';
import { sha256Hex } from '../engine/adapters/sha256.ts';
import type { EmbedderDtype } from '../engine/adapters/transformers-embedder.ts';
import { createWorkerEmbedder } from '../engine/adapters/worker-embedder.ts';
import { createCachedEmbedder } from '../engine/embedding/cached-embedder.ts';
import { skillPriors } from '../engine/linking/features.ts';
import { buildLexicalIndex } from '../engine/linking/lexical-index.ts';
import { createLinker, type LinkResult } from '../engine/linking/link-text.ts';
import { buildSkillIndex } from '../engine/linking/skill-index.ts';
import type { OccupationSkill, Skill } from '../taxonomy/model/types.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import type { TextLink, TextLinker } from './services/linker-port.ts';

export interface ModelLinkerOptions {
  readonly dtype?: EmbedderDtype;
  /** Progress of the one-off skill-label embedding (cached in the store afterwards). */
  readonly onProgress?: (done: number, total: number) => void;
  /** The taxonomy's occupation–skill relations: the linker's taxonomy priors (how often a skill is essential). */
  readonly occupationSkills?: readonly OccupationSkill[];
}

export interface ModelLinker extends TextLinker {
  readonly modelId: string;
  dispose(): Promise<void>;
}

const toTextLink = (r: LinkResult): TextLink => ({ skillId: r.skillId, confidence: r.confidence, provenance: r.provenance, phrase: r.phrase, parts: r.scores });

/**
 * The linking pipeline over a store's taxonomy: the real embedding model (transformers.js, local
 * files only) with its vectors cached in the store by (model, text hash), so a restart embeds nothing
 * it has seen. The model runs in a worker thread, so the server's event loop stays free while it runs
 * (and `linkMany` overlaps the model with the scoring). `dispose` ends the worker.
 */
export async function createModelLinker(store: GraphStore, skills: readonly Skill[], opts: ModelLinkerOptions = {}): Promise<ModelLinker> {
  const model = await createWorkerEmbedder({ dtype: opts.dtype ?? 'q8' });
  const embedder = createCachedEmbedder({ embedder: model, cache: store, hash: sha256Hex });
  try {
    const index = await buildSkillIndex(skills, embedder, {
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      scorer: (m, rows, dim) => createOrtRowScorer(m, rows, dim),
      snapshot: createFileIndexSnapshot(defaultIndexSnapshotDir()),
    });
    const linker = createLinker({ index, lexical: buildLexicalIndex(skills, { snapshot: createFileTfidfSnapshot(defaultIndexSnapshotDir()) }), embedder, priors: skillPriors(skills, opts.occupationSkills ?? []) });
    return {
      modelId: embedder.modelId,
      async link(text) {
        return (await linker.link(text)).map(toTextLink);
      },
      async linkMany(texts) {
        return (await linker.linkMany(texts)).map((links) => links.map(toTextLink));
      },
      async search(text, k) {
        return linker.rankSkills(text, k);
      },
      async dispose() {
        await index.dispose();
        await embedder.dispose();
      },
    };
  } catch (err) {
    await embedder.dispose();
    throw err;
  }
}
