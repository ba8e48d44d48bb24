import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createFileIndexSnapshot, createFileTfidfSnapshot, defaultIndexSnapshotDir, snapshotFile } from '../engine/adapters/file-index-snapshot.ts';
import { createOrtRowScorer } from '../engine/adapters/ort-row-scorer.ts';
import { sha256Hex } from '../engine/adapters/sha256.ts';
import type { EmbedderDtype } from '../engine/adapters/transformers-embedder.ts';
import { createWorkerEmbedder } from '../engine/adapters/worker-embedder.ts';
import type { EmbeddingCache } from '../engine/embedding/cache.ts';
import type { Embedder } from '../engine/ports/embedder.ts';
import { createCachedEmbedder, type CachedEmbedder } from '../engine/embedding/cached-embedder.ts';
import { skillPriors, type SkillPriors } from '../engine/linking/features.ts';
import { labelRows, labelTexts } from '../engine/linking/label-rows.ts';
import { buildLexicalIndex } from '../engine/linking/lexical-index.ts';
import { weightsFileName, type TextKind } from '../engine/linking/linking-weights.ts';
import type { TfidfData } from '../engine/linking/tfidf-index.ts';
import type { TfidfSnapshot } from '../engine/ports/index-snapshot.ts';
import { createLinker, type LinkResult, type Linker } from '../engine/linking/link-text.ts';
import { buildSkillIndex, type SkillIndex } from '../engine/linking/skill-index.ts';
import type { Occupation, OccupationSkill, Skill } from '../taxonomy/model/types.ts';
import { linkManyShared, startLinkHelper, type LinkHelper, type LinkHelperInit } from './link-helper.ts';
import type { LinkContext, TextLink, TextLinker } from './text-linker.ts';
import { mark } from './timing.ts';

export interface LinkingPipelineOptions {
  readonly dtype?: EmbedderDtype;
  /** The model folder to load when no `model` is given (default `$SKILLGRAPH_MODEL`, else the shipped all-MiniLM-L6-v2: engine/adapters/models-dir.ts). */
  readonly modelName?: string;
  /**
   * Told once per pipeline when the model has no fitted linking weights (`weights/<modelId>.<phrase vectors>.json`):
   * the linker then uses the hand-set default weights and calibration. Default: one stderr line per model id per process.
   */
  readonly onWarning?: (message: string) => void;
  /** Progress of the one-off skill-label embedding (cached in the store afterwards). */
  readonly onProgress?: (done: number, total: number) => void;
  /** The taxonomy's occupation–skill relations: the linker's taxonomy priors (how often a skill is essential). */
  readonly occupationSkills?: readonly OccupationSkill[];
  /** The taxonomy's occupations: a posting's title line read as one, and its skills in that sense (engine/linking/occupation-senses.ts). */
  readonly occupations?: readonly Occupation[];
  /** Minimum link confidence (default: the linker's). */
  readonly threshold?: number;
  /** Kind of text linked (picks its confidence calibration; default the linker's, 'posting'). */
  readonly textKind?: TextKind;
  /**
   * The embedding model to use instead of starting a worker (e.g. one shared with the title normaliser,
   * so a command loads the model once); the caller keeps it: `dispose` leaves it running.
   */
  readonly model?: Embedder;
  /**
   * Link helper threads for large `linkMany` batches (0 or 1; default `$SKILLGRAPH_LINK_THREADS`, else 1
   * with two or more cores when `eagerHelper` or `cacheFile` marks a bulk caller, 0 otherwise): see
   * app/link-helper.ts.
   */
  readonly linkThreads?: number;
  /**
   * Start the link helper while this pipeline loads (a large batch is coming), when the label-index
   * snapshot it loads from is already written; otherwise it starts with the first large batch.
   */
  readonly eagerHelper?: boolean;
  /** The SQLite file `cache` is (when it is one): the link helper reads cached vectors from it itself. */
  readonly cacheFile?: string;
}

/** The parts of the linking pipeline, for the commands that look inside it (`link`, `eval`). */
export interface LinkingPipeline {
  readonly modelId: string;
  readonly embedder: CachedEmbedder;
  readonly index: SkillIndex;
  readonly linker: Linker;
  /** The same linker behind the use-cases' port. */
  readonly textLinker: ModelLinker;
  dispose(): Promise<void>;
}

export interface ModelLinker extends TextLinker {
  readonly modelId: string;
  /** `TextLinker.linkMany`, telling `onProgress` how many texts are linked so far (after each chunk of a large batch). */
  linkMany(texts: readonly string[], context?: LinkContext & { readonly onProgress?: (done: number) => void }): Promise<readonly (readonly TextLink[])[]>;
  dispose(): Promise<void>;
}

const toTextLink = (r: LinkResult): TextLink => ({ skillId: r.skillId, confidence: r.confidence, provenance: r.provenance, phrase: r.phrase, parts: r.scores });

/**
 * The one linking factory: the real embedding model (transformers.js, local files only, in a worker
 * thread so the caller's event loop stays free and `linkMany` overlaps the model with the scoring)
 * with its vectors cached by (model, text hash) in `cache` (a store), the skill index over `skills`,
 * the lexical index and the taxonomy priors. `dispose` ends the worker.
 */
export async function createLinkingPipeline(cache: EmbeddingCache, skills: readonly Skill[], opts: LinkingPipelineOptions = {}): Promise<LinkingPipeline> {
  const shared = opts.model ?? null;
  const model = shared ?? (await createWorkerEmbedder({ dtype: opts.dtype ?? 'q8', ...(opts.modelName !== undefined ? { model: opts.modelName } : {}) }));
  // A shared (deferred) model may not be loaded yet: it loads on the first text whose vector is not cached.
  mark(shared ? 'linker: model handle ready (loads on first uncached text)' : 'linker: model ready');
  const embedder = createCachedEmbedder({ embedder: model, cache, hash: sha256Hex });
  const release = (): Promise<void> => (shared ? Promise.resolve() : embedder.dispose());
  try {
    const setup: LinkerSetup = {
      skills,
      priors: skillPriors(skills, opts.occupationSkills ?? [], opts.occupations ? { occupations: opts.occupations } : {}),
      ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
      ...(opts.textKind ? { textKind: opts.textKind } : {}),
    };
    // A second linker in a worker thread for large batches (started on the first one, kept until dispose).
    let helper: Promise<LinkHelper | null> | null = null;
    // Opt-in by the bulk callers (the CLI's imports and `eval postings` pass `eagerHelper` / `cacheFile`); the API and `skillgraph worker` keep one thread unless told.
    const helpers = opts.linkThreads ?? defaultLinkThreads(process.env, opts.eagerHelper === true || opts.cacheFile !== undefined);
    const init: LinkHelperInit = { ...setup, modelId: embedder.modelId, dimensions: embedder.dimensions, spans: typeof embedder.embedSpans === 'function', ...(opts.cacheFile ? { cacheFile: opts.cacheFile } : {}) };
    // The lexical index's arrays as this thread loaded them in shared memory (null when built, not loaded): handed to the helper, which then neither reads nor parses the snapshot again.
    let lexicalLoaded: (data: TfidfData | null) => void = () => {};
    const sharedLexical = new Promise<TfidfData | null>((resolve) => (lexicalLoaded = resolve));
    const startHelper = (): Promise<LinkHelper | null> => (helper ??= startLinkHelper(init, embedder, sharedLexical).catch(() => null));
    // Its start-up then overlaps this thread's on the other core (it loads the same label-index snapshot file).
    if (helpers >= 1 && opts.eagerHelper && hasIndexSnapshot(embedder.modelId, skills, embedder.dimensions)) void startHelper();
    // With a helper each thread runs its own ORT products on one intra-op thread (two busy threads on two cores, not three).
    const built = await buildLinker(embedder, helpers >= 1 ? { ...setup, ortThreads: 1 } : setup, opts.onProgress, helpers >= 1 ? { shareLexical: true } : {}).catch((err: unknown) => {
      lexicalLoaded(null);
      throw err;
    });
    const { index, linker: local } = built;
    lexicalLoaded(built.lexicalData ?? null);
    if (local.options.fitted === null) (opts.onWarning ?? warnOncePerModel)(unfittedWarning(embedder.modelId, local.options.phraseVectors));
    /** `linkMany` of `by` (this thread's linker of `kind`; default the pipeline's own), a large batch shared with the helper, which links it as the same kind. */
    const linkManyWith = (texts: readonly string[], o?: { readonly batchTexts?: number }, progress?: (done: number) => void, kind?: TextKind, by: Linker = local, occupations?: readonly (string | null)[]): Promise<LinkResult[][]> => {
      const plain = Array.isArray(texts as unknown) && texts.every((t) => typeof t === 'string');
      const stated = occupations ? { occupations } : {};
      if (helpers < 1 || !plain || o !== undefined || (helper === null && texts.length < HELPER_MIN_TEXTS)) return by.linkMany(texts, { ...o, ...stated });
      return linkManyShared(texts, (chunk, occ) => by.linkMany(chunk, occ ? { occupations: occ } : {}), startHelper(), progress, kind, occupations);
    };
    const linkMany: Linker['linkMany'] = (texts, o) => {
      const { occupations, ...rest } = o ?? {};
      return linkManyWith(texts, o && Object.keys(rest).length > 0 ? rest : undefined, undefined, undefined, local, occupations?.map((x) => x ?? null));
    };
    const linker: Linker = { ...local, linkMany };
    const dispose = async (): Promise<void> => {
      const h = helper ? await helper : null;
      helper = null;
      await h?.dispose();
      await index.dispose();
      await release();
    };
    // Linkers for the other kinds of text, over the same index (made on first use); a large batch is shared with the helper, which keeps a linker per kind too.
    const ownKind = setup.textKind ?? 'posting';
    const kinds = new Map<TextKind, TextLinker>();
    const withKind = (kind: TextKind): TextLinker => {
      if (kind === ownKind) return textLinker;
      let k = kinds.get(kind);
      if (!k) {
        const other = kindLinker(local, embedder, setup, kind);
        k = {
          link: async (text) => (await other.link(text)).map(toTextLink),
          linkMany: async (texts, context) => (await linkManyWith(texts, undefined, undefined, kind, other, context?.occupations)).map((links) => links.map(toTextLink)),
          search: async (text, n) => linker.rankSkills(text, n),
          withKind,
        };
        kinds.set(kind, k);
      }
      return k;
    };
    const textLinker: ModelLinker = {
      modelId: embedder.modelId,
      async link(text) {
        return (await linker.link(text)).map(toTextLink);
      },
      async linkMany(texts, context) {
        return (await linkManyWith(texts, undefined, context?.onProgress, undefined, local, context?.occupations)).map((links) => links.map(toTextLink));
      },
      async search(text, k) {
        return linker.rankSkills(text, k);
      },
      withKind,
      dispose,
    };
    return { modelId: embedder.modelId, embedder, index, linker, textLinker, dispose };
  } catch (err) {
    await release();
    throw err;
  }
}

/** The warning of a model without fitted linking weights: which file is missing, and what is used instead. */
export function unfittedWarning(modelId: string, phraseVectors: 'pooled' | 'embedded'): string {
  return `no linking weights fitted for the model ${modelId} (engine/linking/weights/${weightsFileName(modelId, phraseVectors)} is missing): linking uses the hand-set default weights and calibration, so its confidences are not calibrated for this model (fit them with scripts/fit-linking-weights.ts)`;
}

const warned = new Set<string>();
/** The default `onWarning`: one stderr line per message per process (a rebuilt linker does not repeat it). */
function warnOncePerModel(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  process.stderr.write(`skillgraph: warning: ${message}\n`);
}

/** A batch of at least this many texts starts the link helper (its start-up costs ~2–3 CPU-seconds). */
export const HELPER_MIN_TEXTS = 96;

/** Link helper threads: `$SKILLGRAPH_LINK_THREADS` (0 or 1), else for a bulk caller 1 on a machine with at least two cores. */
function defaultLinkThreads(env: NodeJS.ProcessEnv, bulk: boolean): number {
  const set = env['SKILLGRAPH_LINK_THREADS'];
  if (set !== undefined && set !== '') return Number(set) >= 1 ? 1 : 0;
  return bulk && availableParallelism() >= 2 ? 1 : 0;
}

/** Whether the label-index snapshot file of `skills` under `modelId` is written (buildSkillIndex's default rows). */
function hasIndexSnapshot(modelId: string, skills: readonly Skill[], dim: number): boolean {
  try {
    const texts = labelTexts(labelRows(skills, { descriptions: true, hiddenLabels: true }));
    return statSync(snapshotFile(defaultIndexSnapshotDir(), modelId, texts)).size === texts.length * dim * 4;
  } catch {
    return false;
  }
}

/** What a linker is built from besides its embedder: the same in the calling thread and in a link helper. */
export interface LinkerSetup {
  readonly skills: readonly Skill[];
  readonly priors: SkillPriors;
  readonly threshold?: number;
  readonly textKind?: TextKind;
  /** Intra-op threads of the ORT row scorers (default 2). */
  readonly ortThreads?: number;
}

/** Where a linker's lexical-index arrays come from besides their snapshot file. */
export interface LexicalSource {
  /** Load the snapshot into shared memory and return it as `lexicalData` (for a link helper). */
  readonly shareLexical?: boolean;
  /** The arrays another thread loaded (awaited after the skill index is built); null or a different row count: the snapshot file. */
  readonly lexicalData?: Promise<TfidfData | null>;
}

/**
 * The skill index (label matrix from its snapshot file after the first build), the lexical index (its
 * TF-IDF arrays from their snapshot, or as another thread loaded them) and the linker over them: the one
 * construction both threads use.
 */
export async function buildLinker(
  embedder: Embedder,
  setup: LinkerSetup,
  onProgress?: (done: number, total: number) => void,
  source: LexicalSource = {},
): Promise<{ index: SkillIndex; linker: Linker; lexicalData?: TfidfData }> {
  const dir = defaultIndexSnapshotDir();
  const threads = setup.ortThreads ?? 2;
  const index = await buildSkillIndex(setup.skills, embedder, {
    ...(onProgress ? { onProgress } : {}),
    scorer: (m, rows, dim) => createOrtRowScorer(m, rows, dim, { threads }),
    // The label-index matrix and the TF-IDF arrays are read from content-keyed snapshot files (index/ beside the embedding cache) after the first build.
    snapshot: createFileIndexSnapshot(dir),
  });
  mark('linker: skill index ready');
  try {
    const file = createFileTfidfSnapshot(dir, { shared: source.shareLexical === true });
    const given = source.lexicalData ? await source.lexicalData.catch(() => null) : null;
    let loaded: TfidfData | null = null;
    const snapshot: TfidfSnapshot = {
      // The rows are the same (the same skills), so the row count is the check; else the file.
      load: (texts) => (loaded = given && given.n === texts.length ? given : file.load(texts)),
      save: (texts, data) => file.save(texts, data),
    };
    const lexical = buildLexicalIndex(setup.skills, { snapshot });
    const linker = createLinker({
      index,
      lexical,
      embedder,
      priors: setup.priors,
      ...(setup.threshold !== undefined ? { threshold: setup.threshold } : {}),
      ...(setup.textKind ? { textKind: setup.textKind } : {}),
    });
    mark('linker: lexical index ready');
    return { index, linker, ...(source.shareLexical && loaded ? { lexicalData: loaded } : {}) };
  } catch (err) {
    await index.dispose();
    throw err;
  }
}

/**
 * The linker of another kind of text (its calibration; CV verb forms) over `base`'s skill and lexical
 * indices: what both threads build for a kind other than their own.
 */
export function kindLinker(base: Linker, embedder: Embedder, setup: LinkerSetup, kind: TextKind): Linker {
  return createLinker({ index: base.options.index, lexical: base.options.lexical, embedder, priors: setup.priors, textKind: kind, ...(setup.threshold !== undefined ? { threshold: setup.threshold } : {}) });
}

/** The pipeline behind the use-cases' `TextLinker` port (what `start`, imports and the API use). */
export async function createModelLinker(cache: EmbeddingCache, skills: readonly Skill[], opts: LinkingPipelineOptions = {}): Promise<ModelLinker> {
  return (await createLinkingPipeline(cache, skills, opts)).textLinker;
}
