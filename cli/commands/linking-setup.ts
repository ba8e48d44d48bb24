import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { defaultCachePath } from '../../app/embedding-cache-path.ts';
import { createLinkingPipeline, type ModelLinker } from '../../app/linking-pipeline.ts';
import { deferredEmbedder } from '../../engine/adapters/deferred-embedder.ts';
import { defaultModel, isModelName, modelIdentity } from '../../engine/adapters/models-dir.ts';
import type { EmbedderDtype } from '../../engine/adapters/transformers-embedder.ts';
import { createWorkerEmbedder, type WorkerEmbedder } from '../../engine/adapters/worker-embedder.ts';
import type { CachedEmbedder } from '../../engine/embedding/cached-embedder.ts';
import type { TextKind } from '../../engine/linking/linking-weights.ts';
import type { Linker } from '../../engine/linking/link-text.ts';
import type { SkillIndex } from '../../engine/linking/skill-index.ts';
import { loadEsco } from '../../taxonomy/loaders/esco.ts';
import { sharedPath } from '../../taxonomy/loaders/shared-path.ts';
import type { TaxonomyData } from '../../taxonomy/model/types.ts';
import type { GraphStore } from '../../taxonomy/stores/graph-store.ts';
import { openStore } from '../../taxonomy/stores/open-store.ts';
import { createSqliteStore } from '../../taxonomy/stores/sqlite/sqlite-store.ts';
import { UsageError } from '../lib/usage-error.ts';

export { defaultCachePath };

/** Options shared by `link` and `eval`. */
export interface LinkingCliOptions {
  /** ESCO CSV folder (default: shared datasets/esco-v1.1.1) — used when no --db taxonomy. */
  readonly esco?: string;
  /** A store holding a taxonomy; also used as the embedding cache. */
  readonly db?: string;
  readonly dtype?: string;
  /** The model folder under $SKILLGRAPH_MODELS (default `$SKILLGRAPH_MODEL`, else all-MiniLM-L6-v2). */
  readonly model?: string;
  /** Embedding cache file (default: `$SKILLGRAPH_CACHE` or `<user cache>/skillgraph/embeddings.sqlite`). */
  readonly cache?: string;
  /** Minimum link confidence (default: the linker's). */
  readonly threshold?: number;
  /** Kind of text linked (picks its calibration; default 'posting'). */
  readonly textKind?: TextKind;
  /** Many texts will be linked at once: start the link helper thread while the pipeline loads (app/link-helper.ts). */
  readonly bulk?: boolean;
  /**
   * Load the embedding model only when a vector is not in the cache (a benchmark run again on a warm
   * store never needs it: ~1 CPU-second saved); by default it loads while the indices load.
   */
  readonly lazyModel?: boolean;
}

export interface LinkingSetup {
  readonly taxonomy: TaxonomyData;
  readonly embedder: CachedEmbedder;
  readonly index: SkillIndex;
  readonly linker: Linker;
  /** The same linker behind the use-cases' port: its `linkMany` reports progress over a large batch. */
  readonly textLinker: ModelLinker;
  readonly cache: GraphStore;
  close(): Promise<void>;
}

export type Progress = (phase: string, done: number, total: number) => void;

export function parseDtype(value: string | undefined): EmbedderDtype {
  const d = value ?? 'q8';
  if (d !== 'q8' && d !== 'fp32') throw new UsageError(`invalid --dtype: ${d} (expected q8 or fp32)`);
  return d;
}

/** `--model <folder>`: a model folder name under $SKILLGRAPH_MODELS; absent → `$SKILLGRAPH_MODEL`, else the shipped all-MiniLM-L6-v2. */
export function parseModel(value: string | undefined): string {
  if (value === undefined) {
    try {
      return defaultModel();
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  if (!isModelName(value)) throw new UsageError(`invalid --model: ${value} (expected a model folder name under $SKILLGRAPH_MODELS)`);
  return value;
}

/** The `--model` option of the commands that load the embedding model. */
export const MODEL_OPTION = ['--model <folder>', 'embedding model folder under $SKILLGRAPH_MODELS (default: $SKILLGRAPH_MODEL or all-MiniLM-L6-v2)'] as const;

/**
 * Loads the taxonomy (from --db when it holds one, else the ESCO folder), opens the persistent
 * embedding cache, and builds the skill index (embedded once, then read from the cache) and the linker.
 * The pipeline is app/linking-pipeline.ts's (the one the API and the imports use); `close()` ends the
 * model's worker thread, which would otherwise keep the process alive.
 */
export async function openLinking(opts: LinkingCliOptions, progress: Progress): Promise<LinkingSetup> {
  const dtype = parseDtype(opts.dtype);
  const modelName = parseModel(opts.model);
  let taxonomy: TaxonomyData | null = null;
  let cache: GraphStore;
  // the SQLite file holding the embedding cache (the link helper thread reads cached vectors from it)
  const cacheFile = opts.db ?? opts.cache ?? defaultCachePath();
  if (opts.db) {
    cache = await openStore({ file: opts.db, create: false });
    const t = await cache.loadTaxonomy();
    if (t.skills.length > 0) taxonomy = t;
  } else {
    const file = opts.cache ?? defaultCachePath();
    mkdirSync(dirname(file), { recursive: true });
    cache = await createSqliteStore(file);
  }
  // The model loads in its worker while the index snapshots load (its id and vector size are known
  // without it), or, with `lazyModel`, once a vector is not in the cache.
  let model: Promise<WorkerEmbedder> | null = null;
  const loadModel = (): Promise<WorkerEmbedder> => {
    if (!model) {
      model = createWorkerEmbedder({ dtype, model: modelName });
      model.catch(() => undefined); // reported where it is awaited
    }
    return model;
  };
  const dropModel = async (): Promise<void> => {
    if (model) await (await model.catch(() => null))?.dispose();
  };
  try {
    if (!taxonomy) taxonomy = await loadEsco(opts.esco ?? sharedPath('datasets', 'esco-v1.1.1'), { onProgress: progress });
    const identity = modelIdentity(dtype, modelName);
    if (!opts.lazyModel) void loadModel();
    const pipeline = await createLinkingPipeline(cache, taxonomy.skills, {
      model: identity ? deferredEmbedder(loadModel, identity) : await loadModel(),
      occupationSkills: taxonomy.occupationSkills,
      occupations: taxonomy.occupations,
      onProgress: (done, total) => progress('embed skill labels', done, total),
      ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
      ...(opts.textKind ? { textKind: opts.textKind } : {}),
      ...(opts.bulk ? { eagerHelper: true } : {}),
      ...(cacheFile && (process.env['SKILLGRAPH_STORE'] ?? 'sqlite') === 'sqlite' ? { cacheFile } : {}),
    });
    // Handed out once the model is there (a model that fails to load fails the setup), unless it loads on demand.
    if (!opts.lazyModel) {
      try {
        await loadModel();
      } catch (e) {
        await pipeline.dispose();
        throw e;
      }
    }
    return {
      taxonomy,
      embedder: pipeline.embedder,
      index: pipeline.index,
      linker: pipeline.linker,
      textLinker: pipeline.textLinker,
      cache,
      async close() {
        await pipeline.dispose();
        await dropModel();
        await cache.close();
      },
    };
  } catch (err) {
    await dropModel();
    await cache.close();
    throw err;
  }
}
