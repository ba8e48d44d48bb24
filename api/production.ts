/**
 * Production defaults of the API (issue 17, docs/SECURITY.md): no introspection, no field
 * suggestions, CORS only for an allow-list of origins (default: same origin only, i.e. no CORS
 * headers), and only `application/json` POST bodies or GET queries — a form or `application/graphql`
 * body (what a cross-site form can send without a preflight) is refused.
 */
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

type CorsOptions = { origin: string; credentials: boolean; methods: string[]; allowedHeaders: string[]; maxAge: number } | false;

/** Allowed origins from a comma-separated list (`$SKILLGRAPH_CORS_ORIGINS`); empty: same origin only. */
export function parseOrigins(list: string | undefined): Set<string> {
  return new Set((list ?? '').split(',').map((s) => s.trim().replace(/\/$/, '')).filter(Boolean));
}

/** CORS for Yoga: headers only for an allowed `Origin`, never a wildcard or an echo of any origin. */
export function corsFromAllowList(allowed: ReadonlySet<string>): (request: Request) => CorsOptions {
  return (request) => {
    const origin = request.headers.get('origin');
    if (!origin || !allowed.has(origin)) return false;
    return { origin, credentials: true, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization', 'x-api-key'], maxAge: 600 };
  };
}

function jsonError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** Refuses every method but GET/POST (and CORS preflight) and every POST body that is not JSON. */
export function requestShapePlugin(): Plugin {
  return {
    onRequest({ request, endResponse }) {
      if (request.method === 'OPTIONS') return;
      if (request.method !== 'GET' && request.method !== 'POST') {
        endResponse(jsonError(405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed: use POST with application/json, or GET for queries`, { allow: 'GET, POST' }));
        return;
      }
      if (request.method === 'POST') {
        const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
        if (type !== 'application/json') {
          endResponse(jsonError(415, 'UNSUPPORTED_MEDIA_TYPE', `a POST body must be application/json, got ${JSON.stringify(type.slice(0, 100) || 'none')}`));
        }
      }
    },
  };
}

const SUGGESTION = /\s*Did you mean .*\?\s*$/s;

function withoutSuggestion(e: unknown): unknown {
  if (!(e instanceof GraphQLError) || !SUGGESTION.test(e.message)) return e;
  return new GraphQLError(e.message.replace(SUGGESTION, ''), { nodes: e.nodes ?? null, source: e.source ?? null, positions: e.positions ?? null, path: e.path ?? null, extensions: e.extensions });
}

/** No introspection (`__schema`, `__type`; `__typename` stays) and no "Did you mean …?" in any error. */
export function productionSchemaPlugin(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
      return ({ result, setResult }) => {
        if (result.some((e) => SUGGESTION.test(e.message))) setResult(result.map((e) => withoutSuggestion(e) as GraphQLError));
      };
    },
    onResultProcess({ result, setResult }) {
      const strip = (r: { errors?: readonly unknown[] }) => (r.errors?.some((e) => e instanceof GraphQLError && SUGGESTION.test(e.message)) ? { ...r, errors: r.errors.map(withoutSuggestion) } : r);
      if (Array.isArray(result)) setResult(result.map(strip) as never);
      else if (result && typeof result === 'object' && 'errors' in result) setResult(strip(result as { errors?: readonly unknown[] }) as never);
    },
  };
}
