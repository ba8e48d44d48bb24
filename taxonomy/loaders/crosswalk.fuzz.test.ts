/**
 * Property-based fuzzing of `loadCrosswalk(file)` (fast-check, seeded) on the first rows of the real Nesta
 * crosswalk: odd cells, duplicate rows, missing columns, broken quoting, truncation, invalid UTF-8 and
 * arbitrary option values. Every case must resolve to entries or reject with ONE coded TaxonomyError.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';
import { loadCrosswalk, type CrosswalkLoadOptions } from './crosswalk.ts';
import { sharedPath } from './shared-path.ts';
import { FUZZ_SEED, fuzzOutcomes, fuzzRuns } from '../testing/fuzz.ts';

const { note, report } = fuzzOutcomes('loadCrosswalk');
afterAll(report);

/** Header + 60 real records (CRLF-free lines; no field of these rows spans lines). */
const REAL = readFileSync(sharedPath('datasets', 'onet-esco-crosswalk-nesta', 'esco_onet_crosswalk_Nov2020.csv'), 'utf8').split(/\r?\n/).slice(0, 61);
const ERROR_CODES = new Set<string>(Object.values(TaxonomyErrorCode));

type Mutation =
  | { kind: 'line'; row: number; op: 'duplicate' | 'drop' }
  | { kind: 'field'; row: number; column: number; value: string }
  | { kind: 'header'; column: number; name: string }
  | { kind: 'bytes'; at: number; bytes: readonly number[] }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('line' as const), row: fc.nat(), op: fc.constantFrom('duplicate' as const, 'drop' as const) }),
  fc.record({
    kind: fc.constant('field' as const),
    row: fc.nat(),
    column: fc.nat(),
    value: fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom('', '"', '"a,b"', '"a""b"', '"unterminated', 'NaN', '-1', '1e999', 'Infinity', ' 2.0 ', '11-1011', '11-1011.00', 'http://', 'http://x y', 'ftp://x'),
      fc.integer({ min: 50_000, max: 500_000 }).map((n) => `"${'z'.repeat(n)}"`),
    ),
  }),
  fc.record({ kind: fc.constant('header' as const), column: fc.nat(), name: fc.constantFrom('', 'onet_code ', 'ONET_CODE', 'confidence', 'x') }),
  fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.constantFrom([0xff], [0xc3], [0x00], [0x22], [0x0d], [0xef, 0xbb, 0xbf], [0xed, 0xa0, 0x80], [0x2c]) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

/** Splits a line on commas outside quotes (enough for these rows). */
const fieldsOf = (line: string): string[] => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((f) => f.replace(/,$/, '')).slice(0, -1) ?? [line];

function mutate(ms: readonly Mutation[]): Buffer {
  const lines = [...REAL];
  let bytes: Buffer | null = null;
  for (const m of ms) {
    if (bytes === null && (m.kind === 'bytes' || m.kind === 'truncate')) bytes = Buffer.from(lines.join('\r\n'), 'utf8');
    if (m.kind === 'bytes' || m.kind === 'truncate') {
      const b = bytes as Buffer;
      const at = b.length === 0 ? 0 : m.at % b.length;
      bytes = m.kind === 'truncate' ? b.subarray(0, at) : Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
      continue;
    }
    if (bytes !== null) continue; // line-level edits only before byte damage
    if (m.kind === 'header') {
      const h = fieldsOf(lines[0] as string);
      h[m.column % h.length] = m.name;
      lines[0] = h.join(',');
    } else if (m.kind === 'line') {
      const i = 1 + (m.row % (lines.length - 1));
      if (m.op === 'duplicate') lines.push(lines[i] as string);
      else if (lines.length > 2) lines.splice(i, 1);
    } else {
      const i = 1 + (m.row % (lines.length - 1));
      const f = fieldsOf(lines[i] as string);
      f[m.column % f.length] = m.value;
      lines[i] = f.join(',');
    }
  }
  return bytes ?? Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'crosswalk-fuzz-'));
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function loadOutcome(content: Buffer, opts?: CrosswalkLoadOptions, ms = 15_000): Promise<string> {
  const file = join(root, 'crosswalk.csv');
  await writeFile(file, content);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`loadCrosswalk did not settle within ${ms} ms`)), ms);
  });
  try {
    const entries = await Promise.race([loadCrosswalk(file, opts), timeout]);
    const keys = new Set(entries.map((e) => `${e.escoOccupationId} ${e.onetCode}`));
    expect(keys.size).toBe(entries.length);
    for (const e of entries) expect(Number.isFinite(e.confidence) && e.confidence >= 0 && /^\d{2}-\d{4}\.\d{2}$/.test(e.onetCode)).toBe(true);
    return 'ok';
  } catch (e) {
    if (e instanceof TaxonomyError && ERROR_CODES.has(e.code)) return e.code;
    throw new Error(`loadCrosswalk threw ${(e as Error)?.name}: ${(e as Error)?.message}\n${(e as Error)?.stack?.split('\n').slice(1, 6).join('\n')}`, { cause: e });
  } finally {
    clearTimeout(timer);
  }
}

describe('loadCrosswalk (fuzz)', () => {
  it('the unmutated real rows load', async () => {
    expect(await loadOutcome(mutate([]))).toBe('ok');
  });

  it('mutated real rows → entries or one coded TaxonomyError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (ms) => {
        note('mutated rows', await loadOutcome(mutate(ms)));
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(200, 0.1) },
    );
  });

  it('regression (fuzz seed 42): an option value whose String() throws is INVALID_VALUE, not a TypeError', async () => {
    const content = mutate([]);
    expect(await loadOutcome(content, { escoOccupationIds: { toString: false } } as never)).toBe(TaxonomyErrorCode.InvalidValue);
    expect(await loadOutcome(content, { onetCodes: Object.create(null) } as never)).toBe(TaxonomyErrorCode.InvalidValue);
  });

  it('arbitrary options → INVALID_VALUE or entries, never another exception', async () => {
    const content = mutate([]);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything({ maxDepth: 1, withNullPrototype: true, withBigInt: true, withMap: true, withSet: true }),
          fc.record(
            {
              escoOccupationIds: fc.oneof(fc.anything({ maxDepth: 1, withNullPrototype: true }), fc.constant(new Set(['x']))),
              onetCodes: fc.anything({ maxDepth: 1, withNullPrototype: true }),
              onProgress: fc.anything({ maxDepth: 0 }),
            },
            { requiredKeys: [] },
          ),
        ),
        async (opts) => {
          note('options', await loadOutcome(content, opts as CrosswalkLoadOptions));
        },
      ),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(100, 0.05) },
    );
  });
});
