import { describe, expect, it } from 'vitest';
import { parseJsonDocuments, parseJsonLenient } from './json-lenient.ts';
import { errorOf } from './test-helpers.ts';

describe('parseJsonLenient', () => {
  it('parses strict JSON to the one value', () => {
    expect(parseJsonLenient('{"a": [1, 2]}')).toEqual({ a: [1, 2] });
  });

  it('strips // and /* */ comments outside strings but keeps // inside strings', () => {
    const text = '//header\n{ /* note */ "url": "https://x.org/a//b", "...": "//Other competencies" // tail\n}';
    expect(parseJsonLenient(text)).toEqual({ url: 'https://x.org/a//b', '...': '//Other competencies' });
  });

  it('splits concatenated top-level objects into an array of values', () => {
    expect(parseJsonLenient('{"a":1}\n\n{"b":2}\n{"c":3}')).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
    expect(parseJsonDocuments('[1]\n[2]')).toEqual([[1], [2]]);
  });

  it('drops trailing commas before } and ]', () => {
    expect(parseJsonLenient('{"a": [1, 2, ], "b": 1, }')).toEqual({ a: [1, 2], b: 1 });
  });

  it('keeps escaped quotes inside strings', () => {
    expect(parseJsonLenient('{"a": "say \\"hi\\" // not a comment"}')).toEqual({ a: 'say "hi" // not a comment' });
  });

  it('throws INVALID_JSON with line and column for a truncated document', () => {
    const e = errorOf(() => parseJsonLenient('{\n  "a": {\n    "b": 1\n'));
    expect(e.code).toBe('INVALID_JSON');
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/truncated/);
  });

  it('throws INVALID_JSON at the double comma', () => {
    const e = errorOf(() => parseJsonLenient('{\n "a": 1,,\n "b": 2\n}'));
    expect(e.code).toBe('INVALID_JSON');
    expect(e.line).toBe(2);
    expect(e.column).toBe(9);
  });

  it('throws INVALID_JSON at a missing colon', () => {
    const e = errorOf(() => parseJsonLenient('{"name": { "Environmental Hazard Types" }}'));
    expect(e).toMatchObject({ code: 'INVALID_JSON', line: 1 });
  });

  it('throws INVALID_JSON for an empty or comment-only document and a mismatched bracket', () => {
    expect(errorOf(() => parseJsonLenient('  // nothing\n')).code).toBe('INVALID_JSON');
    expect(errorOf(() => parseJsonLenient('{"a": [1}')).code).toBe('INVALID_JSON');
    expect(errorOf(() => parseJsonLenient('{"a": 1 /* open')).code).toBe('INVALID_JSON');
  });
});

describe('parseJsonLenient: examples copied as published', () => {
  it('accepts raw line breaks and tabs inside strings and keeps them', () => {
    expect(parseJsonLenient('{"description": "line one\nline two\r\n\tindented", "k": 1}')).toEqual({ description: 'line one\nline two\r\n\tindented', k: 1 });
    expect(parseJsonLenient('{"a": "x"}\n{"b": "y\nz"}')).toEqual([{ a: 'x' }, { b: 'y\nz' }]);
  });
  it('still reports a real syntax error at its line and column', () => {
    expect(() => parseJsonLenient('{"a": "raw\nnewline", "b" 2}')).toThrow(expect.objectContaining({ code: 'INVALID_JSON', line: 2, column: 15 }));
  });
});
