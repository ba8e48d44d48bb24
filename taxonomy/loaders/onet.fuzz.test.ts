/**
 * Property-based fuzzing of `loadOnet(dir)` (fast-check, seeded) on a slice of the real O*NET 29.2 release
 * (4 occupations, all their rows): missing files/columns, duplicate rows, odd cells (n/a, NaN, out-of-range
 * weights, bad SOC codes, huge text), truncation, stray quotes, invalid UTF-8. Every case must resolve to a
 * consistent TaxonomyData or reject with ONE coded TaxonomyError — never another exception or a hang.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';
import { SkillGraph } from '../model/skill-graph.ts';
import type { TaxonomyData } from '../model/types.ts';
import { validateTaxonomy } from '../stores/validate-taxonomy.ts';
import { loadOnet, type OnetLoadOptions } from './onet.ts';
import { sharedPath } from './shared-path.ts';
import { FUZZ_SEED, fuzzOutcomes, fuzzRuns } from '../testing/fuzz.ts';

const { note, report } = fuzzOutcomes('loadOnet');
afterAll(report);

const ONET = sharedPath('datasets', 'onet-29.2');
const CODES = ['15-1252.00', '15-1299.08', '29-1141.00', '29-1141.01'];
const FILES = ['occupation_data.txt', 'skills.txt', 'knowledge.txt', 'content_model_reference.txt', 'technology_skills.txt', 'alternate_titles.txt', 'task_statements.txt'];
type Table = string[][];

/** The real files, cut to the rows of CODES (content model: skills, knowledge and technology elements). */
let slice: Record<string, Table> | undefined;
function realSlice(): Record<string, Table> {
  slice ??= readSlice();
  return Object.fromEntries(Object.entries(slice).map(([n, t]) => [n, t.map((r) => [...r])]));
}
function readSlice(): Record<string, Table> {
  const out: Record<string, Table> = {};
  for (const name of FILES) {
    const [header, ...rows] = readFileSync(join(ONET, name), 'utf8').split('\r\n').filter((l) => l !== '').map((l) => l.split('\t'));
    const keep = name === 'content_model_reference.txt' ? rows.filter((r) => /^(2(\.[AC].*)?|5(\.F(\.1)?)?)$/.test(r[0] as string)) : rows.filter((r) => CODES.includes(r[0] as string));
    out[name] = [header as string[], ...keep.slice(0, 400)];
  }
  return out;
}

type Mutation =
  | { kind: 'dropFile'; file: number }
  | { kind: 'renameColumn'; file: number; column: number }
  | { kind: 'duplicateRow'; file: number; row: number }
  | { kind: 'cell'; file: number; row: number; column: number; value: string }
  | { kind: 'truncate'; file: number; at: number }
  | { kind: 'insert'; file: number; at: number; bytes: readonly number[] };

const cell = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', 'n/a', 'N/A', 'NaN', '-1', '0', '5', '5.01', '7', '7.5', '1e999', '0x10', ' 3 ', 'Y', 'N', 'X', 'IM', 'LV', 'XX', '15-1252.00', '15-1252', '2.A.1.a', '2.A', '43232405', '4323240', '"', '\t', '\r', '\n'),
  fc.integer({ min: 50_000, max: 600_000 }).map((n) => 'w'.repeat(n)),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dropFile' as const), file: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('renameColumn' as const), file: fc.nat(), column: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicateRow' as const), file: fc.nat(), row: fc.nat() }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('cell' as const), file: fc.nat(), row: fc.nat(), column: fc.nat(), value: cell }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), file: fc.nat(), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('insert' as const), file: fc.nat(), at: fc.nat(), bytes: fc.constantFrom([0xff], [0xc3], [0x00], [0x22], [0x09], [0x0d, 0x0a], [0xef, 0xbb, 0xbf], [0xed, 0xa0, 0x80]) }),
  },
);

function apply(tables: Record<string, Table>, bytes: Map<string, Buffer>, m: Mutation): void {
  const names = [...bytes.keys()];
  if (names.length === 0) return;
  const name = names[m.file % names.length] as string;
  if (m.kind === 'dropFile') {
    bytes.delete(name);
    return;
  }
  if (m.kind === 'truncate' || m.kind === 'insert') {
    const b = bytes.get(name) as Buffer;
    const at = b.length === 0 ? 0 : m.at % b.length;
    bytes.set(name, m.kind === 'truncate' ? b.subarray(0, at) : Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]));
    return;
  }
  const t = tables[name] as Table;
  if (m.kind === 'renameColumn') {
    const h = t[0] as string[];
    h[m.column % h.length] = `${h[m.column % h.length]}?`;
  } else if (m.kind === 'duplicateRow') {
    if (t.length > 1) t.push([...(t[1 + (m.row % (t.length - 1))] as string[])]);
  } else {
    const r = t[m.row % t.length] as string[];
    r[m.column % r.length] = m.value;
  }
  bytes.set(name, encodeTable(t));
}

const encodeTable = (t: Table): Buffer => Buffer.from(t.map((r) => `${r.join('\t')}\r\n`).join(''), 'utf8');
const ERROR_CODES = new Set<string>(Object.values(TaxonomyErrorCode));

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'onet-fuzz-'));
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function loadOutcome(bytes: Map<string, Buffer>, ms = 15_000, opts: unknown = { tasks: true }): Promise<{ outcome: string; data?: TaxonomyData }> {
  const folder = await mkdtemp(join(root, 'case-'));
  let timer: NodeJS.Timeout | undefined;
  try {
    for (const [name, b] of bytes) await writeFile(join(folder, name), b);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`loadOnet did not settle within ${ms} ms`)), ms);
    });
    const data = await Promise.race([loadOnet(folder, opts as OnetLoadOptions), timeout]);
    validateTaxonomy(data);
    SkillGraph.fromData(data);
    return { outcome: 'ok', data };
  } catch (e) {
    if (e instanceof TaxonomyError && ERROR_CODES.has(e.code)) {
      expect(e.location.file ?? e.location.field, e.message).toBeTruthy(); // every error says where
      return { outcome: e.code };
    }
    throw new Error(`loadOnet threw ${(e as Error)?.name}: ${(e as Error)?.message}\n${(e as Error)?.stack?.split('\n').slice(1, 6).join('\n')}`, { cause: e });
  } finally {
    clearTimeout(timer);
    await rm(folder, { recursive: true, force: true });
  }
}

describe('loadOnet (fuzz)', () => {
  it('the unmutated real slice loads', async () => {
    const tables = realSlice();
    const { outcome, data } = await loadOutcome(new Map(Object.entries(tables).map(([n, t]) => [n, encodeTable(t)])));
    expect(outcome).toBe('ok');
    expect(data?.occupations.map((o) => o.code).sort()).toEqual([...CODES].sort());
  });

  it('mutated real files → data or one coded TaxonomyError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        const tables = realSlice();
        const bytes = new Map(Object.entries(tables).map(([n, t]) => [n, encodeTable(t)]));
        for (const m of mutations) apply(tables, bytes, m);
        note('mutated files', (await loadOutcome(bytes)).outcome);
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(100, 0.05) },
    );
  });

  it('arbitrary options (incl. null-prototype objects, bigint, toString: false) → INVALID_VALUE or data', async () => {
    const bytes = new Map(Object.entries(realSlice()).map(([n, t]) => [n, encodeTable(t)]));
    expect((await loadOutcome(bytes, 15_000, { onWarning: { toString: false } })).outcome).toBe(TaxonomyErrorCode.InvalidValue);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything({ maxDepth: 1, withNullPrototype: true, withBigInt: true, withMap: true }),
          fc.record({ technology: fc.anything({ maxDepth: 0 }), tasks: fc.anything({ maxDepth: 0 }), onProgress: fc.anything({ maxDepth: 0, withNullPrototype: true }), onWarning: fc.anything({ maxDepth: 1, withNullPrototype: true }) }, { requiredKeys: [] }),
        ),
        async (opts) => {
          note('options', (await loadOutcome(bytes, 15_000, opts)).outcome);
        },
      ),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(60, 0.01) },
    );
  });
});
