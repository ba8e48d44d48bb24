import { createModelLinker } from '../../app/linking-pipeline.ts';
import type { ModelLinker } from '../../app/linking-pipeline.ts';
import { Workspace } from '../../app/workspace.ts';
import { withStore, type StoreOptions } from './with-store.ts';

/**
 * Opens the configured store as the application's workspace (the same read model the API serves),
 * runs `fn` and closes everything. `link: true` loads the embedding model as the workspace's linker;
 * `onLinkProgress` sees the linking factory's progress (the one-off skill-label index build of a fresh store).
 */
export async function withWorkspace<T>(opts: StoreOptions, fn: (ws: Workspace) => Promise<T>, access: { readonly create?: boolean; readonly link?: boolean; readonly onLinkProgress?: (done: number, total: number) => void } = {}): Promise<T> {
  return withStore(
    opts,
    async (store) => {
      let linker: ModelLinker | null = null;
      const ws = await Workspace.open({
        store,
        ...(access.link
          ? { linker: async (taxonomy) => (linker = await createModelLinker(store, taxonomy.skills, { occupationSkills: taxonomy.occupationSkills, ...(access.onLinkProgress ? { onProgress: access.onLinkProgress } : {}) })) }
          : {}),
      });
      try {
        return await fn(ws);
      } finally {
        await (linker as ModelLinker | null)?.dispose();
      }
    },
    access.create === false ? { create: false } : {},
  );
}
