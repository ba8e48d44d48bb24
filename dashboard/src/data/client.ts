import { ApiError, ApiErrorCode } from './errors.ts';

export interface GraphQLClientOptions {
  /** Endpoint, default `/graphql`. */
  readonly endpoint?: string;
  /** Returns the current API key (or null: the request goes without Authorization). */
  readonly key: () => string | null;
  /** Injected fetch (the browser's by default). */
  readonly fetch?: typeof fetch;
}

export type Variables = Record<string, unknown>;

export interface GraphQLClient {
  request<T>(query: string, variables?: Variables, signal?: AbortSignal): Promise<T>;
}

interface Reply<T> {
  data?: T | null;
  errors?: ReadonlyArray<{ message: string; extensions?: { code?: string } }>;
}

const CODES: Record<string, ApiErrorCode> = {
  UNAUTHENTICATED: ApiErrorCode.Unauthenticated,
  FORBIDDEN: ApiErrorCode.Forbidden,
  RATE_LIMITED: ApiErrorCode.RateLimited,
};

/** POSTs `{query, variables}` with `authorization: Bearer <key>`; any error becomes one ApiError. */
export function createClient(options: GraphQLClientOptions): GraphQLClient {
  const endpoint = options.endpoint ?? '/graphql';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  return {
    async request<T>(query: string, variables: Variables = {}, signal?: AbortSignal): Promise<T> {
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
      const key = options.key();
      if (key) headers.authorization = `Bearer ${key}`;
      let res: Response;
      try {
        res = await doFetch(endpoint, { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal: signal ?? null });
      } catch (e) {
        if (signal?.aborted) throw e;
        throw new ApiError(ApiErrorCode.Network, `cannot reach ${endpoint}: ${(e as Error).message}`);
      }
      let body: Reply<T> | null = null;
      try {
        body = (await res.json()) as Reply<T>;
      } catch {
        body = null;
      }
      const first = body?.errors?.[0];
      if (first) {
        const code = CODES[first.extensions?.code ?? ''] ?? (res.status === 401 ? ApiErrorCode.Unauthenticated : ApiErrorCode.GraphQL);
        throw new ApiError(code, first.message);
      }
      if (!res.ok) {
        const code = res.status === 401 ? ApiErrorCode.Unauthenticated : res.status === 403 ? ApiErrorCode.Forbidden : ApiErrorCode.Http;
        throw new ApiError(code, `${endpoint} answered HTTP ${res.status}`);
      }
      if (!body?.data) throw new ApiError(ApiErrorCode.EmptyData, `${endpoint} returned no data`);
      return body.data;
    },
  };
}
