import { createModelLinker } from '../../app/linking-pipeline.ts';
import { createOb3Verifier } from '../../engine/adapters/ob3-verifier/index.ts';
import type { ModelLinker } from '../../app/linking-pipeline.ts';
import { openTitleNormalizer } from '../../app/title-normalizer.ts';
import { Workspace } from '../../app/workspace.ts';
import { withStore, type StoreOptions } from './with-store.ts';

/**
 * Opens the configured store as the application's workspace (the same read model the API serves),
 * runs `fn` and closes everything. `link: true` loads the embedding model as the workspace's linker
 * (and, on first use, its job-title normaliser: imported postings without an occupation get one);
 * `verify: true` gives it the Open Badges verifier (awarded credentials are verified on the way in).
 */
export async function withWorkspace<T>(opts: StoreOptions, fn: (ws: Workspace) => Promise<T>, access: { readonly create?: boolean; readonly link?: boolean; readonly verify?: boolean } = {}): Promise<T> {
  return withStore(
    opts,
    async (store) => {
      let linker: ModelLinker | null = null;
      const ws = await Workspace.open({
        store,
        ...(access.verify ? { verifier: createOb3Verifier() } : {}),
        ...(access.link
          ? {
              linker: async (taxonomy) => (linker = await createModelLinker(store, taxonomy.skills, { occupationSkills: taxonomy.occupationSkills })),
              titles: (occupations) => openTitleNormalizer(store, occupations),
            }
          : {}),
      });
      try {
        return await fn(ws);
      } finally {
        await ws.closeTitles();
        await (linker as ModelLinker | null)?.dispose();
      }
    },
    access.create === false ? { create: false } : {},
  );
}
