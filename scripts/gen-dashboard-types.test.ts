import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { generateSchemaTypes } from './gen-dashboard-types.ts';

const REPO = join(import.meta.dirname, '..');

describe('generateSchemaTypes', () => {
  it('emits enums as unions, nullable as `| null`, lists as ReadonlyArray, inputs with optional fields, args interfaces', () => {
    const sdl = `
      enum Kind { A B }
      input In { id: ID! note: String }
      union U = T | V
      type V { x: Int }
      """A thing"""
      type T { id: ID! kinds: [Kind!]! score: Float tags: [String] }
      type Query { t(id: ID!, first: Int): T u: U }
    `;
    const out = generateSchemaTypes(buildSchema(sdl), 'test.graphql');
    expect(out).toContain(`export type Kind = 'A' | 'B';`);
    expect(out).toContain('export interface In {\n  readonly id: string;\n  readonly note?: string | null;\n}');
    expect(out).toContain('/** A thing */\nexport interface T {');
    expect(out).toContain('  readonly kinds: ReadonlyArray<Kind>;');
    expect(out).toContain('  readonly score: number | null;');
    expect(out).toContain('  readonly tags: ReadonlyArray<string | null> | null;');
    expect(out).toContain('export type U = T | V;');
    expect(out).toContain('export interface QueryTArgs {\n  readonly id: string;\n  readonly first?: number | null;\n}');
  });

  it('the committed dashboard/generated/schema-types.ts matches api/schema.graphql (regenerating leaves no diff)', () => {
    const text = generateSchemaTypes(buildSchema(readFileSync(join(REPO, 'api', 'schema.graphql'), 'utf8')), 'api/schema.graphql');
    expect(readFileSync(join(REPO, 'dashboard', 'generated', 'schema-types.ts'), 'utf8')).toBe(text);
  });
});
