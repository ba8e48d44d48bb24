/**
 * The server under load (bench/api-load.ts, scripts/load-soak.ts): the sample taxonomy, credentials,
 * postings and roles plus N generated candidates in a SQLite store, the real Services and Yoga app,
 * listening on 127.0.0.1 on a free port.
 */
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Services } from '../../api/services/services.ts';
import { listen } from '../../api/server.ts';
import { createApp } from '../../api/yoga.ts';
import { loadSample, type SampleData } from '../../taxonomy/loaders/sample.ts';
import type { GraphStore } from '../../taxonomy/stores/graph-store.ts';
import { createSqliteStore } from '../../taxonomy/stores/sqlite/sqlite-store.ts';
import { generateCandidateBatches } from './generate-candidates.ts';

export interface LoadWorldOptions {
  readonly candidates: number;
  readonly seed: number;
  /** 'memory' (default) or 'file' (a temp file, removed on close). */
  readonly store?: 'memory' | 'file';
  /** Requests per window per caller; the bench raises it so only the soak's trickle meets it. */
  readonly rateLimit?: { readonly requests: number; readonly windowMs: number };
  readonly log?: (line: string) => void;
}

export interface LoadWorld {
  readonly sample: SampleData;
  readonly store: GraphStore;
  readonly services: Services;
  /** The Yoga app (`app.fetch` for in-process calls). */
  readonly app: ReturnType<typeof createApp>;
  readonly server: Server;
  readonly url: string;
  readonly adminKey: string;
  /** Seconds spent generating and writing the candidates, and creating the services. */
  readonly timings: { readonly fillS: number; readonly servicesS: number };
  close(): Promise<void>;
}

export async function startLoadWorld(opts: LoadWorldOptions): Promise<LoadWorld> {
  const log = opts.log ?? (() => {});
  const dir = opts.store === 'file' ? mkdtempSync(join(tmpdir(), 'skillgraph-load-')) : null;
  const store = await createSqliteStore(dir ? join(dir, 'load.sqlite') : ':memory:');
  const sample = await loadSample();
  await store.importTaxonomy(sample.taxonomy);
  await store.putRecords({ credentials: sample.records.credentials ?? [], postings: sample.records.postings ?? [], roles: sample.records.roles ?? [] });
  const t0 = performance.now();
  const world = { credentials: sample.records.credentials ?? [], roles: sample.records.roles ?? [], skills: sample.taxonomy.skills };
  let written = 0;
  for (const batch of generateCandidateBatches(world, { count: opts.candidates, seed: opts.seed })) {
    await store.putRecords(batch);
    written += batch.candidates.length;
    if (written % 25_000 === 0) log(`  ${written.toLocaleString('en-US')} candidates written`);
  }
  const fillS = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const services = await Services.create({ store });
  const servicesS = (performance.now() - t1) / 1000;
  const app = createApp({ services, production: true, ...(opts.rateLimit ? { limits: { rateLimit: opts.rateLimit } } : {}) });
  const { server, url } = await listen({ app, host: '127.0.0.1', port: 0 });
  const adminKey = (await services.keys.create({ role: 'admin' }, new Date())).key;
  return {
    sample,
    store,
    services,
    app,
    server,
    url,
    adminKey,
    timings: { fillS, servicesS },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await store.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** POSTs one GraphQL request with Node's fetch; for warm-up and spot checks. */
export async function gqlOnce(url: string, query: string, variables: Record<string, unknown>, key?: string): Promise<{ status: number; text: string; ms: number }> {
  const t = performance.now();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - t };
}
