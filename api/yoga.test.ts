import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleApp, type SampleApp } from './testing/sample-app.ts';

let a: SampleApp;
let admin: string;
let roleId: string;
let candidateId: string;

beforeAll(async () => {
  a = await sampleApp();
  admin = await a.keyFor({ role: 'admin' });
  roleId = [...a.workspace.records.roles.keys()][0]!;
  candidateId = [...a.workspace.records.candidates.keys()][0]!;
});
afterAll(async () => a.close());

describe('queries on the sample data', () => {
  it('skill returns labels, parents and occupations of a known skill', async () => {
    const skill = a.sample.taxonomy.skills.find((s) => a.workspace.graph.parents(s.id).length > 0)!;
    const r = await a.gql(`query($id: ID!) { skill(id: $id) { __typename ... on Skill { id preferredLabel altLabels parents { __typename ... on SkillGroup { id } ... on Skill { id } } occupations(first: 5) { edges { node { relationType } } } } } }`, { id: skill.id });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data!.skill.__typename).toBe('Skill');
    expect(r.body.data!.skill.preferredLabel).toBe(skill.preferredLabel);
    expect(r.body.data!.skill.parents.length).toBeGreaterThan(0);
  });

  it('searchSkills finds a skill by its alternative label', async () => {
    const skill = a.sample.taxonomy.skills.find((s) => s.altLabels.length > 0)!;
    const r = await a.gql(`query($t: String!) { searchSkills(text: $t) { ... on QuerySearchSkillsSuccess { data { score skill { id } } } } }`, { t: skill.altLabels[0] });
    expect(r.body.data!.searchSkills.data.map((x: { skill: { id: string } }) => x.skill.id)).toContain(skill.id);
  });

  it('occupation resolves by URI and lists essential skills', async () => {
    const occ = a.sample.taxonomy.occupationSkills[0]!.occupationId;
    const r = await a.gql(`query($id: ID!) { occupation(id: $id) { ... on Occupation { id preferredLabel skills(first: 50, relationType: "essential") { edges { node { relationType skill { id } } } } } } }`, { id: occ });
    const edges = r.body.data!.occupation.skills.edges;
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.every((e: { node: { relationType: string } }) => e.node.relationType === 'essential')).toBe(true);
  });

  it('rankCandidates returns a ranked page with evidence chains and a cursor that pages on', async () => {
    const q = `query($r: ID!, $after: String) { rankCandidates(roleId: $r, first: 5, after: $after) { __typename ... on RankedCandidateConnection { totalCount pageInfo { hasNextPage endCursor } edges { cursor score node { fit candidate { id } requirements { label coverage best { match credential { id } verification } } } } } } }`;
    const p1 = await a.gql(q, { r: roleId }, admin);
    const page1 = p1.body.data!.rankCandidates;
    expect(page1.__typename).toBe('RankedCandidateConnection');
    expect(page1.edges).toHaveLength(5);
    const scores = page1.edges.map((e: { score: number }) => e.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    expect(page1.edges[0].node.requirements.some((r: { best: unknown }) => r.best !== null)).toBe(true);
    const p2 = await a.gql(q, { r: roleId, after: page1.pageInfo.endCursor }, admin);
    const ids1 = new Set(page1.edges.map((e: { node: { candidate: { id: string } } }) => e.node.candidate.id));
    const page2 = p2.body.data!.rankCandidates.edges;
    expect(page2).toHaveLength(5);
    expect(page2.some((e: { node: { candidate: { id: string } } }) => ids1.has(e.node.candidate.id))).toBe(false);
    expect(page2[0].score).toBeLessThanOrEqual(scores[4]);
  });

  it('rankCandidates is deterministic: the same query twice gives identical output', async () => {
    const q = `query($r: ID!) { rankCandidates(roleId: $r, first: 20) { ... on RankedCandidateConnection { edges { score node { candidate { id } fit } } } } }`;
    const x = await a.gql(q, { r: roleId }, admin);
    const y = await a.gql(q, { r: roleId }, admin);
    expect(JSON.stringify(x.body)).toBe(JSON.stringify(y.body));
  });

  it('rankRoles, fit and recommendCredentials answer for a candidate', async () => {
    const r = await a.gql(
      `query($c: ID!, $r: ID!) {
        rankRoles(candidateId: $c, first: 3) { ... on QueryRankRolesSuccess { data { role { id } score } } }
        fit(candidateId: $c, roleId: $r) { ... on FitResult { fit missingEssentials { id } } }
        recommendCredentials(candidateId: $c, roleId: $r, budget: 1500) { ... on Recommendations { fitBefore next { credential { id } gain } pathway { totalCost fitAfter steps { credential { id } cumulativeCost } } } }
      }`,
      { c: candidateId, r: roleId },
      admin,
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data!.rankRoles.data).toHaveLength(3);
    expect(typeof r.body.data!.fit.fit).toBe('number');
    expect(r.body.data!.recommendCredentials.pathway.totalCost).toBeLessThanOrEqual(1500);
  });

  it('gaps returns a matrix, trends and a what-if', async () => {
    const cred = [...a.workspace.records.credentials.keys()][0]!;
    const r = await a.gql(`query($c: ID!) { gaps(by: GROUP, whatIf: { credentialId: $c, people: 50 }) { ... on GapReport { cells { key demand supply gap suppressed } trends { label direction } whatIf { people before { key } after { key supply } } } } }`, { c: cred }, admin);
    expect(r.body.errors).toBeUndefined();
    const g = r.body.data!.gaps;
    expect(g.cells.length).toBeGreaterThan(0);
    expect(g.trends.length).toBeGreaterThan(0);
    expect(g.whatIf.people).toBe(50);
  });

  it('linkText finds skills with spans', async () => {
    const skill = a.sample.taxonomy.skills[0]!;
    const r = await a.gql(`query($t: String!) { linkText(text: $t) { ... on QueryLinkTextSuccess { data { skillId confidence provenance { kind span } } } } }`, { t: `Duties\n${skill.preferredLabel}\n` }, admin);
    const links = r.body.data!.linkText.data;
    expect(links.map((l: { skillId: string }) => l.skillId)).toContain(skill.id);
    expect(links[0].provenance.span).toHaveLength(2);
  });

  it('role, roles, candidate, candidates, credential, credentials, jobPosting(s) read the sample data', async () => {
    const cred = [...a.workspace.records.credentials.keys()][0]!;
    const posting = [...a.workspace.records.postings.keys()][0]!;
    const r = await a.gql(
      `query($r: ID!, $c: ID!, $cr: ID!, $p: ID!) {
        role(id: $r) { ... on Role { id requirements { skillId weight essential } } }
        roles(first: 3) { edges { node { id } } }
        candidate(id: $c) { ... on Candidate { id awards(first: 10) { edges { node { verification credential { name } } } } skills(first: 3) { edges { node { strength evidence { kind } } } } } }
        candidates(first: 2) { edges { node { id } } }
        credential(id: $cr) { ... on Credential { id name skills { skillId provenance { kind } } prerequisites { id } stacksInto { id } } }
        credentials(first: 2) { edges { node { id } } }
        jobPosting(id: $p) { ... on JobPosting { id title skills { skillId } } }
        jobPostings(first: 2) { edges { node { id } } }
      }`,
      { r: roleId, c: candidateId, cr: cred, p: posting },
      admin,
    );
    expect(r.body.errors).toBeUndefined();
    const d = r.body.data!;
    expect(d.role.requirements.length).toBeGreaterThan(0);
    expect(d.roles.edges).toHaveLength(3);
    expect(d.candidate.id).toBe(candidateId);
    expect(d.candidates.edges).toHaveLength(2);
    expect(d.credential.id).toBe(cred);
    expect(d.jobPosting.id).toBe(posting);
  });
});

describe('typed errors', () => {
  it('not found is a NotFoundError member, not a GraphQL error', async () => {
    const r = await a.gql(`{ skill(id: "urn:none") { __typename ... on Error { message code } ... on NotFoundError { entity entityId } } }`);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data!.skill).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND', entity: 'Skill', entityId: 'urn:none' });
  });

  it('invalid input is an InputValidationError with the path', async () => {
    const r = await a.gql(`{ searchSkills(text: "   ") { __typename ... on InputValidationError { issues { message path } } } }`);
    expect(r.body.data!.searchSkills.__typename).toBe('InputValidationError');
    expect(r.body.data!.searchSkills.issues[0].path).toEqual(['text']);
  });

  it('a bad cursor is an InvalidInputError', async () => {
    const r = await a.gql(`query($r: ID!) { rankCandidates(roleId: $r, after: "not-a-cursor") { __typename ... on InvalidInputError { message path } } }`, { r: roleId }, admin);
    expect(r.body.data!.rankCandidates.__typename).toBe('InvalidInputError');
  });

  it('a forced bug is masked: no stack, no message leak', async () => {
    const original = a.workspace.graph.skill.bind(a.workspace.graph);
    a.workspace.graph.skill = () => {
      throw new Error('secret internal detail');
    };
    try {
      const r = await a.gql(`{ skill(id: "x") { __typename } }`);
      expect(r.body.errors?.[0]?.message).toBe('Unexpected error.');
      expect(JSON.stringify(r.body)).not.toContain('secret internal detail');
    } finally {
      a.workspace.graph.skill = original;
    }
  });
});

describe('limits', () => {
  it('refuses an over-deep query with a clear message', async () => {
    let sel = 'id';
    for (let i = 0; i < 12; i++) sel = `children { ... on SkillGroup { ${sel} } }`;
    const deep = `{ skillGroupRoots { ${sel} } }`;
    const r = await a.gql(deep);
    expect(r.body.errors?.[0]?.message).toMatch(/depth \d+ exceeds the limit of 10/);
  });

  it('refuses an over-complex query with a clear message', async () => {
    const r = await a.gql(`{ credentials(first: 100) { edges { node { prerequisites { prerequisites { prerequisites { stacksInto { id name } } } } } } } }`);
    expect(r.body.errors?.[0]?.message).toMatch(/complexity \d+ exceeds the limit of 10000/);
  });

  it('refuses a page larger than 100', async () => {
    const r = await a.gql(`{ credentials(first: 1000) { edges { node { id } } } }`);
    expect(r.body.errors?.[0]?.message).toMatch(/page size must be at most 100/);
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await a.app.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ skillGroupRoots { id } }`, pad: 'x'.repeat(1_100_000) }) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/exceeds the limit/);
  });

  it('rate-limits a key past its budget with 429 and a retry-after', async () => {
    const limited = await sampleApp({ rateLimit: { requests: 3, windowMs: 60_000 } });
    const key = await limited.keyFor({ role: 'planner' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await limited.gql(`{ skillGroupRoots { id } }`, {}, key)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    await limited.close();
  });
});

describe('mutations', () => {
  it('importCredential stores an Open Badges 3.0 achievement credential and its aligned skills', async () => {
    const skill = a.sample.taxonomy.skills[3]!;
    const doc = {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: 'urn:test:credential:1',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: 'urn:test:issuer', type: ['Profile'], name: 'Test Issuer' },
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: {
        id: 'did:example:learner',
        type: ['AchievementSubject'],
        achievement: {
          id: 'urn:test:achievement:1',
          type: ['Achievement'],
          name: 'Test Achievement',
          description: 'A test.',
          criteria: { narrative: 'Do the thing.' },
          alignment: [{ type: ['Alignment'], targetName: skill.preferredLabel, targetUrl: skill.id, targetType: 'ceasn:Competency' }],
        },
      },
    };
    const r = await a.gql(`mutation($d: JSON!) { importCredential(document: $d) { __typename ... on MutationImportCredentialSuccess { data { id name skills { skillId confidence provenance { kind source } } } } ... on Error { message } } }`, { d: doc }, admin);
    expect(r.body.errors).toBeUndefined();
    const created = r.body.data!.importCredential.data[0];
    expect(created.skills[0]).toMatchObject({ skillId: skill.id, confidence: 1 });
    expect(await a.store.getCredential(created.id)).not.toBeNull();
  });

  it('importCredential refuses a non-credential with a typed error and stores nothing', async () => {
    const before = await a.store.stats();
    const r = await a.gql(`mutation($d: JSON!) { importCredential(document: $d) { __typename ... on InvalidInputError { message path } } }`, { d: { hello: 'world' } }, admin);
    expect(r.body.data!.importCredential.__typename).toBe('InvalidInputError');
    expect(await a.store.stats()).toEqual(before);
  });

  it('importJobPosting stores a schema.org JobPosting', async () => {
    const skill = a.sample.taxonomy.skills[5]!;
    const doc = { '@context': 'https://schema.org', '@type': 'JobPosting', identifier: 'urn:test:posting:1', title: 'Tester', description: `You will ${skill.preferredLabel}.`, datePosted: '2026-10-01', hiringOrganization: { '@type': 'Organization', name: 'Org', identifier: 'urn:test:org' }, skills: [{ '@type': 'DefinedTerm', name: skill.preferredLabel, url: skill.id }] };
    const r = await a.gql(`mutation($d: JSON!) { importJobPosting(document: $d) { __typename ... on MutationImportJobPostingSuccess { data { id title skills { skillId } } } ... on Error { message } } }`, { d: doc }, admin);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data!.importJobPosting.data[0].skills.map((s: { skillId: string }) => s.skillId)).toContain(skill.id);
  });

  it('upsertCandidate creates a candidate; an unknown claimed skill is refused and changes nothing', async () => {
    const ok = await a.gql(`mutation($i: CandidateInput!) { upsertCandidate(input: $i) { __typename ... on Candidate { id name } } }`, { i: { id: 'urn:test:cand:1', name: 'Test Person', claimedSkillIds: [a.sample.taxonomy.skills[0]!.id] } }, admin);
    expect(ok.body.data!.upsertCandidate).toEqual({ __typename: 'Candidate', id: 'urn:test:cand:1', name: 'Test Person' });
    const before = await a.store.stats();
    const bad = await a.gql(`mutation($i: CandidateInput!) { upsertCandidate(input: $i) { __typename ... on InvalidInputError { path } } }`, { i: { id: 'urn:test:cand:2', name: 'X', claimedSkillIds: ['urn:no-such-skill'] } }, admin);
    expect(bad.body.data!.upsertCandidate).toEqual({ __typename: 'InvalidInputError', path: 'input.claimedSkillIds[0]' });
    expect(await a.store.stats()).toEqual(before);
  });

  it('awardCredential adds a credential with proofless verification status and refuses an unknown candidate', async () => {
    const missing = await a.gql(`mutation($d: JSON!) { awardCredential(candidateId: "urn:none", document: $d) { __typename } }`, { d: {} }, admin);
    expect(missing.body.data!.awardCredential.__typename).toBe('NotFoundError');
  });

  it('createApiKey makes a working key (admin only) and keys are stored hashed', async () => {
    const r = await a.gql(`mutation { createApiKey(role: planner) { ... on NewApiKey { key role } } }`, {}, admin);
    const key = r.body.data!.createApiKey.key as string;
    expect(key).toMatch(/^sg_/);
    const meta = (await a.store.getMeta('api-keys'))!;
    expect(meta).not.toContain(key);
    const use = await a.gql(`{ gaps(by: SKILL) { __typename } }`, {}, key);
    expect(use.body.data!.gaps.__typename).toBe('GapReport');
  });
});
