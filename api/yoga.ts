import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { ApiContext } from './context.ts';
import { limits as defaultLimits } from './limits.ts';
import { corsFromAllowList, parseOrigins, productionSchemaPlugin, requestShapePlugin } from './production.ts';
import { clientAddress, parseTrustedProxies, RateLimiter } from './rate-limit.ts';
import { redactingLogger } from './redacting-logger.ts';
import { schema } from './schema/index.ts';
import { systemClock, type Clock } from '../app/clock.ts';
import type { Workspace } from '../app/workspace.ts';

export interface AppOptions {
  readonly workspace: Workspace;
  /**
   * Production hides GraphiQL, introspection and field suggestions and answers CORS only for
   * `corsOrigins`. Default: NODE_ENV === 'production'.
   */
  readonly production?: boolean;
  /** Origins allowed cross-origin calls in production; default `$SKILLGRAPH_CORS_ORIGINS` (none: same origin only). */
  readonly corsOrigins?: readonly string[];
  readonly limits?: { readonly maxBodyBytes?: number; readonly rateLimit?: { readonly requests: number; readonly windowMs: number } };
  /** The clock read once per request (`ctx.now`) and by the rate limiter; fixed in tests. */
  readonly clock?: Clock;
  /** Peer addresses whose `X-Forwarded-For` is believed; default `$SKILLGRAPH_TRUSTED_PROXIES` (none). */
  readonly trustedProxies?: readonly string[];
}

/** What the Node adapter passes as server context (absent for in-process `app.fetch`). */
interface NodeServerContext {
  readonly req?: { readonly socket?: { readonly remoteAddress?: string } };
}

function jsonError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

function presentedKey(request: Request): string | null {
  const auth = request.headers.get('authorization');
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  return request.headers.get('x-api-key');
}

/** Refuses oversized bodies and callers over their rate, before any parsing. */
function guardPlugin(workspace: Workspace, maxBodyBytes: number, limiter: RateLimiter, clock: Clock, trusted: ReadonlySet<string>): Plugin {
  return {
    async onRequest({ request, endResponse, serverContext }) {
      if (request.method === 'POST' && request.headers.get('content-length') === null) {
        endResponse(jsonError(411, 'LENGTH_REQUIRED', 'a POST to /graphql needs a Content-Length header (bodies are limited in size)'));
        return;
      }
      const declared = Number(request.headers.get('content-length') ?? '0');
      if (declared > maxBodyBytes) {
        endResponse(jsonError(413, 'BODY_TOO_LARGE', `request body of ${declared} bytes exceeds the limit of ${maxBodyBytes} bytes`));
        return;
      }
      const key = presentedKey(request);
      const principal = await workspace.keys.authenticateFresh(key);
      // keyed on the API key, else the socket's address (X-Forwarded-For only from a trusted proxy)
      const peer = (serverContext as NodeServerContext | undefined)?.req?.socket?.remoteAddress;
      const caller = principal ? `key:${principal.keyId}` : `addr:${clientAddress(peer, request.headers.get('x-forwarded-for'), trusted)}`;
      const waitMs = limiter.hit(caller, clock().getTime());
      if (waitMs > 0) {
        endResponse(jsonError(429, 'RATE_LIMITED', `rate limit of ${limiter.limit} requests per minute exceeded; retry in ${Math.ceil(waitMs / 1000)} s`, { 'retry-after': String(Math.ceil(waitMs / 1000)) }));
      }
    },
  };
}

/** Builds the GraphQL app (STYLE.md §11): tests call `app.fetch` in-process; server.ts only listens. */
export function createApp(options: AppOptions): YogaServerInstance<Record<string, unknown>, ApiContext> {
  const { workspace } = options;
  const clock = options.clock ?? systemClock;
  const maxBodyBytes = options.limits?.maxBodyBytes ?? defaultLimits.maxBodyBytes;
  const rate = options.limits?.rateLimit ?? defaultLimits.rateLimit;
  const limiter = new RateLimiter(rate.requests, rate.windowMs);
  const production = options.production ?? process.env.NODE_ENV === 'production';
  return createYoga<Record<string, unknown>, ApiContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: !production,
    // development keeps Yoga's permissive CORS (the Vite dev server is another origin)
    ...(production ? { cors: corsFromAllowList(options.corsOrigins ? new Set(options.corsOrigins) : parseOrigins(process.env['SKILLGRAPH_CORS_ORIGINS'])) } : {}),
    landingPage: false,
    maskedErrors: true,
    logging: redactingLogger(production ? 'warn' : 'error'),
    plugins: [requestShapePlugin(), ...(production ? [productionSchemaPlugin()] : []), guardPlugin(workspace, maxBodyBytes, limiter, clock, options.trustedProxies ? new Set(options.trustedProxies) : parseTrustedProxies(process.env['SKILLGRAPH_TRUSTED_PROXIES']))],
    context: async ({ request }) => ({
      workspace,
      principal: await workspace.keys.authenticateFresh(presentedKey(request)),
      now: clock(),
    }),
  });
}
