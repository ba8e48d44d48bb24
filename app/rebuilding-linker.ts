import type { TaxonomyData } from '../taxonomy/model/types.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import type { ModelLinker } from './linking-pipeline.ts';

/** A model linker that follows the store's taxonomy (issue 19): what API processes and workers link with. */
export interface RebuildingLinker extends ModelLinker {
  /** The store's taxonomy version (`linkTaxonomyVersion`) the current linker was built from. */
  readonly taxonomyVersion: number;
  /**
   * Rebuilds the skill index from the store's taxonomy when its version moved on (after `import esco` or
   * any taxonomy import, by any process); a no-op otherwise. Calls already running finish on the old
   * linker, which is disposed after them. Rebuilds run one at a time.
   */
  rebuild(): Promise<boolean>;
}

/**
 * Wraps `first` (built from the taxonomy at `version`, read BEFORE the taxonomy was loaded, so a change in
 * between is seen as newer) so `rebuild` can swap in a linker built by `build` from a newer taxonomy. The
 * linking queue stamps results with `taxonomyVersion`: results made with an outdated linker are requeued.
 */
export function rebuildingLinker(store: GraphStore, build: (taxonomy: TaxonomyData) => Promise<ModelLinker>, first: ModelLinker, version: number): RebuildingLinker {
  let current = first;
  let currentVersion = version;
  const users = new Map<ModelLinker, number>();
  const retired = new Set<ModelLinker>();
  let chain: Promise<boolean> = Promise.resolve(false);
  let disposed = false;

  const release = async (l: ModelLinker): Promise<void> => {
    if (retired.has(l) && (users.get(l) ?? 0) === 0) {
      retired.delete(l);
      users.delete(l);
      await l.dispose();
    }
  };
  const use = async <T>(fn: (l: ModelLinker) => Promise<T>): Promise<T> => {
    const l = current;
    users.set(l, (users.get(l) ?? 0) + 1);
    try {
      return await fn(l);
    } finally {
      users.set(l, users.get(l)! - 1);
      await release(l);
    }
  };
  const rebuildNow = async (): Promise<boolean> => {
    if (disposed) return false;
    const v = await store.linkTaxonomyVersion();
    if (v === currentVersion) return false;
    const next = await build(await store.loadTaxonomy());
    const old = current;
    current = next;
    currentVersion = v;
    retired.add(old);
    await release(old);
    return true;
  };

  return {
    get modelId() {
      return current.modelId;
    },
    get taxonomyVersion() {
      return currentVersion;
    },
    link: (text) => use((l) => l.link(text)),
    linkMany: (texts, context) => use((l) => l.linkMany(texts, context)),
    search: (text, k) => use((l) => l.search(text, k)),
    withKind: (kind) => ({
      link: (text) => use((l) => (l.withKind?.(kind) ?? l).link(text)),
      linkMany: (texts, context) => use((l) => (l.withKind?.(kind) ?? l).linkMany(texts, context)),
      search: (text, k) => use((l) => l.search(text, k)),
    }),
    rebuild() {
      const pass = chain.catch(() => false).then(rebuildNow);
      chain = pass;
      return pass;
    },
    async dispose() {
      disposed = true;
      await chain.catch(() => false);
      retired.add(current);
      await Promise.all([...retired].map(release));
    },
  };
}
