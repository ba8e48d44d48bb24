import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleApp, type SampleApp } from './testing/sample-app.ts';

let a: SampleApp;
let keys: { admin: string; learner: string; employer: string; planner: string };
let self: string;
let other: string;
let org: string;
let ownRole: string;
let foreignRole: string;

beforeAll(async () => {
  a = await sampleApp();
  const roles = [...a.workspace.records.roles.values()];
  ownRole = roles[0]!.id;
  org = roles[0]!.organisationId;
  foreignRole = roles.find((r) => r.organisationId !== org)!.id;
  const candidates = [...a.workspace.records.candidates.values()];
  self = candidates[0]!.id;
  other = candidates.find((c) => c.id !== self && !c.sharedWith.includes(org))!.id;
  keys = {
    admin: await a.keyFor({ role: 'admin' }),
    learner: await a.keyFor({ role: 'learner', candidateId: self }),
    employer: await a.keyFor({ role: 'employer', organisationId: org }),
    planner: await a.keyFor({ role: 'planner' }),
  };
});
afterAll(async () => a.close());

const typeOf = (r: { body: { data?: Record<string, { __typename?: string }> } }, field: string): string | undefined => r.body.data?.[field]?.__typename;

describe('learner boundary: a learner key sees only its own candidate', () => {
  it('candidate(id) of another person is NotFound (no hint it exists); its own is readable', async () => {
    expect(typeOf(await a.gql(`query($id: ID!) { candidate(id: $id) { __typename } }`, { id: other }, keys.learner), 'candidate')).toBe('NotFoundError');
    expect(typeOf(await a.gql(`query($id: ID!) { candidate(id: $id) { __typename } }`, { id: self }, keys.learner), 'candidate')).toBe('Candidate');
  });

  it('candidates lists only itself', async () => {
    const r = await a.gql(`{ candidates(first: 100) { edges { node { id } } } }`, {}, keys.learner);
    expect(r.body.data!.candidates.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([self]);
  });

  it('no other path reaches another candidate: fit, rankRoles, recommendCredentials, rankCandidates', async () => {
    const v = { c: other, r: ownRole };
    expect(typeOf(await a.gql(`query($c: ID!, $r: ID!) { fit(candidateId: $c, roleId: $r) { __typename } }`, v, keys.learner), 'fit')).toBe('NotFoundError');
    expect(typeOf(await a.gql(`query($c: ID!) { rankRoles(candidateId: $c) { __typename } }`, { c: other }, keys.learner), 'rankRoles')).toBe('NotFoundError');
    expect(typeOf(await a.gql(`query($c: ID!, $r: ID!) { recommendCredentials(candidateId: $c, roleId: $r) { __typename } }`, v, keys.learner), 'recommendCredentials')).toBe('NotFoundError');
    expect(typeOf(await a.gql(`query($r: ID!) { rankCandidates(roleId: $r) { __typename } }`, { r: ownRole }, keys.learner), 'rankCandidates')).toBe('ForbiddenError');
  });

  it('rankRoles of itself returns FitResults whose nested candidate is only itself', async () => {
    const r = await a.gql(`query($c: ID!) { rankRoles(candidateId: $c, first: 5) { ... on QueryRankRolesSuccess { data { candidate { id } } } } }`, { c: self }, keys.learner);
    const ids = new Set(r.body.data!.rankRoles.data.map((f: { candidate: { id: string } }) => f.candidate.id));
    expect([...ids]).toEqual([self]);
  });

  it('cannot change or award to another candidate', async () => {
    const up = await a.gql(`mutation($i: CandidateInput!) { upsertCandidate(input: $i) { __typename } }`, { i: { id: other, name: 'x' } }, keys.learner);
    expect(typeOf(up, 'upsertCandidate')).toBe('ForbiddenError');
    const aw = await a.gql(`mutation($c: ID!) { awardCredential(candidateId: $c, document: {}) { __typename } }`, { c: other }, keys.learner);
    expect(typeOf(aw, 'awardCredential')).toBe('ForbiddenError');
  });
});

describe('planner boundary: aggregates only, no personal data', () => {
  it('gets gaps', async () => {
    expect(typeOf(await a.gql(`{ gaps { __typename } }`, {}, keys.planner), 'gaps')).toBe('GapReport');
  });

  it('gets no candidate by any path', async () => {
    expect(typeOf(await a.gql(`query($id: ID!) { candidate(id: $id) { __typename } }`, { id: self }, keys.planner), 'candidate')).toBe('ForbiddenError');
    expect((await a.gql(`{ candidates(first: 10) { edges { node { id } } } }`, {}, keys.planner)).body.data!.candidates.edges).toEqual([]);
    expect(typeOf(await a.gql(`query($r: ID!) { rankCandidates(roleId: $r) { __typename } }`, { r: ownRole }, keys.planner), 'rankCandidates')).toBe('ForbiddenError');
    expect(typeOf(await a.gql(`query($c: ID!, $r: ID!) { fit(candidateId: $c, roleId: $r) { __typename } }`, { c: self, r: ownRole }, keys.planner), 'fit')).toBe('ForbiddenError');
    expect(typeOf(await a.gql(`query($c: ID!) { rankRoles(candidateId: $c) { __typename } }`, { c: self }, keys.planner), 'rankRoles')).toBe('ForbiddenError');
  });

  it('gap cells carry no person ids and small groups are suppressed', async () => {
    const r = await a.gql(`{ gaps(by: SKILL) { ... on GapReport { cells { key supply supplyCount: cohortSize suppressed } } } }`, {}, keys.planner);
    const text = JSON.stringify(r.body);
    expect(text).not.toContain('urn:sample:candidate');
  });
});

describe('employer boundary: its own roles and only candidates who shared with it', () => {
  it('ranks only candidates who shared their profile with the organisation', async () => {
    const r = await a.gql(`query($r: ID!) { rankCandidates(roleId: $r, first: 100) { ... on RankedCandidateConnection { totalCount edges { node { candidate { id sharedWith } } } } } }`, { r: ownRole }, keys.employer);
    const conn = r.body.data!.rankCandidates;
    const expected = [...a.workspace.records.candidates.values()].filter((c) => c.sharedWith.includes(org)).length;
    expect(conn.totalCount).toBe(expected);
    expect(conn.edges.every((e: { node: { candidate: { sharedWith: string[] } } }) => e.node.candidate.sharedWith.includes(org))).toBe(true);
  });

  it("another organisation's role is NotFound", async () => {
    expect(typeOf(await a.gql(`query($r: ID!) { rankCandidates(roleId: $r) { __typename } }`, { r: foreignRole }, keys.employer), 'rankCandidates')).toBe('NotFoundError');
    expect(typeOf(await a.gql(`query($r: ID!) { role(id: $r) { __typename } }`, { r: foreignRole }, keys.employer), 'role')).toBe('NotFoundError');
  });

  it('a candidate who did not share is NotFound, and candidates lists only those who did', async () => {
    expect(typeOf(await a.gql(`query($id: ID!) { candidate(id: $id) { __typename } }`, { id: other }, keys.employer), 'candidate')).toBe('NotFoundError');
    const r = await a.gql(`{ candidates(first: 100) { edges { node { sharedWith } } } }`, {}, keys.employer);
    expect(r.body.data!.candidates.edges.every((e: { node: { sharedWith: string[] } }) => e.node.sharedWith.includes(org))).toBe(true);
  });

  it('cannot create API keys or import credentials', async () => {
    expect(typeOf(await a.gql(`mutation { createApiKey(role: admin) { __typename } }`, {}, keys.employer), 'createApiKey')).toBe('ForbiddenError');
    expect(typeOf(await a.gql(`mutation { importCredential(document: {}) { __typename } }`, {}, keys.employer), 'importCredential')).toBe('ForbiddenError');
  });
});

describe('no key and revoked keys', () => {
  it('without a key, personal data and analytics are forbidden; the taxonomy is public', async () => {
    expect(typeOf(await a.gql(`query($id: ID!) { candidate(id: $id) { __typename } }`, { id: self }), 'candidate')).toBe('ForbiddenError');
    expect(typeOf(await a.gql(`{ gaps { __typename } }`), 'gaps')).toBe('ForbiddenError');
    expect((await a.gql(`{ skillGroupRoots { id } }`)).body.data!.skillGroupRoots.length).toBeGreaterThan(0);
  });

  it('a revoked key no longer works', async () => {
    const { key, record } = await a.workspace.keys.create({ role: 'admin' }, new Date());
    expect(typeOf(await a.gql(`{ gaps { __typename } }`, {}, key), 'gaps')).toBe('GapReport');
    const r = await a.gql(`mutation($id: String!) { revokeApiKey(id: $id) { __typename ... on MutationRevokeApiKeySuccess { data } } }`, { id: record.id }, keys.admin);
    expect(r.body.data!.revokeApiKey.data).toBe(true);
    expect(typeOf(await a.gql(`{ gaps { __typename } }`, {}, key), 'gaps')).toBe('ForbiddenError');
  });

  it('a forged key is treated as no key', async () => {
    expect(typeOf(await a.gql(`{ gaps { __typename } }`, {}, 'sg_forged'), 'gaps')).toBe('ForbiddenError');
  });
});
