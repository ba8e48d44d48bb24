import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createFileIndexSnapshot, createFileTfidfSnapshot, defaultIndexSnapshotDir } from '../../engine/adapters/file-index-snapshot.ts';
import { createOrtRowScorer } from '../../engine/adapters/ort-row-scorer.ts';
import { sha256Hex } from '../../engine/adapters/sha256.ts';
import type { EmbedderDtype } from '../../engine/adapters/transformers-embedder.ts';
import { createWorkerEmbedder } from '../../engine/adapters/worker-embedder.ts';
import { createCachedEmbedder, type CachedEmbedder } from '../../engine/embedding/cached-embedder.ts';
import { skillPriors } from '../../engine/linking/features.ts';
import { buildLexicalIndex } from '../../engine/linking/lexical-index.ts';
import type { TextKind } from '../../engine/linking/linking-weights.ts';
import { createLinker, type Linker } from '../../engine/linking/link-text.ts';
import { buildSkillIndex, type SkillIndex } from '../../engine/linking/skill-index.ts';
import { loadEsco } from '../../taxonomy/loaders/esco.ts';
import { sharedPath } from '../../taxonomy/loaders/shared-path.ts';
import type { Embedder } from '../../engine/ports/embedder.ts';
import type { TaxonomyData } from '../../taxonomy/model/types.ts';
import type { GraphStore } from '../../taxonomy/stores/graph-store.ts';
import { openStore } from '../../taxonomy/stores/open-store.ts';
import { createSqliteStore } from '../../taxonomy/stores/sqlite/sqlite-store.ts';
import { UsageError } from '../lib/usage-error.ts';

/** Options shared by `link` and `eval`. */
export interface LinkingCliOptions {
  /** ESCO CSV folder (default: shared datasets/esco-v1.1.1) — used when no --db taxonomy. */
  readonly esco?: string;
  /** A store holding a taxonomy; also used as the embedding cache. */
  readonly db?: string;
  readonly dtype?: string;
  /** Embedding cache file (default: `$SKILLGRAPH_CACHE` or `<user cache>/skillgraph/embeddings.sqlite`). */
  readonly cache?: string;
  /** Minimum link confidence (default: the linker's). */
  readonly threshold?: number;
  /** Kind of text linked (picks its calibration; default 'posting'). */
  readonly textKind?: TextKind;
}

/** `$SKILLGRAPH_CACHE`, else `$XDG_CACHE_HOME/skillgraph/embeddings.sqlite`, else `~/.cache/skillgraph/embeddings.sqlite`. */
export function defaultCachePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env['SKILLGRAPH_CACHE']) return env['SKILLGRAPH_CACHE'];
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'skillgraph', 'embeddings.sqlite');
}

export interface LinkingSetup {
  readonly taxonomy: TaxonomyData;
  readonly embedder: CachedEmbedder;
  readonly index: SkillIndex;
  readonly linker: Linker;
  readonly cache: GraphStore;
  close(): Promise<void>;
}

export type Progress = (phase: string, done: number, total: number) => void;

export function parseDtype(value: string | undefined): EmbedderDtype {
  const d = value ?? 'q8';
  if (d !== 'q8' && d !== 'fp32') throw new UsageError(`invalid --dtype: ${d} (expected q8 or fp32)`);
  return d;
}

/**
 * Loads the taxonomy (from --db when it holds one, else the ESCO folder), opens the persistent
 * embedding cache, and builds the skill index (embedded once, then read from the cache) and the linker.
 * The model runs in a worker thread (so `linker.linkMany` overlaps it with the scoring); `close()`
 * ends the worker, which would otherwise keep the process alive.
 */
export async function openLinking(opts: LinkingCliOptions, progress: Progress): Promise<LinkingSetup> {
  const dtype = parseDtype(opts.dtype);
  let taxonomy: TaxonomyData | null = null;
  let cache: GraphStore;
  if (opts.db) {
    cache = await openStore({ file: opts.db, create: false });
    const t = await cache.loadTaxonomy();
    if (t.skills.length > 0) taxonomy = t;
  } else {
    const file = opts.cache ?? defaultCachePath();
    mkdirSync(dirname(file), { recursive: true });
    cache = await createSqliteStore(file);
  }
  let model: Embedder | undefined;
  try {
    if (!taxonomy) taxonomy = await loadEsco(opts.esco ?? sharedPath('datasets', 'esco-v1.1.1'), { onProgress: progress });
    model = await createWorkerEmbedder({ dtype });
    const embedder = createCachedEmbedder({ embedder: model, cache, hash: sha256Hex });
    const index = await buildSkillIndex(taxonomy.skills, embedder, {
      onProgress: (done, total) => progress('embed skill labels', done, total),
      scorer: (m, rows, dim) => createOrtRowScorer(m, rows, dim),
      snapshot: createFileIndexSnapshot(defaultIndexSnapshotDir()),
    });
    const lexical = buildLexicalIndex(taxonomy.skills, { snapshot: createFileTfidfSnapshot(defaultIndexSnapshotDir()) });
    const priors = skillPriors(taxonomy.skills, taxonomy.occupationSkills);
    const linker = createLinker({ index, lexical, embedder, priors, ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}), ...(opts.textKind ? { textKind: opts.textKind } : {}) });
    return {
      taxonomy,
      embedder,
      index,
      linker,
      cache,
      async close() {
        await index.dispose();
        await embedder.dispose();
        await cache.close();
      },
    };
  } catch (err) {
    await model?.dispose();
    await cache.close();
    throw err;
  }
}
