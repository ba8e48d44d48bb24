import { loadSample } from '../../taxonomy/loaders/sample.ts';
import { createSqliteStore } from '../../taxonomy/stores/sqlite/sqlite-store.ts';
import type { Principal } from '../../app/principal.ts';
import type { Clock } from '../../app/clock.ts';
import type { NewKeySpec } from '../../app/key-ring.ts';
import { Workspace, type WorkspaceOptions } from '../../app/workspace.ts';
import { createApp } from '../yoga.ts';

/** GraphQL response data as tests read it: checked field by field, so left untyped here. */
// oxlint-disable-next-line typescript/no-explicit-any
type Json = any;

/** A real app over a fresh in-memory SQLite store holding the sample data (for tests and benches). */
export async function sampleApp(opts: Omit<WorkspaceOptions, 'store'> & { clock?: Clock; rateLimit?: { requests: number; windowMs: number } } = {}) {
  const store = await createSqliteStore(':memory:');
  const sample = await loadSample();
  await store.importTaxonomy(sample.taxonomy);
  await store.putRecords(sample.records);
  const clock = opts.clock ?? (() => new Date('2026-11-01T00:00:00Z'));
  // the keys' re-reads run on the real clock (they time the store, not the domain)
  const workspace = await Workspace.open({ store, ...(opts.linker !== undefined ? { linker: opts.linker } : {}), ...(opts.verifier !== undefined ? { verifier: opts.verifier } : {}), ...(opts.titles !== undefined ? { titles: opts.titles } : {}) });
  const app = createApp({ workspace, clock, production: true, ...(opts.rateLimit ? { limits: { rateLimit: opts.rateLimit } } : {}) });
  const keyFor = async (spec: NewKeySpec): Promise<string> => (await workspace.keys.create(spec, clock())).key;
  async function gql(query: string, variables: Record<string, unknown> = {}, key?: string | null): Promise<{ status: number; body: { data?: Record<string, Json>; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
    const res = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as never };
  }
  return { store, workspace, app, sample, keyFor, gql, close: () => store.close() };
}

export type SampleApp = Awaited<ReturnType<typeof sampleApp>>;
export type { Principal };
