/**
 * Property-based fuzzing of `loadEsco(dir)` (fast-check, seeded): a small valid export is written to a temp
 * folder with structured mutations (missing/renamed/reordered columns, missing files, duplicate rows, cycles
 * and unknown parents in broader relations, arbitrary or huge cells) and byte-level damage (truncation,
 * stray quotes, invalid UTF-8, NUL). Every case must resolve to a consistent TaxonomyData or reject with ONE
 * TaxonomyError from the catalog — never another exception, a hang (timeout) or a crash.
 * `npx tsx scripts/fuzz-long.ts` reruns this file with more cases (docs/RELIABILITY.md).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';
import { SkillGraph } from '../model/skill-graph.ts';
import type { TaxonomyData } from '../model/types.ts';
import { validateTaxonomy } from '../stores/validate-taxonomy.ts';
import { loadEsco } from './esco.ts';
import { FUZZ_SEED, fuzzOutcomes, fuzzRuns } from '../testing/fuzz.ts';

const { note, report } = fuzzOutcomes('loadEsco');
afterAll(report);

const X = 'http://data.europa.eu/esco/';
type Rows = string[][];
type Export = Record<string, Rows>;

/** A valid miniature ESCO v1.1.1 export (quoted commas, LF inside fields, padded labels, a DAG, a dangling occupation). */
function fixture(): Export {
  const skill = (id: string, type: string, reuse: string, label: string, alt: string, desc: string): string[] => ['KnowledgeSkillCompetence', `${X}skill/${id}`, type, reuse, label, alt, '', 'released', desc];
  return {
    'skills_en.csv': [
      ['conceptType', 'conceptUri', 'skillType', 'reuseLevel', 'preferredLabel', 'altLabels', 'hiddenLabels', 'status', 'description'],
      skill('a', 'skill/competence', 'cross-sector', 'handle knives ', 'cut with knives\nuse knives', 'Handle knives, safely.'),
      skill('b', 'skill/competence', 'sector-specific', 'sharpen knives', '', '"Hone" blades.'),
      skill('c', 'knowledge', '', 'metallurgy', 'metals\nalloys', 'Metals.'),
      skill('d', '', 'transversal', '\u00a0procurement legislation', '', ''),
      skill('e', 'knowledge', 'occupation-specific', 'Python (computer programming)', 'python', 'Code, test, ship.'),
    ],
    'skillGroups_en.csv': [
      ['conceptType', 'conceptUri', 'preferredLabel', 'status', 'description', 'code'],
      ['SkillGroup', `${X}skill/G0`, 'skills', 'released', '', 'S'],
      ['SkillGroup', `${X}skill/G1`, 'working with tools', 'released', 'Tools.', 'S1'],
      ['SkillGroup', `${X}isced-f/0613`, 'software', 'released', '', ''],
    ],
    'skillsHierarchy_en.csv': [
      ['Level 0 URI', 'Level 0 preferred term', 'Level 1 URI', 'Level 1 preferred term', 'Level 2 URI', 'Level 2 preferred term', 'Level 3 URI', 'Level 3 preferred term', 'Description', 'Scope note', 'Level 0 code', 'Level 1 code', 'Level 2 code', 'Level 3 code'],
      [`${X}skill/G0`, 'skills', '', '', '', '', '', '', '', '', 'S'],
      [`${X}skill/G0`, 'skills', `${X}skill/G1`, 'working with tools', '', '', '', '', 'Tools.', '', 'S', 'S1'],
      [`${X}skill/G0`, 'skills', `${X}skill/G1`, 'working with tools', `${X}skill/G2`, 'cutting', '', '', 'Cutting, things.', '', 'S', 'S1', 'S1.1'],
    ],
    'broaderRelationsSkillPillar.csv': [
      ['conceptType', 'conceptUri', 'broaderType', 'broaderUri'],
      ['SkillGroup', `${X}skill/G1`, 'SkillGroup', `${X}skill/G0`],
      ['SkillGroup', `${X}skill/G2`, 'SkillGroup', `${X}skill/G1`],
      ['SkillGroup', `${X}isced-f/0613`, 'SkillGroup', `${X}skill/G0`],
      ['KnowledgeSkillCompetence', `${X}skill/a`, 'SkillGroup', `${X}skill/G1`],
      ['KnowledgeSkillCompetence', `${X}skill/b`, 'KnowledgeSkillCompetence', `${X}skill/a`],
      ['KnowledgeSkillCompetence', `${X}skill/b`, 'SkillGroup', `${X}skill/G2`],
      ['KnowledgeSkillCompetence', `${X}skill/c`, 'SkillGroup', `${X}skill/G1`],
      ['KnowledgeSkillCompetence', `${X}skill/e`, 'SkillGroup', `${X}isced-f/0613`],
    ],
    'skillSkillRelations.csv': [
      ['originalSkillUri', 'originalSkillType', 'relationType', 'relatedSkillType', 'relatedSkillUri'],
      [`${X}skill/a`, 'knowledge', 'optional', 'knowledge', `${X}skill/c`],
      [`${X}skill/b`, 'skill/competence', 'essential', 'skill/competence', `${X}skill/a`],
    ],
    'ISCOGroups_en.csv': [
      ['conceptType', 'conceptUri', 'code', 'preferredLabel'],
      ['ISCOGroup', `${X}isco/C2`, '2', 'Professionals'],
      ['ISCOGroup', `${X}isco/C25`, '25', 'ICT professionals'],
      ['ISCOGroup', `${X}isco/C0110`, '0110', 'Commissioned armed forces officers'],
    ],
    'occupations_en.csv': [
      ['conceptType', 'conceptUri', 'iscoGroup', 'preferredLabel', 'altLabels', 'description', 'code'],
      ['Occupation', `${X}occupation/o1`, '25', 'cutler', 'knife maker\nblade smith', 'Makes knives, forks.', '2511.1'],
      ['Occupation', `${X}occupation/o2`, '25', 'sword smith', '', '', '2511.1.1'],
      ['Occupation', `${X}occupation/o3`, '0110', 'officer', '', 'Leads.', '0110.1'],
    ],
    'broaderRelationsOccPillar.csv': [
      ['conceptType', 'conceptUri', 'broaderType', 'broaderUri'],
      ['ISCOGroup', `${X}isco/C25`, 'ISCOGroup', `${X}isco/C2`],
      ['Occupation', `${X}occupation/o1`, 'ISCOGroup', `${X}isco/C25`],
      ['Occupation', `${X}occupation/o2`, 'Occupation', `${X}occupation/o1`],
      ['Occupation', `${X}occupation/o3`, 'ISCOGroup', `${X}isco/C0110`],
      ['Occupation', `${X}occupation/ghost`, 'Occupation', `${X}occupation/o1`],
    ],
    'occupationSkillRelations.csv': [
      ['occupationUri', 'relationType', 'skillType', 'skillUri'],
      [`${X}occupation/o1`, 'essential', 'skill/competence', `${X}skill/a`],
      [`${X}occupation/o1`, 'optional', 'skill/competence', `${X}skill/b`],
      [`${X}occupation/o2`, 'essential', 'knowledge', `${X}skill/c`],
      [`${X}occupation/o3`, 'optional', 'knowledge', `${X}skill/e`],
      [`${X}occupation/ghost`, 'optional', 'skill/competence', `${X}skill/a`],
    ],
  };
}

const FILES = Object.keys(fixture());
/** The reference columns of each file (where an unknown id or a cycle can be planted). */
const REFERENCE_FILES = ['broaderRelationsSkillPillar.csv', 'broaderRelationsOccPillar.csv', 'skillSkillRelations.csv', 'occupationSkillRelations.csv'];

function csvField(value: string): string {
  return /[",\n\r]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
/** As ESCO writes it: records end in CRLF, fields may hold LF. */
function toCsv(rows: Rows): string {
  return rows.map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
}

type RowMutation =
  | { kind: 'dropFile'; file: number }
  | { kind: 'renameColumn'; file: number; column: number; name: string }
  | { kind: 'dropColumn'; file: number; column: number }
  | { kind: 'duplicateRow'; file: number; row: number }
  | { kind: 'dropRow'; file: number; row: number }
  | { kind: 'cell'; file: number; row: number; column: number; value: string }
  | { kind: 'unknownRef'; file: number; row: number; column: number }
  | { kind: 'cycle'; length: number; pillar: 'skill' | 'occupation' };

type ByteMutation =
  | { kind: 'truncate'; file: number; at: number }
  | { kind: 'insert'; file: number; at: number; bytes: readonly number[] }
  | { kind: 'flip'; file: number; at: number; byte: number };

const cellValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', ' ', '"', '""', '"a"b', 'a,b', 'a\nb', 'a\r\nb', '\u0000', '\uFEFF', 'essential', 'related', 'knowledge', 'skill/competence', '25', `${X}skill/a`, `${X}skill/G0`, `${X}occupation/o1`, `${X}isco/C25`),
  fc.integer({ min: 100_000, max: 400_000 }).map((n) => 'x'.repeat(n)),
);

const rowMutation: fc.Arbitrary<RowMutation> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dropFile' as const), file: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('renameColumn' as const), file: fc.nat(), column: fc.nat(), name: fc.constantFrom('', 'conceptURI', ' conceptUri ', 'x', 'broaderUri', 'preferredLabel') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('dropColumn' as const), file: fc.nat(), column: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('duplicateRow' as const), file: fc.nat(), row: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('dropRow' as const), file: fc.nat(), row: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('cell' as const), file: fc.nat(), row: fc.nat(), column: fc.nat(), value: cellValue }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('unknownRef' as const), file: fc.nat(), row: fc.nat(), column: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cycle' as const), length: fc.integer({ min: 1, max: 4 }), pillar: fc.constantFrom('skill' as const, 'occupation' as const) }) },
);

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), file: fc.nat(), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    file: fc.nat(),
    at: fc.nat(),
    bytes: fc.oneof(fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0x00], [0x22], [0x22, 0x0a], [0x0d], [0xef, 0xbb, 0xbf], [0x2c, 0x2c]), fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 })),
  }),
  fc.record({ kind: fc.constant('flip' as const), file: fc.nat(), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
);

function applyRowMutation(files: Export, m: RowMutation): void {
  const names = Object.keys(files);
  if (names.length === 0) return;
  if (m.kind === 'cycle') {
    // child → parent edges closing a loop over existing nodes: a → b → … → a.
    const nodes = m.pillar === 'skill' ? ['skill/a', 'skill/b', 'skill/c', 'skill/G1'] : ['occupation/o1', 'occupation/o2', 'occupation/o3'];
    const file = m.pillar === 'skill' ? 'broaderRelationsSkillPillar.csv' : 'broaderRelationsOccPillar.csv';
    const loop = nodes.slice(0, Math.min(m.length, nodes.length));
    const rows = files[file];
    if (!rows) return;
    loop.forEach((child, i) => rows.push(['x', `${X}${child}`, 'x', `${X}${loop[(i + 1) % loop.length]}`]));
    return;
  }
  if (m.kind === 'unknownRef') {
    const refs = names.filter((n) => REFERENCE_FILES.includes(n));
    const rows = files[refs[m.file % Math.max(1, refs.length)] as string];
    if (!rows || rows.length < 2) return;
    const row = rows[1 + (m.row % (rows.length - 1))] as string[];
    const uriColumns = row.map((v, i) => (v.startsWith('http') ? i : -1)).filter((i) => i >= 0);
    if (uriColumns.length) row[uriColumns[m.column % uriColumns.length] as number] = `${X}unknown/${m.row}`;
    return;
  }
  const name = names[m.file % names.length] as string;
  const rows = files[name] as Rows;
  const header = rows[0] as string[];
  switch (m.kind) {
    case 'dropFile':
      delete files[name];
      return;
    case 'renameColumn':
      header[m.column % header.length] = m.name;
      return;
    case 'dropColumn': {
      const c = m.column % header.length;
      for (const r of rows) r.splice(c, 1);
      return;
    }
    case 'duplicateRow':
      if (rows.length > 1) rows.push([...(rows[1 + (m.row % (rows.length - 1))] as string[])]);
      return;
    case 'dropRow':
      if (rows.length > 1) rows.splice(1 + (m.row % (rows.length - 1)), 1);
      return;
    case 'cell': {
      const r = rows[m.row % rows.length] as string[];
      r[m.column % Math.max(1, r.length)] = m.value;
    }
  }
}

function applyByteMutation(bytes: Map<string, Buffer>, m: ByteMutation): void {
  const names = [...bytes.keys()];
  if (names.length === 0) return;
  const name = names[m.file % names.length] as string;
  const b = bytes.get(name) as Buffer;
  const at = b.length === 0 ? 0 : m.at % b.length;
  if (m.kind === 'truncate') bytes.set(name, b.subarray(0, at));
  else if (m.kind === 'insert') bytes.set(name, Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]));
  else if (b.length > 0) {
    const copy = Buffer.from(b);
    copy[at] = m.byte;
    bytes.set(name, copy);
  }
}

const CODES = new Set<string>(Object.values(TaxonomyErrorCode));
let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'esco-fuzz-'));
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** The loader's outcome within `ms`: 'ok' (checked for consistency) or the TaxonomyError code. */
async function loadOutcome(bytes: Map<string, Buffer>, ms = 15_000): Promise<{ outcome: string; data?: TaxonomyData }> {
  const folder = await mkdtemp(join(root, 'case-'));
  try {
    for (const [name, b] of bytes) await writeFile(join(folder, name), b);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`loadEsco did not settle within ${ms} ms`)), ms);
    });
    try {
      const data = await Promise.race([loadEsco(folder), timeout]);
      // A successful load is consistent: every store accepts it and the read model builds.
      validateTaxonomy(data);
      SkillGraph.fromData(data);
      return { outcome: 'ok', data };
    } catch (e) {
      if (e instanceof TaxonomyError && CODES.has(e.code)) {
        expect(e.location.file ?? e.location.field, e.message).toBeTruthy(); // every error says where
        return { outcome: e.code };
      }
      throw new Error(`loadEsco threw ${(e as Error)?.name}: ${(e as Error)?.message}\n${(e as Error)?.stack?.split('\n').slice(1, 6).join('\n')}`, { cause: e });
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
const encode = (files: Export): Map<string, Buffer> => new Map(Object.entries(files).map(([n, rows]) => [n, Buffer.from(toCsv(rows), 'utf8')]));

describe('loadEsco (fuzz)', () => {
  it('the unmutated fixture loads (5 skills, 4 groups, 3 occupations)', async () => {
    const { outcome, data } = await loadOutcome(encode(fixture()));
    expect(outcome).toBe('ok');
    expect([data?.skills.length, data?.groups.length, data?.occupations.length]).toEqual([5, 4, 3]);
  });

  it('reordering columns and rows of every file gives the same taxonomy (up to order)', async () => {
    const sorted = (d: TaxonomyData) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, (v as unknown[]).map((x) => JSON.stringify(x)).sort()]));
    const base = sorted((await loadOutcome(encode(fixture()))).data as TaxonomyData);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: FILES.length * 2, maxLength: FILES.length * 2 }), async (keys) => {
        const files = fixture();
        FILES.forEach((name, f) => {
          const rows = files[name] as Rows;
          const width = (rows[0] as string[]).length;
          const order = [...Array(width).keys()].sort((a, b) => ((a * 7919 + (keys[f] as number)) % width) - ((b * 7919 + (keys[f] as number)) % width));
          // skillsHierarchy is ragged (rows shorter than the header): pad before permuting.
          const permuted = rows.map((r) => order.map((i) => r[i] ?? ''));
          const [head, ...body] = permuted;
          // Rows may reorder except where order is meaning (hierarchy parents first): rotate instead of shuffle.
          const k = body.length ? (keys[FILES.length + f] as number) % body.length : 0;
          files[name] = name === 'skillsHierarchy_en.csv' ? permuted : [head as string[], ...body.slice(k), ...body.slice(0, k)];
        });
        const { outcome, data } = await loadOutcome(encode(files));
        expect(outcome).toBe('ok');
        const got = sorted(data as TaxonomyData);
        // Occupation parentIds follow the relation file's row order; compare them as sets.
        expect({ ...got, occupations: undefined }).toEqual({ ...base, occupations: undefined });
        expect(got['occupations']?.length).toBe(base['occupations']?.length);
        note('reordered columns/rows', outcome);
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(40, 0.05) },
    );
  });

  it('structurally mutated exports (missing files/columns, duplicates, cycles, unknown parents, odd or huge cells) → data or one coded TaxonomyError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowMutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        const files = fixture();
        for (const m of mutations) applyRowMutation(files, m);
        const { outcome } = await loadOutcome(encode(files));
        if (mutations.some((m) => m.kind === 'cycle') && outcome === 'ok') throw new Error('a broader cycle was accepted');
        note('structural mutations', outcome);
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(120, 0.05) },
    );
  });

  it('byte-level damage (truncation, stray quotes, invalid UTF-8, NUL, BOM) → data or one coded TaxonomyError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(byteMutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        const bytes = encode(fixture());
        for (const m of mutations) applyByteMutation(bytes, m);
        note('byte damage', (await loadOutcome(bytes)).outcome);
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(120, 0.05) },
    );
  });

  it('every planted cycle (length 1–4, either pillar) → CYCLE', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.constantFrom('skill' as const, 'occupation' as const), async (length, pillar) => {
        const files = fixture();
        applyRowMutation(files, { kind: 'cycle', length, pillar });
        const { outcome } = await loadOutcome(encode(files));
        // A 1-cycle is self-broader; longer loops through the fixture's existing edges may first hit a duplicate edge.
        expect([TaxonomyErrorCode.Cycle, TaxonomyErrorCode.DuplicateId]).toContain(outcome);
        note('planted cycles', outcome);
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(16, 0.002) },
    );
  });
});
