import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaSdl } from './schema/sdl.ts';

describe('api/schema.graphql', () => {
  it('matches the schema built from api/schema/*.ts (run `npm run gen:schema` when this fails)', () => {
    const committed = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');
    expect(committed === schemaSdl(), 'api/schema.graphql is stale: run `npm run gen:schema`').toBe(true);
  });
});
