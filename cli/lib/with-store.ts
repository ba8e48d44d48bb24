import type { GraphStore } from '../../taxonomy/stores/graph-store.ts';
import { mark } from '../../app/timing.ts';
import { openStore } from '../../taxonomy/stores/open-store.ts';

export interface StoreOptions {
  /** `--db <file>`; else `$SKILLGRAPH_DB` or the user data folder (SQLite), or the NEO4J_* env. */
  readonly db?: string;
}

/**
 * Opens the configured store, runs `fn` with it and always closes it. Reading commands pass
 * `{ create: false }` so a mistyped `--db` is an error instead of a new empty database.
 */
export async function withStore<T>(opts: StoreOptions, fn: (store: GraphStore) => Promise<T>, access: { readonly create?: boolean } = {}): Promise<T> {
  const store = await openStore({ ...(opts.db ? { file: opts.db } : {}), ...(access.create === false ? { create: false } : {}) });
  mark('store open');
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
