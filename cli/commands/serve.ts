import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { startChangeFollower } from '../../app/change-follower.ts';
import { bootstrap } from '../../api/bootstrap.ts';
import type { KeyRing } from '../../api/auth/key-ring.ts';
import { listen } from '../../api/server.ts';
import { createApp } from '../../api/yoga.ts';
import { openStore } from '../../taxonomy/stores/open-store.ts';
import type { GraphStore } from '../../taxonomy/stores/graph-store.ts';
import { UsageError } from '../lib/usage-error.ts';

const DASHBOARD_DIR = fileURLToPath(new URL('../../dist/dashboard/', import.meta.url));
const LOCAL_KEY_META = 'local-admin-key-id';

interface ServeOptions {
  readonly db?: string;
  readonly port?: string;
  readonly host?: string;
  readonly model?: boolean;
  readonly dtype?: string;
  readonly followMs?: string;
  readonly dashboard?: boolean;
}

function say(line: string): void {
  process.stdout.write(`skillgraph: ${line}\n`);
}

function portOf(opts: ServeOptions): number {
  const raw = opts.port ?? process.env['PORT'] ?? '4000';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`invalid --port: ${raw} (expected 0–65535)`);
  return port;
}

/** Builds the dashboard once when its files are missing (a fresh clone). */
async function ensureDashboard(): Promise<string | null> {
  if (existsSync(`${DASHBOARD_DIR}index.html`)) return DASHBOARD_DIR;
  say('building the dashboard (first start) …');
  const { build } = await import('vite');
  await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'warn' });
  return existsSync(`${DASHBOARD_DIR}index.html`) ? DASHBOARD_DIR : null;
}

/** A fresh admin key for local use; the previous local key is revoked (keys are stored hashed only). */
async function localAdminKey(store: GraphStore, ring: KeyRing): Promise<string> {
  const previous = await store.getMeta(LOCAL_KEY_META);
  if (previous) await ring.revoke(previous);
  const { key, record } = await ring.create({ role: 'admin' }, new Date());
  await store.setMeta(LOCAL_KEY_META, record.id);
  return key;
}

/** How often the change feed is polled when idle (other processes' writes become visible within about this). */
function followMsOf(opts: ServeOptions): number {
  const raw = opts.followMs ?? process.env['SKILLGRAPH_FOLLOW_MS'] ?? '100';
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 1 || ms > 60_000) throw new UsageError(`invalid --follow-ms: ${raw} (expected 1–60000)`);
  return ms;
}

async function run(opts: ServeOptions, prepare: boolean): Promise<void> {
  const port = portOf(opts);
  const followMs = followMsOf(opts);
  const dtype = opts.dtype ?? 'q8';
  if (dtype !== 'q8' && dtype !== 'fp32') throw new UsageError(`invalid --dtype: ${dtype} (expected q8 or fp32)`);
  const store = await openStore(opts.db ? { file: opts.db } : {});
  try {
    const ready = await bootstrap({ store, importSampleIfEmpty: prepare, model: opts.model !== false, dtype, say });
    const staticDir = opts.dashboard === false ? null : await ensureDashboard();
    const key = prepare ? await localAdminKey(store, ready.services.keys) : null;
    // Other processes' writes (API replicas, the CLI, workers) reach this read model through the change feed.
    const follower = startChangeFollower({
      feed: store,
      model: ready.services,
      startAfter: ready.services.feedPosition,
      intervalMs: followMs,
      onReload: (reason, head) => say(`change feed: reloaded the read model (${reason === 'taxonomy' ? 'taxonomy changed' : 'feed compacted past us'}) at ${head}`),
      onError: (err) => say(`change feed: ${err instanceof Error ? err.message : String(err)} (retrying)`),
    });
    const app = createApp({ services: ready.services });
    const { server, url } = await listen({ app, host: opts.host ?? '127.0.0.1', port, staticDir });
    say(`GraphQL API  ${url}/graphql`);
    if (staticDir) say(`dashboard    ${url}/${key ? `?key=${key}` : ''}`);
    if (key) say(`admin API key for local use (shown once): ${key}`);
    if (ready.linker) say('linking job postings and candidate experience in the background …');
    ready.enrich().then(
      () => ready.linker && say('linking done: fit and gaps now include skills found in text'),
      (err: unknown) => say(`background linking failed: ${err instanceof Error ? err.message : String(err)}`),
    );
    const stop = (): void => {
      server.close();
      void follower
        .stop()
        .then(() => ready.dispose()).then(() => store.close()).finally(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** `skillgraph serve` (any store) and `skillgraph start` (the main job: prepares the store first). */
export function register(program: Command): void {
  const common = (c: Command): Command =>
    c
      .option('--db <file>', 'database file (default: $SKILLGRAPH_DB or the user data folder)')
      .option('--port <n>', 'port (default: $PORT or 4000)')
      .option('--host <addr>', 'address to listen on', '127.0.0.1')
      .option('--no-model', 'do not load the embedding model (label lookup only)')
      .option('--dtype <q8|fp32>', 'model variant', 'q8')
      .option('--no-dashboard', 'serve the API only (no dashboard build or files)')
      .option('--follow-ms <n>', 'poll the change feed every n ms when idle (default: $SKILLGRAPH_FOLLOW_MS or 100)');
  common(program.command('serve').description('serve the GraphQL API and the dashboard')).action((opts: ServeOptions) => run(opts, false));
  common(program.command('start').description('prepare the store (sample data when empty, linking, indexes) and serve: what `npm start` runs')).action((opts: ServeOptions) =>
    run(opts, true),
  );
}
