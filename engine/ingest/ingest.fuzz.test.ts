/**
 * Property-based fuzzing of `ingestDocument` (fast-check, seeded): real and sample documents of every
 * supported format, mutated (fields deleted, wrong types, huge strings, 10k-level nesting, duplicate ids,
 * isPartOf/requires cycles), arbitrary JSON and arbitrary strings. Every case must return a well-formed
 * result or throw ONE IngestError — never a TypeError/RangeError/stack overflow.
 * `npx tsx scripts/fuzz-long.ts` reruns this file with more cases (docs/RELIABILITY.md).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestError, IngestErrorCode } from './errors.ts';
import { ingestDocument } from './ingest.ts';
import { INGEST_FORMATS, type IngestOptions, type IngestResult } from './types.ts';
import { FUZZ_SEED, fuzzOutcomes, fuzzRuns } from '../../taxonomy/testing/fuzz.ts';
import { SHARED } from './test-helpers.ts';

const { note, report } = fuzzOutcomes('ingestDocument');
afterAll(report);

// ---------------------------------------------------------------------------------------------- seeds

const EXAMPLES = resolve(SHARED, 'datasets/credential-examples');
const REPO_DATA = resolve(import.meta.dirname, '../../datasets');

function filesUnder(dir: string, exts: readonly string[]): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name), exts) : exts.some((e) => d.name.endsWith(e)) ? [join(dir, d.name)] : []))
    .sort();
}

const ESCO = 'http://data.europa.eu/esco/skill/c8ac1986-38fa-43b2-89dc-50a4beeb420e';
const badgeClass = {
  '@context': 'https://w3id.org/openbadges/v2',
  type: 'BadgeClass',
  id: 'https://example.org/badges/5',
  name: '3-D Printmaster',
  description: 'Awarded for passing the printer knowledge test.',
  criteria: { narrative: 'Students are tested on knowledge and safety.' },
  issuer: { type: 'Profile', id: 'https://example.org/organization', name: 'Example Maker Society' },
  alignment: [
    { targetName: 'electricity', targetUrl: ESCO, targetFramework: 'ESCO' },
    { targetName: 'Reading Comprehension', targetUrl: 'https://www.onetonline.org/', targetCode: '2.A.1.a', targetFramework: 'O*NET' },
  ],
  tags: ['3D', 'printing'],
};
const ob2Assertion = {
  '@context': 'https://w3id.org/openbadges/v2',
  type: 'Assertion',
  id: 'https://example.org/beths-robotics-badge.json',
  recipient: { type: 'email', hashed: true, salt: 'deadsea', identity: 'sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942' },
  badge: badgeClass,
  verification: { type: 'hosted' },
  issuedOn: '2016-12-31T23:59:59+00:00',
  expires: '2030-01-01T00:00:00Z',
};
const json = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const ob3Dir = join(EXAMPLES, 'openbadges-3.0-spec-examples');
const clr = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json'],
  id: 'http://example.edu/clr/1',
  type: ['VerifiableCredential', 'ClrCredential'],
  issuer: { id: 'https://example.edu/issuers/565049', type: ['Profile'], name: 'Example University' },
  name: 'Transcript',
  validFrom: '2022-07-01T00:00:00Z',
  credentialSubject: {
    type: ['ClrSubject'],
    id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
    verifiableCredential: [json(join(ob3Dir, 'basicOpenBadgeCredential.json')), json(join(ob3Dir, 'fullOpenBadge.json'))],
    association: [{ type: 'Association', associationType: 'isChildOf', sourceId: 'https://example.com/achievements/21st-century-skills/teamwork', targetId: 'https://1edtech.edu/achievements/degree' }],
  },
};

/** Raw texts (some only lenient JSON, some CSV) and parsed values: every format, small enough to mutate fast. */
const seedTexts: string[] = [
  ...filesUnder(EXAMPLES, ['.json', '.jsonld', '.csv']).filter((f) => !f.includes('_embedded_') && statSync(f).size < 400_000).map((f) => readFileSync(f, 'utf8')),
  readFileSync(resolve(SHARED, 'datasets/coursera-courses/coursera_courses_1139_skills.csv'), 'utf8').split('\n').slice(0, 12).join('\n'),
  readFileSync(resolve(SHARED, 'datasets/coursera-courses/coursera_courses_3404_gained_skills.csv'), 'utf8').split('\n').slice(0, 12).join('\n'),
  'Five years as a welder; TIG and MIG. Maintained Kubernetes clusters.',
];
const firstOf = (path: string, n: number): unknown[] => (json(path) as unknown[]).slice(0, n);
const seedValues: unknown[] = [
  badgeClass,
  ob2Assertion,
  clr,
  ...firstOf(join(REPO_DATA, 'postings.jsonld'), 3),
  firstOf(join(REPO_DATA, 'postings.jsonld'), 3),
  ...firstOf(join(REPO_DATA, 'credentials/ctdl.json'), 2),
  firstOf(join(REPO_DATA, 'credentials/ctdl.json'), 4),
  ...firstOf(join(REPO_DATA, 'credentials/ob3-achievements.json'), 2),
  [{ partner: 'Google', course: 'Data', skills: 'SQL, R', rating: '4.8', level: 'Beginner ', certificatetype: ' Course ', duration: '1 - 3 Months', crediteligibility: 'False' }],
];
for (const text of seedTexts) {
  try {
    seedValues.push(ingestDocument(text) && /^\s*[[{/]/.test(text) ? JSON.parse(text) : text);
  } catch {
    // lenient-only JSON and deliberately invalid samples stay text seeds only
  }
}

// ------------------------------------------------------------------------------------------ mutation

type Path = readonly (string | number)[];

/** Paths of every node (bounded), root first. */
function pathsOf(value: unknown, limit = 1500): Path[] {
  const out: Path[] = [];
  const stack: [unknown, Path][] = [[value, []]];
  while (stack.length > 0 && out.length < limit) {
    const [v, p] = stack.pop() as [unknown, Path];
    out.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, [...p, i]]));
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) stack.push([x, [...p, k]]);
  }
  return out;
}

function getAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) v = (v as Record<string | number, unknown>)[k];
  return v;
}

/** Sets (or, with `value` undefined, deletes) the node at `path`; returns the new root. */
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown> | unknown[];
  const key = path[path.length - 1] as string | number;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
  } else (parent as Record<string | number, unknown>)[key] = value;
  return root;
}

function nest(depth: number, leaf: unknown, asArray: boolean): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { '@graph': v, type: 'x' };
  return v;
}

const REFERENCE_KEYS = ['isPartOf', 'requires', 'ceterms:isPartOf', 'ceterms:requires', 'ceterms:hasPart', 'ceterms:isPreparationFor', 'ceterms:precedes', 'ceterms:hasChild', 'ceterms:isChildOf'];

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'huge'; at: number; size: number }
  | { kind: 'nest'; at: number; depth: number; asArray: boolean }
  | { kind: 'duplicate'; at: number }
  | { kind: 'copyId'; from: number; to: number }
  | { kind: 'cycle'; from: number; to: number; key: string; wrap: number }
  | { kind: 'retype'; at: number; type: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, '', ' ', 0, -1, 1e308, true, [], {}, ['a', 1, null], 'not-a-date', '2026-02-30', 'P1Y2M', 'ce-not-a-uuid', 'x'.repeat(2000))),
  }),
  fc.record({ kind: fc.constant('huge' as const), at: fc.nat(), size: fc.integer({ min: 10_000, max: 300_000 }) }),
  fc.record({ kind: fc.constant('nest' as const), at: fc.nat(), depth: fc.oneof(fc.integer({ min: 50, max: 500 }), fc.constant(10_000)), asArray: fc.boolean() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('copyId' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('cycle' as const), from: fc.nat(), to: fc.nat(), key: fc.constantFrom(...REFERENCE_KEYS), wrap: fc.nat(2) }),
  fc.record({
    kind: fc.constant('retype' as const),
    at: fc.nat(),
    type: fc.constantFrom('VerifiableCredential', 'OpenBadgeCredential', 'Achievement', 'ClrCredential', 'BadgeClass', 'Assertion', 'JobPosting', 'ceterms:Certificate', 'ceasn:Competency', 'ceterms:Pathway', 'ceterms:Course'),
  }),
);

const idOf = (v: unknown): unknown => (typeof v === 'object' && v !== null && !Array.isArray(v) ? ((v as Record<string, unknown>)['@id'] ?? (v as Record<string, unknown>)['id'] ?? (v as Record<string, unknown>)['ceterms:ctid']) : undefined);

function applyMutation(root: unknown, m: Mutation): unknown {
  const paths = pathsOf(root);
  const pick = (i: number): Path => paths[i % paths.length] as Path;
  const objects = paths.filter((p) => {
    const v = getAt(root, p);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  });
  const pickObject = (i: number): Path | undefined => (objects.length ? objects[i % objects.length] : undefined);
  switch (m.kind) {
    case 'delete': {
      const p = pick(m.at);
      return p.length === 0 ? root : setAt(root, p, undefined);
    }
    case 'replace':
      return setAt(root, pick(m.at), structuredClone(m.value));
    case 'huge':
      return setAt(root, pick(m.at), 'ä𝔁 '.repeat(Math.ceil(m.size / 4)));
    case 'nest': {
      const p = pick(m.at);
      return setAt(root, p, nest(m.depth, getAt(root, p), m.asArray));
    }
    case 'duplicate': {
      const arrays = paths.filter((p) => Array.isArray(getAt(root, p)) && (getAt(root, p) as unknown[]).length > 0);
      if (arrays.length === 0) return root;
      const arr = getAt(root, arrays[m.at % arrays.length] as Path) as unknown[];
      const item = arr[m.at % arr.length];
      arr.push(Array.isArray(item) ? [...item] : typeof item === 'object' && item !== null ? { ...item } : item); // shallow: items may be 10k levels deep
      return root;
    }
    case 'copyId': {
      const from = pickObject(m.from);
      const to = pickObject(m.to);
      if (!from || !to) return root;
      const src = getAt(root, from) as Record<string, unknown>;
      const dst = getAt(root, to) as Record<string, unknown>;
      for (const k of ['id', '@id', 'ceterms:ctid']) if (k in src) dst[k] = src[k];
      return root;
    }
    case 'cycle': {
      const from = pickObject(m.from);
      const to = pickObject(m.to);
      if (!from || !to) return root;
      const a = getAt(root, from) as Record<string, unknown>;
      const b = getAt(root, to) as Record<string, unknown>;
      const ref = (x: unknown) => [x, [x], { '@id': x, 'ceterms:targetCredential': [{ '@id': x }] }][m.wrap];
      a[m.key] = ref(idOf(b) ?? idOf(a) ?? 'urn:x:self');
      b[m.key] = ref(idOf(a) ?? idOf(b) ?? 'urn:x:self');
      return root;
    }
    case 'retype': {
      const p = pickObject(m.at);
      if (!p) return root;
      const o = getAt(root, p) as Record<string, unknown>;
      if ('@type' in o) o['@type'] = m.type;
      else o['type'] = Array.isArray(o['type']) ? [...(o['type'] as unknown[]), m.type] : m.type;
      return root;
    }
  }
}

// ----------------------------------------------------------------------------------------- checking

const FORMATS = new Set<string>(INGEST_FORMATS);
const nonEmpty = (s: unknown): boolean => typeof s === 'string' && s !== '';

/** A returned result is complete and well-typed (no undefined ids, confidences in [0, 1], serialisable). */
function expectWellFormed(r: IngestResult): void {
  expect(FORMATS.has(r.format)).toBe(true);
  expect(Array.isArray(r.warnings)).toBe(true);
  // `raw`/`proof` keep the input as given (possibly nested 10k deep); everything else must serialise.
  expect(() => JSON.stringify(r, (k, v) => (k === 'raw' || k === 'proof' ? undefined : v))).not.toThrow();
  if (r.format === 'text') {
    expect(typeof r.text).toBe('string');
    return;
  }
  if (r.format === 'jobposting') {
    for (const p of r.postings) {
      expect(nonEmpty(p.posting.id), `posting id ${String(p.posting.id)}`).toBe(true);
      for (const l of p.posting.skills) expect(nonEmpty(l.skillId) && l.confidence >= 0 && l.confidence <= 1).toBe(true);
    }
    return;
  }
  for (const e of r.credentials) {
    const c = e.credential;
    expect(nonEmpty(c.id), `credential id ${String(c.id)}`).toBe(true);
    expect(typeof c.name).toBe('string');
    for (const l of c.skills) expect(nonEmpty(l.skillId) && l.confidence >= 0 && l.confidence <= 1, `skill link ${JSON.stringify(l)}`).toBe(true);
    for (const id of [...c.requires, ...c.isPartOf]) expect(nonEmpty(id)).toBe(true);
    if (c.hours !== null) expect(Number.isFinite(c.hours)).toBe(true);
  }
  if (r.format !== 'catalogue') for (const a of r.awards) expect(nonEmpty(a.award.id) && nonEmpty(a.award.credentialId)).toBe(true);
}

/** Ingest and classify: 'ok:<format>' or the IngestError code. Any other exception fails the property. */
function ingestOutcome(input: unknown, opts?: IngestOptions): string {
  let r: IngestResult;
  try {
    r = ingestDocument(input, opts);
  } catch (e) {
    if (e instanceof IngestError) {
      expect(Object.values(IngestErrorCode)).toContain(e.code);
      expect(typeof e.path).toBe('string');
      return e.code;
    }
    const preview = typeof input === 'string' ? input.slice(0, 200) : stringifyOrNull(input)?.slice(0, 200);
    throw new Error(`ingestDocument threw ${(e as Error)?.name}: ${(e as Error)?.message}\ninput: ${preview}\n${(e as Error)?.stack?.split('\n').slice(1, 6).join('\n')}`, { cause: e });
  }
  expectWellFormed(r);
  return `ok:${r.format}`;
}

/** JSON text of a value, or null when the value is too deep for JSON.stringify (a harness limit, not the engine's). */
function stringifyOrNull(v: unknown): string | null {
  try {
    return JSON.stringify(v);
  } catch {
    return null;
  }
}

/** Per-case time cap: a sync parser cannot be interrupted, so a blow-up is caught by measuring. */
function timed<T>(limitMs: number, f: () => T): T {
  const t = performance.now();
  const out = f();
  const ms = performance.now() - t;
  expect(ms, `one case took ${Math.round(ms)} ms`).toBeLessThan(limitMs);
  return out;
}

describe('ingestDocument (fuzz)', () => {
  it('every unmutated seed ingests or fails with one IngestError', () => {
    for (const v of [...seedValues, ...seedTexts]) note('seeds', ingestOutcome(v));
    expect(seedValues.length).toBeGreaterThan(30);
  });

  it('mutated real documents (deleted fields, wrong types, huge strings, deep nesting, duplicate ids, reference cycles) → a result or one IngestError', () => {
    fc.assert(
      fc.property(fc.nat(seedValues.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (i, mutations, asText) => {
        let doc = structuredClone(seedValues[i]);
        for (const m of mutations) doc = applyMutation(doc, m);
        const text = asText && typeof doc !== 'string' ? stringifyOrNull(doc) : null;
        note('mutated documents', timed(5000, () => ingestOutcome(text ?? doc)));
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(600, 0.25) },
    );
  });

  it('the same document as text or as a parsed value → the same outcome', () => {
    fc.assert(
      fc.property(fc.nat(seedValues.length - 1), fc.array(mutation.filter((m) => m.kind !== 'nest' && m.kind !== 'huge'), { maxLength: 2 }), (i, mutations) => {
        let doc = structuredClone(seedValues[i]);
        for (const m of mutations) doc = applyMutation(doc, m);
        if (typeof doc !== 'object' || doc === null) return;
        const a = ingestOutcome(doc);
        expect(ingestOutcome(JSON.stringify(doc))).toBe(a);
        if (a.startsWith('ok')) expect(ingestDocument(JSON.stringify(doc))).toEqual(ingestDocument(doc));
        note('text = value', a);
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(300, 0.25) },
    );
  });

  it('arbitrary JSON values, with and without a forced format → a result or one IngestError', () => {
    const format = fc.constantFrom<IngestOptions['format'] | undefined>(undefined, 'auto', ...INGEST_FORMATS);
    fc.assert(
      fc.property(fc.jsonValue(), format, (v, f) => {
        note('arbitrary JSON', ingestOutcome(v, f === undefined ? undefined : { format: f }));
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(1500) },
    );
  });

  it('arbitrary strings (lone surrogates, NUL, CSV-ish, JSON-ish) → a result or one IngestError', () => {
    const csvish = fc
      .array(fc.oneof(fc.constantFrom(',', '"', '\n', '\r\n', 'partner,course,skills,rating,reviewcount,level,certificatetype,duration,crediteligibility\n', 'Subject,Title,Institution,Learning Product,Level,Duration,Gained Skills,Rate,Reviews\n', 'None', 'Course'), fc.string({ unit: 'binary', maxLength: 12 })), { maxLength: 30 })
      .map((p) => p.join(''));
    const jsonish = fc.array(fc.oneof(fc.constantFrom('{', '}', '[', ']', ',', ':', '"type":', '"@type":"JobPosting"', '"VerifiableCredential"', '//', '/*', '*/'), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 30 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), csvish, jsonish), fc.constantFrom<IngestOptions['format'] | undefined>(undefined, 'catalogue', 'text', 'ob3'), (s, f) => {
        note('arbitrary strings', ingestOutcome(s, f === undefined ? undefined : { format: f }));
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(2000) },
    );
  });

  it('arbitrary options → INVALID_OPTION or a result, never another exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.record({ format: fc.string(), now: fc.string(), ctid: fc.string(), catalogueIdPrefix: fc.jsonValue({ maxDepth: 0 }) }, { requiredKeys: [] })), (opts) => {
        note('options', ingestOutcome(seedValues[0], opts as IngestOptions));
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(300, 0.1) },
    );
  });

  it('nesting 10k levels deep as text and as values, for every format → a result or one IngestError', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 10_000 }), fc.boolean(), fc.boolean(), fc.nat(seedValues.length - 1), (depth, asArray, asText, i) => {
        const seed = seedValues[i];
        // Text is built by concatenation: JSON.stringify itself overflows the stack near 4k levels.
        const input = asText
          ? `${(asArray ? '[' : '{"type":"x","@graph":').repeat(depth)}${JSON.stringify(seed)}${(asArray ? ']' : '}').repeat(depth)}`
          : nest(depth, structuredClone(seed), asArray);
        note('deep nesting', timed(5000, () => ingestOutcome(input)));
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(20, 0.005) },
    );
  });

  it('10 MB bodies (text, JSON string field, catalogue CSV) finish in bounded time', () => {
    const ten = 10 * 1024 * 1024;
    const ob3 = seedValues.find((v) => ingestOutcome(v) === 'ok:ob3') as Record<string, unknown>;
    const header = 'Subject,Title,Institution,Learning Product,Level,Duration,Gained Skills,Rate,Reviews\n';
    const row = 'Business,Excel Basics,Coursera Project Network,Guided Project,Beginner,Less Than 2 Hours,"Microsoft Excel, Data Entry",4.6,11000\n';
    const cases: unknown[] = [
      'welding and TIG '.repeat(ten / 16),
      JSON.stringify({ ...ob3, description: 'd'.repeat(ten) }),
      `${header}${row.repeat(Math.ceil(ten / row.length))}`,
      `[${'{"a":1},'.repeat(ten / 8)}1]`,
    ];
    for (const c of cases) note('10 MB bodies', timed(30_000, () => ingestOutcome(c)));
  });
});
