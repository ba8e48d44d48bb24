import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { sampleApp, type SampleApp } from './testing/sample-app.ts';

const resume = (name: string): unknown => JSON.parse(readFileSync(new URL(`../engine/ingest/fixtures/json-resume/${name}`, import.meta.url), 'utf8'));
const OB3 = sharedPath('datasets', 'credential-examples', 'openbadges-3.0-spec-examples', 'basicOpenBadgeCredential.json');
const IMPORT = `mutation($d: JSON!, $f: CandidateFormat, $c: ID, $s: [String!]) {
  importCandidates(document: $d, format: $f, candidateId: $c, sharedWith: $s, link: false) {
    __typename
    ... on CandidateImportReport { format created updated candidateIds awards errors { index id code path message } }
    ... on Error { code message }
    ... on InvalidInputError { path }
  }
}`;

let a: SampleApp;
let admin: string;
beforeAll(async () => {
  a = await sampleApp();
  admin = await a.keyFor({ role: 'admin' });
});
afterAll(async () => a.close());

describe('importCandidates (GraphQL)', () => {
  it('imports JSON Resume examples in one call, reports the bad one, and the new candidates are served at once', async () => {
    const r = await a.gql(IMPORT, { d: [resume('new-grad.resume.json'), resume('basics-wrong-type.json'), resume('senior-engineer.resume.json')] }, admin);
    const rep = r.body.data!.importCandidates;
    expect(rep).toMatchObject({ __typename: 'CandidateImportReport', format: 'JSON_RESUME', created: 2, updated: 0 });
    expect(rep.errors.map((e: { index: number; code: string; path: string }) => [e.index, e.code, e.path])).toEqual([[1, 'INVALID_FIELD', '[1].basics']]);
    const c = await a.gql(`query($id: ID!) { candidate(id: $id) { __typename ... on Candidate { name } } }`, { id: 'mailto:maya.okonkwo@example.com' }, admin);
    expect(c.body.data!.candidate).toEqual({ __typename: 'Candidate', name: 'Maya Okonkwo' });
    const again = await a.gql(IMPORT, { d: [resume('new-grad.resume.json')] }, admin);
    expect(again.body.data!.importCandidates).toMatchObject({ created: 0, updated: 1 });
  });

  it('an employer import is shared with its organisation; a file that is no candidates format is one InvalidInputError', async () => {
    const org = [...a.workspace.records.roles.values()][0]!.organisationId;
    const employer = await a.keyFor({ role: 'employer', organisationId: org });
    const r = await a.gql(IMPORT, { d: 'id,name,email,skills\nemp-1,Employer Import,,\n', f: 'CSV' }, employer);
    expect(r.body.data!.importCandidates).toMatchObject({ created: 1, candidateIds: ['emp-1'] });
    expect(a.workspace.records.candidates.get('emp-1')!.sharedWith).toEqual([org]);
    const bad = await a.gql(IMPORT, { d: { '@type': 'JobPosting' } }, admin);
    expect(bad.body.data!.importCandidates).toMatchObject({ __typename: 'InvalidInputError', code: 'INVALID_INPUT', path: 'document' });
  });

  it('a learner imports a wallet export for themself only', async () => {
    const self = [...a.workspace.records.candidates.keys()][0]!;
    const learner = await a.keyFor({ role: 'learner', candidateId: self });
    const vp = { type: ['VerifiablePresentation'], verifiableCredential: [JSON.parse(readFileSync(OB3, 'utf8'))] };
    const own = await a.gql(IMPORT, { d: vp, f: 'WALLET', c: self }, learner);
    expect(own.body.data!.importCandidates).toMatchObject({ format: 'WALLET', awards: 1, candidateIds: [self] });
    const other = await a.gql(IMPORT, { d: vp, f: 'WALLET', c: 'someone-else' }, learner);
    expect(other.body.data!.importCandidates.__typename).toBe('ForbiddenError');
    const people = await a.gql(IMPORT, { d: 'id,name\nx,y\n' }, learner);
    expect(people.body.data!.importCandidates.__typename).toBe('ForbiddenError');
  });
});
