/**
 * The server under load (bench/api-load.ts, scripts/load-soak.ts): the sample taxonomy, credentials,
 * postings and roles plus N generated candidates in a SQLite file, served by the real API server
 * process (api/main.ts, as `skillgraph serve` runs it: production mode, no model) on 127.0.0.1 on a
 * free port. The bench holds its own workspace on the same file (app/) for in-process measurements
 * and for creating keys; it imports nothing of api/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace } from '../../app/workspace.ts';
import { loadSample, type SampleData } from '../../taxonomy/loaders/sample.ts';
import { createSqliteStore } from '../../taxonomy/stores/sqlite/sqlite-store.ts';
import type { GraphStore } from '../../taxonomy/stores/graph-store.ts';
import { generateCandidateBatches } from './generate-candidates.ts';

const SERVER = fileURLToPath(new URL('../../api/main.ts', import.meta.url));

export interface LoadWorldOptions {
  readonly candidates: number;
  readonly seed: number;
  /** Requests per minute per caller; the bench raises it so only the soak's trickle meets it. */
  readonly rateLimit?: number;
  readonly log?: (line: string) => void;
}

export interface ServerStats {
  readonly rss: number;
  readonly heap: number | null;
  readonly loop: { readonly p50: number; readonly p99: number; readonly max: number };
}

export interface LoadWorld {
  readonly sample: SampleData;
  readonly store: GraphStore;
  /** The bench's own workspace on the server's store (records, keys, in-process use-cases). */
  readonly workspace: Workspace;
  /** The server process (its pid for CPU readings). */
  readonly server: ChildProcess;
  readonly url: string;
  readonly adminKey: string;
  /** Seconds spent generating and writing the candidates, and starting the server until it listens. */
  readonly timings: { readonly fillS: number; readonly serverS: number };
  /** The server's RSS, its heap after a full GC (it runs with --expose-gc) and its event-loop delay so far, in ms (SIGUSR2 asks it). */
  serverStats(): Promise<ServerStats>;
  close(): Promise<void>;
}

/** Starts api/main.ts and resolves with its URL once it prints that it listens. */
function startServer(file: string, rateLimit: number | undefined): Promise<{ child: ChildProcess; url: string }> {
  const args = ['--expose-gc', '--import', import.meta.resolve('tsx'), SERVER, '--db', file, '--port', '0', '--no-model', '--no-dashboard', ...(rateLimit ? ['--rate-limit', String(rateLimit)] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
  // a bench that fails half-way must not leave its server running
  const orphan = (): void => void child.kill('SIGKILL');
  process.once('exit', orphan);
  child.once('exit', () => process.off('exit', orphan));
  return new Promise((ok, fail) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /GraphQL API\s+(\S+)\/graphql/.exec(out);
      if (m) ok({ child, url: m[1]! });
    });
    child.stderr!.on('data', (d: Buffer) => void (err += d.toString()));
    child.once('exit', (code) => fail(new Error(`the API server exited (${code}) before listening: ${err.trim() || out.trim()}`)));
  });
}

export async function startLoadWorld(opts: LoadWorldOptions): Promise<LoadWorld> {
  const log = opts.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'skillgraph-load-'));
  const file = join(dir, 'load.sqlite');
  const store = await createSqliteStore(file);
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
  const workspace = await Workspace.open({ store });
  const adminKey = (await workspace.keys.create({ role: 'admin' }, new Date())).key;
  const t1 = performance.now();
  const { child, url } = await startServer(file, opts.rateLimit);
  const serverS = (performance.now() - t1) / 1000;
  return {
    sample,
    store,
    workspace,
    server: child,
    url,
    adminKey,
    timings: { fillS, serverS },
    serverStats() {
      return new Promise((ok) => {
        const onData = (d: Buffer): void => {
          const m = /memory rss=(\d+) heap=(\d+|n\/a) loop-p50=([\d.]+) loop-p99=([\d.]+) loop-max=([\d.]+)/.exec(d.toString());
          if (!m) return;
          child.stdout!.off('data', onData);
          ok({ rss: Number(m[1]), heap: m[2] === 'n/a' ? null : Number(m[2]), loop: { p50: Number(m[3]), p99: Number(m[4]), max: Number(m[5]) } });
        };
        child.stdout!.on('data', onData);
        child.kill('SIGUSR2');
      });
    },
    async close() {
      const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
      child.kill('SIGTERM');
      await exited;
      await store.close();
      rmSync(dir, { recursive: true, force: true });
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
