import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOb3Verifier } from '../../engine/adapters/ob3-verifier/index.ts';
import { sampleApp, type SampleApp } from '../testing/sample-app.ts';

const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`../../datasets/conformance/verify/dcc/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

let a: SampleApp;
let admin: string;
let candidateId: string;

beforeAll(async () => {
  // The real verifier (offline, no store), as app/start.ts wires it (without SKILLGRAPH_VERIFY_STORE); the clock inside the DCC fixtures' validity.
  a = await sampleApp({ verifier: createOb3Verifier(), clock: () => new Date('2026-12-01T00:00:00Z') });
  admin = await a.keyFor({ role: 'admin' });
  candidateId = [...a.workspace.records.candidates.keys()][0]!;
});
afterAll(async () => a.close());

const VERIFY = `query($d: JSON!) { verifyCredential(document: $d) { __typename ... on VerifyReport { status documents { status storedStatus checks { name result reason } } } } }`;

describe('verifyCredential (real DCC fixtures)', () => {
  it('is verified for a valid Ed25519Signature2020 credential, with each check and its reason', async () => {
    const r = await a.gql(VERIFY, { d: fixture('v2_ed25519_didKey_legacy-noStatus-noExpiry.json') }, admin);
    const report = r.body.data!.verifyCredential;
    expect(report.status).toBe('VERIFIED');
    expect(report.documents[0].checks.map((c: { name: string }) => c.name)).toEqual(['PROOF', 'DATES', 'STATUS', 'ISSUER']);
    expect(report.documents[0]).toMatchObject({ status: 'VERIFIED', storedStatus: 'VERIFIED' });
  });
  it('maps an expired credential to the EXPIRED outcome and the EXPIRED stored status', async () => {
    const r = await a.gql(VERIFY, { d: fixture('v2_ed25519_didKey_legacy-noStatus-expired.json') }, admin);
    expect(r.body.data!.verifyCredential.documents[0]).toMatchObject({ status: 'EXPIRED', storedStatus: 'EXPIRED' });
  });
  it('is invalid for the tampered one and for a copy with one field changed, whatever its status entry', async () => {
    expect((await a.gql(VERIFY, { d: fixture('v2_ed25519_didKey_legacy-noStatus-noExpiry-tampered.json') }, admin)).body.data!.verifyCredential.status).toBe('INVALID');
    const revoked = fixture('v2_ed25519_didKey_noRegistry-revokedStatus-notExpired.json');
    expect((await a.gql(VERIFY, { d: revoked }, admin)).body.data!.verifyCredential.status).toBe('VERIFIED');
    expect((await a.gql(VERIFY, { d: { ...revoked, name: 'Changed' } }, admin)).body.data!.verifyCredential.status).toBe('INVALID');
  });
  it('needs a key', async () => {
    const r = await a.gql(VERIFY, { d: fixture('v2_ed25519_didKey_legacy-noStatus-noExpiry.json') });
    expect(r.body.data!.verifyCredential.__typename).toBe('ForbiddenError');
  });
});

describe('awardCredential refuses what verification refuses (same rule as the CLI)', () => {
  const AWARD = `mutation($c: ID!, $d: JSON!) { awardCredential(candidateId: $c, document: $d) { __typename ... on Award { verification } ... on Error { message } } }`;
  it('refuses a tampered real credential and an expired one; accepts the valid one as verified', async () => {
    const tampered = await a.gql(AWARD, { c: candidateId, d: fixture('v2_ed25519_didKey_legacy-noStatus-noExpiry-tampered.json') }, admin);
    expect(tampered.body.data!.awardCredential.__typename).not.toBe('Award');
    const expired = await a.gql(AWARD, { c: candidateId, d: fixture('v2_ed25519_didKey_legacy-noStatus-expired.json') }, admin);
    expect(expired.body.data!.awardCredential.__typename).not.toBe('Award');
    const { proof: _p, ...unsignedExpired } = fixture('v2_ed25519_didKey_legacy-noStatus-expired.json');
    const noProof = await a.gql(AWARD, { c: candidateId, d: unsignedExpired }, admin);
    expect(noProof.body.data!.awardCredential.__typename).not.toBe('Award');
    const ok = await a.gql(AWARD, { c: candidateId, d: fixture('v2_ed25519_didKey_legacy-noStatus-noExpiry.json') }, admin);
    expect(ok.body.data!.awardCredential).toMatchObject({ __typename: 'Award', verification: 'VERIFIED' });
  });
});

describe('importJobPosting reports refused records and warnings (issue 16 through app/import-postings.ts)', () => {
  const IMPORT = `mutation($d: JSON!) { importJobPosting(document: $d) { __typename ... on MutationImportJobPostingSuccess { data { id } refused { path code message } warnings { path code } } } }`;
  it('a @graph of real sample postings with one bad date: the others land, the bad one is named', async () => {
    const list = JSON.parse(readFileSync(new URL('../../datasets/postings.jsonld', import.meta.url), 'utf8')) as Record<string, unknown>[];
    const graph = list.slice(0, 3).map(({ '@context': _c, ...p }, i) => ({ ...p, '@id': `urn:test:api-posting:${i}`, ...(i === 1 ? { datePosted: 'sometime in May' } : {}) }));
    const r = await a.gql(IMPORT, { d: { '@context': 'https://schema.org', '@graph': graph } }, admin);
    const out = r.body.data!.importJobPosting;
    expect(out.__typename).toBe('MutationImportJobPostingSuccess');
    expect(out.data.map((p: { id: string }) => p.id)).toEqual(['urn:test:api-posting:0', 'urn:test:api-posting:2']);
    expect(out.refused).toEqual([{ path: '@graph[1].datePosted', code: 'INVALID_FIELD', message: expect.stringContaining('datePosted') }]);
    expect(Array.isArray(out.warnings)).toBe(true);
  });
});
