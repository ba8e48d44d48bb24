/**
 * Test helpers: build the dashboard with Vite into a temp folder, serve it with our own server
 * (api/server.ts `listen`), drive the system Chromium with playwright-core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

export const REPO = resolve(import.meta.dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

type App = (req: IncomingMessage, res: ServerResponse) => void;
interface ServerModule {
  listen(options: { app: App; port?: number; staticDir?: string | null }): Promise<{ server: Server; url: string }>;
}

/**
 * api/server.ts, loaded by path: the lint rule keeps dashboard/ from importing api/ (the app must
 * only see generated types), but tests need our real server to serve the build.
 */
export async function loadServer(): Promise<ServerModule> {
  const path = pathToFileURL(join(REPO, 'api', 'server.ts')).href;
  return (await import(path)) as ServerModule;
}

export async function buildDashboard(): Promise<{ dir: string; dispose(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'skillgraph-dashboard-'));
  const { build } = await import('vite');
  await build({ configFile: join(REPO, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dir, emptyOutDir: true, sourcemap: false } });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function serve(staticDir: string, app?: App): Promise<{ url: string; close(): Promise<void> }> {
  const { listen } = await loadServer();
  const notFound: App = (_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"message":"no API in this test"}]}');
  };
  const { server, url } = await listen({ app: app ?? notFound, port: 0, staticDir });
  return {
    url,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export async function launch(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'skillgraph-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 } });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** One element per line (between adjacent tags only), so snapshot diffs are readable. */
export function prettySvg(svg: string): string {
  return `${svg.replace(/></g, '>\n<')}\n`;
}

export interface SampleApi {
  readonly app: App;
  readonly key: string;
  close(): unknown;
}

/**
 * The real API (api/testing/sample-app.ts: Services over in-memory SQLite holding datasets/) with an
 * admin key; loaded by path for the same reason as loadServer.
 */
export async function loadSampleApi(): Promise<SampleApi> {
  const path = pathToFileURL(join(REPO, 'api', 'testing', 'sample-app.ts')).href;
  const mod = (await import(path)) as {
    sampleApp(opts: { rateLimit: { requests: number; windowMs: number } }): Promise<{ app: App; keyFor(spec: { role: string }): Promise<string>; close(): unknown }>;
  };
  const sample = await mod.sampleApp({ rateLimit: { requests: 100_000, windowMs: 60_000 } });
  return { app: sample.app, key: await sample.keyFor({ role: 'admin' }), close: () => sample.close() };
}
