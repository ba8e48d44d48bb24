/**
 * Property-based fuzzing of the GraphQL mutations that take documents and inputs (fast-check, seeded), in
 * process over `sampleApp()` (real SQLite store with the sample data): `importCredential(document: JSON)`,
 * `importJobPosting(document: JSON)`, `upsertCandidate(input)`. Every response is data (a success type or a
 * typed error union member) or a GraphQL validation error — never a masked "Unexpected error." or a 5xx —
 * and after every refusal the store is unchanged.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleApp, type SampleApp } from '../testing/sample-app.ts';
import { FUZZ_SEED, fuzzOutcomes, fuzzRuns } from '../../taxonomy/testing/fuzz.ts';

const { note, report } = fuzzOutcomes('GraphQL mutations');

let app: SampleApp;
let key = '';
beforeAll(async () => {
  // The production rate limit (600/min) would turn a long run into a rate-limiter test: lift it here.
  app = await sampleApp({ rateLimit: { requests: 10_000_000, windowMs: 60_000 } });
  key = await app.keyFor({ role: 'admin' });
});
afterAll(async () => {
  await app?.close();
  report();
});

const ERROR_TYPES = new Set(['ForbiddenError', 'InputValidationError', 'InvalidInputError', 'NotFoundError', 'VerificationFailedError']);

async function snapshot(): Promise<string> {
  const s = app.store;
  // Counts of everything, plus the contents these three mutations write.
  const state = [await s.stats(), await s.listCredentials(), await s.listCandidates(), await s.listPostings()];
  return createHash('sha256').update(JSON.stringify(state)).digest('hex');
}

/**
 * Sends one mutation; checks the response is data of an allowed type or a GraphQL request error that is not
 * masked; after a refusal (error union member or request error) the store must be unchanged.
 */
async function send(property: string, query: string, variables: Record<string, unknown>, field: string, success: readonly string[]): Promise<void> {
  const before = await snapshot();
  const { status, body } = await app.gql(query, variables, key);
  expect(status, JSON.stringify(body).slice(0, 300)).toBeLessThan(500);
  for (const e of body.errors ?? []) expect(e.message, `masked error for ${JSON.stringify(variables).slice(0, 300)}`).not.toBe('Unexpected error.');
  const result = body.data?.[field] as { __typename?: string; code?: string } | undefined;
  if (result) {
    expect([...success, ...ERROR_TYPES]).toContain(result.__typename);
    if (ERROR_TYPES.has(result.__typename as string)) {
      expect(typeof result.code).toBe('string');
      expect(await snapshot()).toBe(before);
      note(property, `${result.__typename}`);
    } else note(property, 'success');
  } else {
    expect(body.errors?.length, JSON.stringify(body).slice(0, 300)).toBeGreaterThan(0);
    expect(await snapshot()).toBe(before);
    const code = String(body.errors?.[0]?.extensions?.['code'] ?? (status === 400 ? 'request validation' : status));
    expect(code, JSON.stringify(body.errors).slice(0, 300)).not.toMatch(/RATE|LIMIT/i);
    note(property, `GraphQL error (${code})`);
  }
}

const IMPORT_CREDENTIAL = `mutation($d: JSON!) { importCredential(document: $d) { __typename ... on Error { code message } ... on MutationImportCredentialSuccess { data { id } } } }`;
const IMPORT_POSTING = `mutation($d: JSON!) { importJobPosting(document: $d) { __typename ... on Error { code message } ... on MutationImportJobPostingSuccess { __typename } } }`;
const UPSERT_CANDIDATE = `mutation($i: CandidateInput!) { upsertCandidate(input: $i) { __typename ... on Error { code message } ... on Candidate { id } } }`;

const SHARED = process.env['SKILLGRAPH_SHARED'] ?? resolve(import.meta.dirname, '../../../shared');
const OB3 = join(SHARED, 'datasets/credential-examples/openbadges-3.0-spec-examples');
const seeds: unknown[] = [
  ...readdirSync(OB3).map((f) => JSON.parse(readFileSync(join(OB3, f), 'utf8')) as unknown),
  ...(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../datasets/credentials/ctdl.json'), 'utf8')) as unknown[]).slice(0, 2),
  ...(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../datasets/postings.jsonld'), 'utf8')) as unknown[]).slice(0, 3),
];

type Path = (string | number)[];
function paths(v: unknown, p: Path = [], out: Path[] = []): Path[] {
  if (out.length > 500) return out;
  out.push(p);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...p, i], out));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) paths(x, [...p, k], out);
  return out;
}

/** A seed with one node deleted or replaced by an arbitrary JSON value. */
const mutatedDocument = fc.tuple(fc.nat(seeds.length - 1), fc.nat(), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined })).map(([i, at, value]) => {
  const doc = structuredClone(seeds[i]);
  const all = paths(doc);
  const p = all[at % all.length] as Path;
  if (p.length === 0) return value ?? doc;
  let parent = doc as Record<string | number, unknown>;
  for (const k of p.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = p[p.length - 1] as string | number;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = value;
  return doc;
});
const document = fc.oneof(mutatedDocument, fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: 'binary', maxLength: 200 }));

describe('GraphQL mutations (fuzz)', () => {
  it('importCredential(document) with mutated credentials, arbitrary JSON and strings → data or a typed error; refusals change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(document, async (d) => send('importCredential', IMPORT_CREDENTIAL, { d }, 'importCredential', ['MutationImportCredentialSuccess'])),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(40, 0.02) },
    );
  });

  it('importJobPosting(document) with mutated postings, arbitrary JSON and strings → data or a typed error; refusals change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(document, async (d) => send('importJobPosting', IMPORT_POSTING, { d }, 'importJobPosting', ['MutationImportJobPostingSuccess'])),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(30, 0.02) },
    );
  });

  it('upsertCandidate(input) with odd ids, names, unknown skills and wrong types → data or a typed/validation error; refusals change nothing', async () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('', ' ', '\u0000', 'x'.repeat(100_000)));
    const input = fc.record(
      {
        id: fc.oneof(text, fc.constantFrom('urn:cand:fuzz')),
        name: text,
        experience: text,
        location: text,
        sharedWith: fc.array(text, { maxLength: 3 }),
        claimedSkillIds: fc.array(fc.oneof(text, fc.constantFrom('http://data.europa.eu/esco/skill/does-not-exist')), { maxLength: 3 }),
      },
      { requiredKeys: ['id', 'name'] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: input }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }), async (i) => send('upsertCandidate', UPSERT_CANDIDATE, { i }, 'upsertCandidate', ['Candidate'])),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(40, 0.02) },
    );
  });
});
