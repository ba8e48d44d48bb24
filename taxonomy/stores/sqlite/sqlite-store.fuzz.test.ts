/**
 * Property-based fuzzing of the SQLite store's writes (fast-check, seeded): taxonomies and record batches
 * mutated into refusals (duplicate/empty/non-string ids, unknown references, bad relation types, NaN weights,
 * missing NOT NULL fields, unbindable values, non-arrays, huge strings) and embeddings/meta with wrong types.
 * Every call either succeeds or throws ONE TaxonomyError, and after every refusal the store is unchanged:
 * same `stats()`, same hash of loadTaxonomy() + every list* + meta. Taxonomy, record and embedding
 * writes never refuse with STORE_FAILURE (a wrongly typed field is INVALID_VALUE naming the field,
 * RELIABILITY.md O1/O2), and whatever they accept reads back with every field of its declared type.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaxonomyError, TaxonomyErrorCode } from '../../model/errors.ts';
import type { RecordsBatch, TaxonomyData } from '../../model/types.ts';
import { fixtureRecords, fixtureTaxonomy } from '../contract/fixture.test-support.ts';
import type { GraphStore } from '../graph-store.ts';
import { validateRecordFields } from '../validate-records.ts';
import { validateTaxonomyFields } from '../validate-taxonomy.ts';
import { createSqliteStore } from './sqlite-store.ts';
import { FUZZ_SEED, fuzzOutcomes, fuzzRuns } from '../../testing/fuzz.ts';

const { note, report } = fuzzOutcomes('sqlite store writes');

const dir = mkdtempSync(join(tmpdir(), 'skillgraph-store-fuzz-'));
let store: GraphStore;
beforeAll(async () => {
  store = await createSqliteStore(join(dir, 'fuzz.db'));
  await store.importTaxonomy(fixtureTaxonomy);
  await store.putRecords(fixtureRecords);
  await store.setMeta('fuzz.marker', 'before');
});
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
  report();
});

/** Everything a reader can see, hashed. */
async function snapshot(s: GraphStore): Promise<{ stats: unknown; hash: string }> {
  const state = {
    taxonomy: await s.loadTaxonomy(),
    credentials: await s.listCredentials(),
    candidates: await s.listCandidates(),
    awards: await s.listAwards(),
    postings: await s.listPostings(),
    roles: await s.listRoles(),
    meta: await s.getMeta('fuzz.marker'),
    embeddings: [...(await s.getEmbeddings('fuzz-model', ['h1', 'h2'])).entries()].map(([k, v]) => [k, [...v]]),
  };
  return { stats: await s.stats(), hash: createHash('sha256').update(JSON.stringify(state)).digest('hex') };
}

/** Runs a write; a refusal must be one TaxonomyError and leave the store exactly as it was. */
async function write(property: string, f: () => Promise<void>): Promise<'ok' | TaxonomyError> {
  const before = await snapshot(store);
  try {
    await f();
    note(property, 'ok');
    return 'ok';
  } catch (e) {
    if (!(e instanceof TaxonomyError)) throw new Error(`store threw ${(e as Error)?.name}: ${(e as Error)?.message}`, { cause: e });
    expect(Object.values(TaxonomyErrorCode)).toContain(e.code);
    if (property !== 'setMeta' && property !== 'unserialisable records') expect(e.code, e.message).not.toBe(TaxonomyErrorCode.StoreFailure);
    if (e.code === TaxonomyErrorCode.InvalidValue) expect(e.location.field, e.message).toBeDefined();
    expect(await snapshot(store)).toEqual(before);
    note(property, e.code);
    return e;
  }
}

// ---------------------------------------------------------------------------------------- mutations

/** A value that is wrong for some column: unbindable, wrong type, NaN, huge, or absent. */
const badValue = fc.oneof(
  fc.constantFrom<unknown>(undefined, null, '', NaN, Infinity, -1, 0, true, [], {}, ['x'], { id: 'x' }, 'not-a-relation', 'x'.repeat(1_000_000)),
  fc.jsonValue({ maxDepth: 1 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

type Edit = { collection: number; index: number; field: number; value: unknown } | { collection: number; op: 'duplicate' | 'notArray' | 'empty'; index: number };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ collection: fc.nat(), index: fc.nat(), field: fc.nat(), value: badValue }) },
  { weight: 1, arbitrary: fc.record({ collection: fc.nat(), op: fc.constantFrom('duplicate' as const, 'notArray' as const, 'empty' as const), index: fc.nat() }) },
);

/** Applies edits to a deep copy of `base` (an object of arrays of records); nested paths like `skills` links included. */
function edited<T extends object>(base: T, edits: readonly Edit[]): T {
  const data = structuredClone(base) as Record<string, unknown>;
  const keys = Object.keys(data);
  for (const e of edits) {
    const key = keys[e.collection % keys.length] as string;
    const list = data[key];
    if (!Array.isArray(list)) continue;
    if ('op' in e) {
      if (e.op === 'notArray') data[key] = list.length ? list[0] : 'x';
      else if (e.op === 'empty') data[key] = [];
      else if (list.length) list.push(structuredClone(list[e.index % list.length]));
      continue;
    }
    if (list.length === 0) continue;
    const item = list[e.index % list.length] as Record<string, unknown>;
    const fields = Object.keys(item);
    const field = fields[e.field % fields.length] as string;
    const current = item[field];
    // Half the time edit inside a nested array (a skill link, a requirement, a label) instead.
    if (Array.isArray(current) && current.length > 0 && e.field % 2 === 0) {
      const inner = current[e.index % current.length];
      if (typeof inner === 'object' && inner !== null) {
        const innerKeys = Object.keys(inner);
        (inner as Record<string, unknown>)[innerKeys[e.field % innerKeys.length] as string] = e.value;
      } else current[e.index % current.length] = e.value;
    } else item[field] = e.value;
  }
  return data as T;
}

describe('createSqliteStore writes (fuzz): refusals change nothing', () => {
  it('importTaxonomy of a mutated taxonomy (replace or merge) → ok or one TaxonomyError with the store unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), fc.constantFrom<'replace' | 'merge'>('replace', 'merge'), async (edits, mode) => {
        const data = edited(fixtureTaxonomy, edits);
        const r = await write(`importTaxonomy ${mode}`, () => store.importTaxonomy(data as TaxonomyData, { mode }));
        if (r === 'ok') {
          expect(() => validateTaxonomyFields(data as TaxonomyData)).not.toThrow(); // only well-typed data is accepted …
          const stored = await store.loadTaxonomy();
          expect(() => validateTaxonomyFields(stored)).not.toThrow(); // … and it reads back well-typed
          await store.importTaxonomy(fixtureTaxonomy); // back to the baseline for the next case
        }
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(200, 0.1) },
    );
  });

  it('putRecords of a mutated batch → ok or one TaxonomyError with the store unchanged', async () => {
    const ids = (b: RecordsBatch) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, Array.isArray(v) ? v.map((r) => (r as { id: unknown }).id).filter((id) => typeof id === 'string') : []]));
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), fc.boolean(), async (edits, unknownRefs) => {
        const batch = edited(fixtureRecords, edits) as Record<string, unknown>;
        if (unknownRefs) batch['awards'] = [{ id: 'urn:award:new', candidateId: 'urn:cand:nobody', credentialId: 'urn:cred:intro-python', issuedOn: '2025-01-01', expiresOn: null, verification: 'verified' }];
        const r = await write('putRecords', () => store.putRecords(batch as RecordsBatch));
        if (r === 'ok') {
          expect(() => validateRecordFields(batch as RecordsBatch)).not.toThrow();
          const stored = { credentials: await store.listCredentials(), candidates: await store.listCandidates(), awards: await store.listAwards(), postings: await store.listPostings(), roles: await store.listRoles() };
          expect(() => validateRecordFields(stored)).not.toThrow();
          await store.deleteRecords(ids(batch as RecordsBatch) as never);
          await store.putRecords(fixtureRecords);
        }
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(300, 0.1) },
    );
  });

  it('a JS cycle in an extra field → one TaxonomyError; a BigInt or a non-array in a typed field → INVALID_VALUE naming it; store unchanged', async () => {
    const cyclic = structuredClone(fixtureRecords.credentials?.[0]) as unknown as Record<string, unknown>;
    cyclic['self'] = cyclic;
    const r = await write('unserialisable records', () => store.putRecords({ credentials: [cyclic] } as unknown as RecordsBatch));
    expect(r).toBeInstanceOf(TaxonomyError);
    const big = { ...fixtureRecords.candidates?.[0], location: 10n } as unknown;
    const typed: [unknown, string][] = [
      [{ candidates: [big] }, 'candidates[0].location'],
      [{ credentials: [{ ...fixtureRecords.credentials?.[0], skills: 'x' }] }, 'credentials[0].skills'],
    ];
    for (const [batch, field] of typed) {
      const e = await write('unserialisable records', () => store.putRecords(batch as RecordsBatch));
      expect(e).toBeInstanceOf(TaxonomyError);
      expect((e as TaxonomyError).code).toBe(TaxonomyErrorCode.InvalidValue);
      expect((e as TaxonomyError).location.field).toBe(field);
    }
  });

  it('putEmbeddings / setMeta with wrong types → ok or one TaxonomyError with the store unchanged', async () => {
    const vector = fc.oneof(fc.float32Array({ maxLength: 8 }), badValue, fc.constant(new Float64Array([1, 2])));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant('fuzz-model'), badValue),
        fc.array(fc.record({ textHash: fc.oneof(fc.constantFrom('h1', 'h2'), badValue), vector }), { minLength: 1, maxLength: 4 }),
        fc.oneof(fc.string(), badValue),
        async (modelId, entries, meta) => {
          const e = await write('putEmbeddings', () => store.putEmbeddings(modelId as string, entries as never));
          if (e === 'ok') {
            expect(entries.every((x) => x.vector instanceof Float32Array && typeof x.textHash === 'string' && x.textHash !== '')).toBe(true);
            await store.putEmbeddings('fuzz-model', []);
          }
          const m = await write('setMeta', () => store.setMeta('fuzz.marker', meta as string));
          if (m === 'ok') await store.setMeta('fuzz.marker', 'before');
        },
      ),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(150, 0.05) },
    );
  });
});
