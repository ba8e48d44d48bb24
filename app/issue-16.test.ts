import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSample, type SampleData } from '../taxonomy/loaders/sample.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { ForbiddenError, InvalidInputError, NotFoundError } from './errors.ts';
import { exportAward, exportCredential, exportRole } from './export-records.ts';
import { importCredentials } from './import-credentials.ts';
import { importPostings } from './import-postings.ts';
import { localOperator, type Principal } from './principal.ts';
import { createVerifier, verifyCredential } from './verify-credential.ts';
import { Workspace } from './workspace.ts';

// Real public fixtures (DCC vc-test-fixtures, see datasets/conformance/PROVENANCE); the real verifier, offline.
const dcc = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`../datasets/conformance/verify/dcc/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const NOW = new Date('2026-12-01T00:00:00Z');
const learner = (candidateId: string): Principal => ({ keyId: 'k-learner', role: 'learner', organisationId: null, candidateId });
const employer = (organisationId: string): Principal => ({ keyId: 'k-employer', role: 'employer', organisationId, candidateId: null });

let sample: SampleData;
let store: GraphStore;

beforeEach(async () => {
  sample ??= await loadSample();
  store = await createSqliteStore(':memory:');
  await store.importTaxonomy(sample.taxonomy);
  await store.putRecords(sample.records);
});
afterEach(async () => store.close());

describe('verifyCredential (app use-case behind the query and `skillgraph verify`)', () => {
  it('verifies, refuses tampering, and reports each check; any key, none without one', async () => {
    const ws = { verifier: createVerifier() };
    const ok = await verifyCredential(ws, localOperator, dcc('v2_ed25519_didKey_legacy-noStatus-noExpiry.json'), NOW);
    expect(ok.status).toBe('verified');
    expect(ok.documents[0]!.checks.map((c) => c.name)).toEqual(['proof', 'dates', 'status', 'issuer']);
    expect((await verifyCredential(ws, learner('x'), dcc('v2_ed25519_didKey_legacy-noStatus-noExpiry-tampered.json'), NOW)).status).toBe('invalid');
    expect((await verifyCredential(ws, localOperator, dcc('v2_ed25519_didKey_legacy-noStatus-expired.json'), NOW)).documents[0]).toMatchObject({ status: 'expired', storedStatus: 'expired' });
    await expect(verifyCredential(ws, null, dcc('v2_ed25519_didKey_legacy-noStatus-noExpiry.json'), NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(verifyCredential(ws, localOperator, '  ', NOW)).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe('importCredentials keeps framework skills (issue 16 on the app layer)', () => {
  it('merges the alignment without an ESCO target into the taxonomy and keeps the link, in the workspace and the store', async () => {
    const ws = await Workspace.open({ store });
    const skillsBefore = [...ws.graph.skills()].length;
    const done = await importCredentials(ws, localOperator, dcc('v2_dataIntegrityProof_didKey_legacyRegistry-noStatus-noExpiry-alignments.json'), { now: NOW });
    expect(done).toMatchObject({ frameworkSkills: 1 });
    const links = done.credentials.flatMap((c) => c.skills);
    expect(links).toHaveLength(1);
    const framework = ws.graph.skill(links[0]!.skillId);
    expect(framework?.source).toBe('custom');
    expect([...ws.graph.skills()].length).toBe(skillsBefore + 1);
    const reopened = await Workspace.open({ store });
    expect(reopened.records.credentials.get(done.credentials[0]!.id)?.skills.map((l) => l.skillId)).toEqual([links[0]!.skillId]);
    expect(reopened.graph.skill(links[0]!.skillId)).toBeDefined();
  });
});

describe('importPostings reports refused records; the good ones land', () => {
  it('a @graph of real sample postings with one bad date imports the rest and names the bad one', async () => {
    const ws = await Workspace.open({ store });
    const list = JSON.parse(readFileSync(new URL('../datasets/postings.jsonld', import.meta.url), 'utf8')) as Record<string, unknown>[];
    const graph = list.slice(0, 5).map(({ '@context': _c, ...p }, i) => ({ ...p, '@id': `urn:test:posting:${i}`, ...(i === 2 ? { datePosted: 'sometime in May' } : {}) }));
    const done = await importPostings(ws, localOperator, { '@context': 'https://schema.org', '@graph': graph }, NOW);
    expect(done.postings.map((p) => p.id)).toEqual(['urn:test:posting:0', 'urn:test:posting:1', 'urn:test:posting:3', 'urn:test:posting:4']);
    expect(done.refused).toEqual([{ path: '@graph[2].datePosted', code: 'INVALID_FIELD', message: expect.stringContaining('datePosted') }]);
    expect(ws.records.postings.has('urn:test:posting:2')).toBe(false);
    expect((await store.listPostings()).some((p) => p.id === 'urn:test:posting:3')).toBe(true);
  });
});

describe('exports through the app layer apply the access policy', () => {
  it('exports what the caller may see, and nothing else', async () => {
    const ws = await Workspace.open({ store });
    const award = sample.records.awards![0]!;
    const credentialId = award.credentialId;
    expect(exportCredential(ws, learner('nobody'), { id: credentialId, as: 'ob3' }).document).toMatchObject({ id: credentialId, type: expect.arrayContaining(['Achievement']) });
    expect(exportCredential(ws, localOperator, { id: credentialId, as: 'ctdl' }).document).toMatchObject({ 'ceterms:ctid': expect.stringMatching(/^ce-/) });
    expect(() => exportCredential(ws, localOperator, { id: 'urn:none', as: 'ob3' })).toThrow(NotFoundError);
    expect(exportAward(ws, learner(award.candidateId), award.id).document).toMatchObject({ type: ['VerifiableCredential', 'OpenBadgeCredential'] });
    expect(() => exportAward(ws, learner('someone-else'), award.id)).toThrow(NotFoundError);
    const role = sample.records.roles![0]!;
    expect(exportRole(ws, localOperator, role.id).document).toMatchObject({ '@type': 'ceterms:Job' });
    expect(() => exportRole(ws, employer(`${role.organisationId}-other`), role.id)).toThrow(NotFoundError);
    expect(() => exportRole(ws, null, role.id)).toThrow(ForbiddenError);
  });
});
