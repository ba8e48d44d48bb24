import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.ts';
import { createClient } from './client.ts';
import { OPERATIONS } from './queries.ts';

const schema = buildSchema(readFileSync(join(import.meta.dirname, '..', '..', '..', 'api', 'schema.graphql'), 'utf8'));

describe('dashboard GraphQL operations', () => {
  for (const [name, query] of Object.entries(OPERATIONS)) {
    it(`${name} validates against api/schema.graphql`, () => {
      expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
    });
  }

});

describe('createClient', () => {
  it('request sends the bearer key and JSON body, and returns data', async () => {
    let seen: RequestInit | undefined;
    const client = createClient({
      key: () => 'k1',
      fetch: async (_url, init) => {
        seen = init;
        return new Response(JSON.stringify({ data: { ok: 1 } }), { status: 200 });
      },
    });
    expect(await client.request<{ ok: number }>('{ ok }', { a: 1 })).toEqual({ ok: 1 });
    expect((seen!.headers as Record<string, string>).authorization).toBe('Bearer k1');
    expect(JSON.parse(String(seen?.body))).toEqual({ query: '{ ok }', variables: { a: 1 } });
  });

  it('request turns a GraphQL error into one ApiError with the API code', async () => {
    const client = createClient({ key: () => null, fetch: async () => new Response(JSON.stringify({ errors: [{ message: 'no key', extensions: { code: 'UNAUTHENTICATED' } }] }), { status: 401 }) });
    await expect(client.request('{ x }')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'no key' });
  });

  it('request reports an unreachable server as NETWORK', async () => {
    const client = createClient({ key: () => null, fetch: async () => { throw new TypeError('fetch failed'); } });
    const err = await client.request('{ x }').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('NETWORK');
  });
});
