import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { limits } from './limits.ts';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface ListenOptions {
  /** The GraphQL app (`createApp`), a Node request listener. */
  readonly app: (req: IncomingMessage, res: ServerResponse) => void;
  readonly host?: string;
  readonly port?: number;
  /** Folder of the built dashboard, served at `/` (optional). */
  readonly staticDir?: string | null;
  /** A request must arrive whole within this (slow bodies are cut off); default `limits.requestTimeoutMs`. */
  readonly requestTimeoutMs?: number;
  readonly headersTimeoutMs?: number;
}

async function serveStatic(root: string, url: string, res: ServerResponse): Promise<boolean> {
  const path = decodeURIComponent(new URL(url, 'http://x').pathname);
  const target = normalize(join(root, path === '/' ? 'index.html' : path));
  if (target !== root && !target.startsWith(root + sep)) return false;
  let file = target;
  try {
    const s = await stat(file);
    if (s.isDirectory()) file = join(file, 'index.html');
  } catch {
    // client-side routes fall back to the app shell
    if (extname(path)) return false;
    file = join(root, 'index.html');
  }
  try {
    await stat(file);
  } catch {
    return false;
  }
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'cache-control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(res);
  return true;
}

/** Only listens (STYLE.md §11): `/graphql` goes to the app, `/healthz` answers, the rest is the dashboard. */
export async function listen(options: ListenOptions): Promise<{ server: Server; url: string }> {
  const host = options.host ?? '127.0.0.1';
  const staticDir = options.staticDir ? resolve(options.staticDir) : null;
  const requestTimeout = options.requestTimeoutMs ?? limits.requestTimeoutMs;
  const headersTimeout = Math.min(options.headersTimeoutMs ?? limits.headersTimeoutMs, requestTimeout);
  // Node checks these timeouts every `connectionsCheckingInterval` (30 s by default): check often enough
  const serverOptions = { requestTimeout, headersTimeout, connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(headersTimeout / 2))) };
  const server = createServer(serverOptions, (req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/graphql')) return options.app(req, res);
    if (url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (staticDir && (req.method === 'GET' || req.method === 'HEAD')) {
      serveStatic(staticDir, url, res)
        .then((served) => {
          if (!served) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        })
        .catch(() => res.writeHead(500).end());
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 4000, host, () => ok());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : options.port;
  return { server, url: `http://${host}:${port}` };
}
