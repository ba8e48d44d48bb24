/**
 * Property-based fuzzing of `parseJsonLenient` (fast-check, seeded). `npm test` runs a fixed number of
 * cases; `npx tsx scripts/fuzz-long.ts` reruns these files with SKILLGRAPH_FUZZ_RUNS / SKILLGRAPH_FUZZ_SEED
 * (see docs/RELIABILITY.md).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestError, IngestErrorCode } from './errors.ts';
import { parseJsonDocuments, parseJsonLenient } from './json-lenient.ts';
import { FUZZ_SEED, fuzzOutcomes, fuzzRuns } from '../../taxonomy/testing/fuzz.ts';

const { note, report } = fuzzOutcomes('parseJsonLenient');
afterAll(report);

/** Parse, and classify: 'ok', or the IngestError code. Any other exception fails the property. */
function outcome(text: string): { value?: unknown; error?: IngestError } {
  try {
    return { value: parseJsonLenient(text) };
  } catch (e) {
    if (e instanceof IngestError) return { error: e };
    throw new Error(`parseJsonLenient threw ${(e as Error)?.name}: ${(e as Error)?.message} for ${JSON.stringify(text.slice(0, 200))}`, { cause: e });
  }
}

/** A syntax error points inside the text: 1 ≤ line ≤ lines, 1 ≤ column ≤ that line's length + 1. */
function expectLocated(text: string, e: IngestError): void {
  expect(e.code).toBe(IngestErrorCode.InvalidJson);
  const lines = text.split('\n');
  expect(e.line).toBeGreaterThanOrEqual(1);
  expect(e.line).toBeLessThanOrEqual(lines.length);
  expect(e.column).toBeGreaterThanOrEqual(1);
  expect(e.column).toBeLessThanOrEqual((lines[(e.line as number) - 1] as string).length + 1);
}

/** JSON's own view of a value (drops -0, undefined, …). */
const canonical = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** Text that looks like JSON: JSON tokens, comments, commas and brackets mixed with arbitrary strings. */
const jsonish = fc
  .array(
    fc.oneof(
      fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', '//', '/*', '*/', '\n', ' ', 'null', 'true', '1e9', '-0', '"a"', '\uFEFF'),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('parseJsonLenient (fuzz)', () => {
  it('any string (incl. lone surrogates) → a value or one located INVALID_JSON, never another exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), jsonish), (text) => {
        const r = outcome(text);
        if (r.error) expectLocated(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text, r.error);
        note('arbitrary text', r.error ? r.error.code : 'ok');
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(3000) },
    );
  });

  it('strict JSON of any value (pretty or compact) → the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (v, pretty) => {
        const text = pretty ? JSON.stringify(v, null, 2) : JSON.stringify(v);
        expect(parseJsonLenient(text)).toEqual(canonical(v));
        note('round trip', 'ok');
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(2000) },
    );
  });

  it('comments, trailing commas and a BOM around any object or array change nothing', () => {
    const container = fc.oneof(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1 }), fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 1 }));
    fc.assert(
      fc.property(container, fc.string().filter((s) => !s.includes('*/') && !/[\n\r]/.test(s)), fc.boolean(), (v, remark, bom) => {
        const body = JSON.stringify(v, null, 1).replace(/\n(\s*)([}\]])$/, ',\n$1$2'); // trailing comma before the last bracket
        const text = `${bom ? '\uFEFF' : ''}/* ${remark} */\n// ${remark}\n${body} // ${remark}\n`;
        expect(parseJsonLenient(text)).toEqual(canonical(v));
        note('comments + trailing comma', 'ok');
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(1500) },
    );
  });

  it('k ≥ 2 concatenated objects/arrays → an array of the k values', () => {
    const container = fc.oneof(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), fc.array(fc.jsonValue({ maxDepth: 2 })));
    fc.assert(
      fc.property(fc.array(container, { minLength: 2, maxLength: 5 }), fc.constantFrom('\n', '\n\n', ' ', ''), (values, sep) => {
        const text = values.map((v) => JSON.stringify(v)).join(sep);
        expect(parseJsonDocuments(text)).toEqual(values.map(canonical));
        expect(parseJsonLenient(text)).toEqual(values.map(canonical));
        note('concatenated', 'ok');
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(1000) },
    );
  });

  it('any strict JSON document cut short → INVALID_JSON located inside the text', () => {
    const doc = fc.oneof(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1 }), fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 1 }));
    fc.assert(
      fc.property(doc, fc.nat(), (v, cut) => {
        const full = JSON.stringify(v, null, 2);
        const text = full.slice(0, 1 + (cut % (full.length - 1)));
        const r = outcome(text);
        expect(r.error, `accepted a truncated document: ${text.slice(0, 120)}`).toBeDefined();
        expectLocated(text, r.error as IngestError);
        note('truncated', (r.error as IngestError).code);
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(2000) },
    );
  });

  it('nesting 10k levels deep (balanced, unbalanced, mixed) → a value or INVALID_JSON, no stack overflow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 10_000 }), fc.constantFrom('[', '{"a":'), fc.integer({ min: -2, max: 2 }), (depth, open, skew) => {
        const close = open === '[' ? ']' : '}';
        const text = `${open.repeat(depth)}${open === '[' ? '' : '1'}${close.repeat(Math.max(0, depth + skew))}`;
        const r = outcome(text);
        if (skew === 0) expect(r.error).toBeUndefined();
        else expectLocated(text, r.error as IngestError);
        note('deep nesting', r.error ? r.error.code : 'ok');
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(40, 0.01) },
    );
  });
});
