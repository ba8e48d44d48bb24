/**
 * The API server process: `node --import tsx api/main.ts [--db <file>] [--port <n>] [--host <addr>]
 * [--no-model] [--dtype q8|fp32] [--prepare] [--no-dashboard] [--rate-limit <requests/min>]
 * [--follow-ms <n>]`. Other processes' writes (API replicas, the CLI, linking workers) reach its
 * workspace through the store's change feed, polled every --follow-ms (default $SKILLGRAPH_FOLLOW_MS or 100).
 * `skillgraph serve` / `start` launch it (the CLI never imports api/), and so does bench/api-load.ts.
 * Prints `skillgraph: GraphQL API  <url>/graphql` once listening; one `skillgraph: <CODE>: <message>`
 * line and exit code 2 (usage) or 1 (anything else) on failure.
 */
import { existsSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { systemClock } from '../app/clock.ts';
import type { KeyRing } from '../app/key-ring.ts';
import { startChangeFollower } from '../app/change-follower.ts';
import { start } from '../app/start.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { openStore } from '../taxonomy/stores/open-store.ts';
import { limits } from './limits.ts';
import { listen } from './server.ts';
import { createApp } from './yoga.ts';

const DASHBOARD_DIR = fileURLToPath(new URL('../dist/dashboard/', import.meta.url));
const LOCAL_KEY_META = 'local-admin-key-id';

class UsageError extends Error {
  readonly code = 'USAGE';
}

function say(line: string): void {
  process.stdout.write(`skillgraph: ${line}\n`);
}

function parse(argv: readonly string[]) {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'no-model': { type: 'boolean', default: false },
      dtype: { type: 'string', default: 'q8' },
      prepare: { type: 'boolean', default: false },
      'no-dashboard': { type: 'boolean', default: false },
      'rate-limit': { type: 'string' },
      'follow-ms': { type: 'string' },
    },
    strict: true,
  });
  const rawPort = values.port ?? process.env['PORT'] ?? '4000';
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`invalid --port: ${rawPort} (expected 0–65535)`);
  const dtype = values.dtype;
  if (dtype !== 'q8' && dtype !== 'fp32') throw new UsageError(`invalid --dtype: ${dtype} (expected q8 or fp32)`);
  const rate = values['rate-limit'] === undefined ? null : Number(values['rate-limit']);
  if (rate !== null && !(Number.isInteger(rate) && rate >= 1)) throw new UsageError(`invalid --rate-limit: ${values['rate-limit']} (expected a whole number ≥ 1)`);
  // how often the change feed is polled when idle (other processes' writes are visible within about this)
  const rawFollow = values['follow-ms'] ?? process.env['SKILLGRAPH_FOLLOW_MS'] ?? '100';
  const followMs = Number(rawFollow);
  if (!Number.isInteger(followMs) || followMs < 1 || followMs > 60_000) throw new UsageError(`invalid --follow-ms: ${rawFollow} (expected 1–60000)`);
  return { db: values.db ?? null, port, host: values.host, model: !values['no-model'], dtype: dtype as 'q8' | 'fp32', prepare: values.prepare, dashboard: !values['no-dashboard'], rate, followMs };
}

/** Builds the dashboard once when its files are missing (a fresh clone). */
async function ensureDashboard(): Promise<string | null> {
  if (existsSync(`${DASHBOARD_DIR}index.html`)) return DASHBOARD_DIR;
  say('building the dashboard (first start) …');
  const { build } = await import('vite');
  await build({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), logLevel: 'warn' });
  return existsSync(`${DASHBOARD_DIR}index.html`) ? DASHBOARD_DIR : null;
}

/** A fresh admin key for local use; the previous local key is revoked (keys are stored hashed only). */
async function localAdminKey(store: GraphStore, ring: KeyRing): Promise<string> {
  const previous = await store.getMeta(LOCAL_KEY_META);
  if (previous) await ring.revoke(previous);
  const { key, record } = await ring.create({ role: 'admin' }, systemClock());
  await store.setMeta(LOCAL_KEY_META, record.id);
  return key;
}

async function main(argv: readonly string[]): Promise<void> {
  const opts = parse(argv);
  const store = await openStore(opts.db ? { file: opts.db } : {});
  try {
    const ready = await start({ store, importSampleIfEmpty: opts.prepare, model: opts.model, dtype: opts.dtype, say, verifyStore: process.env['SKILLGRAPH_VERIFY_STORE'] });
    const staticDir = opts.dashboard ? await ensureDashboard() : null;
    // never print an admin key in production (issue 17): keys come from `skillgraph keys create`
    const production = process.env['NODE_ENV'] === 'production';
    const key = opts.prepare && !production ? await localAdminKey(store, ready.workspace.keys) : null;
    if (opts.prepare && production) say('production: no local admin key is made or printed; create keys with `skillgraph keys create`');
    // Other processes' writes (API replicas, the CLI, workers; this one's start-up linking too) reach the
    // workspace through the change feed, from the position it was loaded at (issue 19).
    const follower = startChangeFollower({
      feed: store,
      model: ready.workspace,
      startAfter: ready.workspace.feedPosition,
      intervalMs: opts.followMs,
      onReload: (reason, head) => {
        say(`change feed: reloaded the read model (${reason === 'taxonomy' ? 'taxonomy changed' : 'feed compacted past us'}) at ${head}`);
        // the linker indexes the taxonomy's skills: rebuilt when the store's taxonomy version moved on
        ready.linker?.rebuild().then(
          (rebuilt) => rebuilt && say(`linker rebuilt for taxonomy version ${ready.linker?.taxonomyVersion}`),
          (err: unknown) => say(`linker rebuild failed: ${err instanceof Error ? err.message : String(err)}`),
        );
      },
      onError: (err) => say(`change feed: ${err instanceof Error ? err.message : String(err)} (retrying)`),
    });
    // ready means ready to rank: every profile and the ranking index are built before the port opens, so a load
    // balancer's /healthz check sends no request to a replica whose first rank would still build them
    try {
      const warm = ready.warmUp();
      say(`ranking ready: ${warm.candidates} candidate profiles and the ranking index built in ${warm.seconds.toFixed(1)} s`);
    } catch (err) {
      say(`ranking warm-up failed (the first rank tries again): ${err instanceof Error ? err.message : String(err)}`);
    }
    const app = createApp({ workspace: ready.workspace, ...(opts.rate ? { limits: { rateLimit: { requests: opts.rate, windowMs: limits.rateLimit.windowMs } } } : {}) });
    const { server, url } = await listen({ app, host: opts.host, port: opts.port, staticDir });
    say(`GraphQL API  ${url}/graphql`);
    if (staticDir) say(`dashboard    ${url}/${key ? `?key=${key}` : ''}`);
    if (key) say(`admin API key for local use (shown once): ${key}`);
    if (ready.linker) say('linking job postings and candidate experience in the background …');
    ready.enrich().then(
      () => ready.linker && say('linking done: fit and gaps now include skills found in text'),
      (err: unknown) => say(`background linking failed: ${err instanceof Error ? err.message : String(err)}`),
    );
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      server.closeAllConnections();
      server.close();
      void follower
        .stop()
        .then(() => ready.dispose())
        .then(() => store.close())
        .finally(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // launched by `skillgraph serve` with an IPC channel: when that process dies (even by SIGKILL), so do we
    if (process.connected) process.once('disconnect', stop);
    // an operator's (and the soak test's) reading: `kill -USR2 <pid>` prints RSS, the heap after a full GC
    // (when Node runs with --expose-gc) and the event loop's delay since start (ms)
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    process.on('SIGUSR2', () => {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      const m = process.memoryUsage();
      const ms = (ns: number): string => (ns / 1e6).toFixed(1);
      say(`memory rss=${m.rss} heap=${gc ? m.heapUsed : 'n/a'} loop-p50=${ms(lag.percentile(50))} loop-p99=${ms(lag.percentile(99))} loop-max=${ms(lag.max)}`);
    });
  } catch (err) {
    await store.close();
    throw err;
  }
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' && e.code ? e.code : 'INTERNAL';
  const usage = err instanceof UsageError || code.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`skillgraph: ${usage ? 'USAGE' : code}: ${String(e.message ?? err).replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
  process.exitCode = usage ? 2 : 1;
}
