import { createModelLinker, HELPER_MIN_TEXTS } from '../../app/linking-pipeline.ts';
import { createWorkerEmbedder, type WorkerEmbedder } from '../../engine/adapters/worker-embedder.ts';
import { deferredEmbedder } from '../../engine/adapters/deferred-embedder.ts';
import { defaultModel, modelIdentity } from '../../engine/adapters/models-dir.ts';
import type { Embedder } from '../../engine/ports/embedder.ts';
import type { CredentialVerifier } from '../../engine/verify/verifier.ts';
import type { ModelLinker } from '../../app/linking-pipeline.ts';
import type { TextLinker } from '../../app/text-linker.ts';
import { openTitleNormalizer } from '../../app/title-normalizer.ts';
import { Workspace } from '../../app/workspace.ts';
import type { Occupation, TaxonomyData } from '../../taxonomy/model/types.ts';
import type { GraphStore } from '../../taxonomy/stores/graph-store.ts';
import type { ProgressBar } from './progress-bar.ts';
import { defaultDbPath } from '../../taxonomy/stores/default-db-path.ts';
import { withStore, type StoreOptions } from './with-store.ts';

/** The store's SQLite file (as `openStore` resolves it), or null for Neo4j and in-memory stores. */
function sqliteFile(opts: StoreOptions): string | null {
  if ((process.env['SKILLGRAPH_STORE'] ?? 'sqlite') !== 'sqlite') return null;
  const file = opts.db ?? defaultDbPath();
  return file === ':memory:' ? null : file;
}

/** The embedding model of the CLI's linking: int8, from the folder `$SKILLGRAPH_MODEL` names (default all-MiniLM-L6-v2: `defaultModel`). */
const MODEL_DTYPE = 'q8';

/** One embedding model (a worker thread) started on first use and shared by the linker and the title normaliser. */
interface SharedModel {
  get(): Promise<WorkerEmbedder>;
  dispose(): Promise<void>;
}

function sharedModel(): SharedModel {
  let started: Promise<WorkerEmbedder> | null = null;
  return {
    get: () => (started ??= createWorkerEmbedder({ dtype: MODEL_DTYPE, model: defaultModel() })),
    async dispose() {
      if (started) await (await started.catch(() => null))?.dispose();
    },
  };
}

/**
 * The embedding model as a linker loaded on first use (an import whose documents all name their skills
 * never loads it), reporting progress on `bar`: 'embed skill labels' while the skill index is built
 * (cached in the store afterwards), 'link texts' while `linkMany` links (moving after each chunk of a large batch).
 */
function lazyLinker(store: GraphStore, taxonomy: TaxonomyData, shared: SharedModel, bar: ProgressBar | undefined, cacheFile: string | null): { readonly linker: TextLinker; dispose(): Promise<void> } {
  let loading: Promise<ModelLinker> | null = null;
  // `many`: the first call is a large batch, so the link helper thread starts while the linker loads.
  const create = (embedder: Embedder, many: number): Promise<ModelLinker> =>
    createModelLinker(store, taxonomy.skills, {
      model: embedder,
      eagerHelper: many >= HELPER_MIN_TEXTS,
      ...(cacheFile ? { cacheFile } : {}),
      occupationSkills: taxonomy.occupationSkills,
      occupations: taxonomy.occupations,
      ...(bar ? { onProgress: (done: number, total: number) => bar.update('embed skill labels', done, total) } : {}),
    });
  // The model's id and size are known without loading it: the index snapshots (and the link helper) load
  // without it, and the model loads only when a text's vector is not cached (a warm store never loads it:
  // ~0.6–0.9 CPU-s and a worker thread saved, issue 18).
  const load = async (many: number): Promise<ModelLinker> => {
    const identity = modelIdentity(MODEL_DTYPE, defaultModel());
    if (!identity) return create(await shared.get(), many);
    return create(deferredEmbedder(() => shared.get(), identity), many);
  };
  const model = (many = 0): Promise<ModelLinker> => (loading ??= load(many));
  const linker: TextLinker = {
    async link(text) {
      return (await model()).link(text);
    },
    async linkMany(texts, context) {
      const m = await model(texts.length);
      if (!bar) return m.linkMany(texts, context);
      // one call (the link helper shares the whole batch); the bar moves after each chunk
      bar.update('link texts', 0, texts.length);
      return m.linkMany(texts, { ...context, onProgress: (done) => bar.update('link texts', done, texts.length) });
    },
    async search(text, k) {
      return (await model()).search(text, k);
    },
    withKind: (kind) => ({
      link: async (text) => {
        const m = await model();
        return (m.withKind?.(kind) ?? m).link(text);
      },
      linkMany: async (texts, context) => {
        const m = await model(texts.length);
        return (m.withKind?.(kind) ?? m).linkMany(texts, context);
      },
      search: async (text, k) => (await model()).search(text, k),
    }),
  };
  return {
    linker,
    async dispose() {
      if (loading) await (await loading).dispose();
    },
  };
}

/**
 * The Open Badges verifier with its module (the JSON-LD, signature and HTTP stack: ~0.3 CPU-s of module
 * loading) loaded on the first credential it verifies, so a command that verifies none never loads it.
 */
export function lazyVerifier(): CredentialVerifier {
  let made: Promise<CredentialVerifier> | null = null;
  return {
    async verify(doc, opts) {
      made ??= import('../../engine/adapters/ob3-verifier/index.ts').then((m) => m.createOb3Verifier());
      return (await made).verify(doc, opts);
    },
  };
}

/**
 * Opens the configured store as the application's workspace (the same read model the API serves),
 * runs `fn` and closes everything. `link: true` gives the workspace the embedding model as its linker,
 * loaded on first use (and, on first use, its job-title normaliser: imported postings without an
 * occupation get one); `progress` shows the model's loading and linking; `verify: true` gives it the
 * Open Badges verifier (awarded credentials are verified on the way in).
 */
export async function withWorkspace<T>(
  opts: StoreOptions,
  fn: (ws: Workspace) => Promise<T>,
  access: { readonly create?: boolean; readonly link?: boolean; readonly verify?: boolean; readonly progress?: ProgressBar } = {},
): Promise<T> {
  return withStore(
    opts,
    async (store) => {
      let lazy: ReturnType<typeof lazyLinker> | null = null;
      const model = sharedModel();
      const ws = await Workspace.open({
        store,
        ...(access.verify ? { verifier: lazyVerifier() } : {}),
        ...(access.link
          ? {
              linker: async (taxonomy: TaxonomyData) => (lazy = lazyLinker(store, taxonomy, model, access.progress, sqliteFile(opts))).linker,
              titles: async (occupations: readonly Occupation[]) => {
                // Like the linker's: the model loads only when a title's vector is not cached.
                const identity = modelIdentity(MODEL_DTYPE, defaultModel());
                return openTitleNormalizer(store, occupations, { model: identity ? deferredEmbedder(() => model.get(), identity) : await model.get() });
              },
            }
          : {}),
      });
      try {
        return await fn(ws);
      } finally {
        access.progress?.stop();
        await ws.closeTitles();
        await (lazy as ReturnType<typeof lazyLinker> | null)?.dispose();
        await model.dispose();
      }
    },
    access.create === false ? { create: false } : {},
  );
}
