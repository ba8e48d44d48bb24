import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from './schema/index.ts';
import { sampleApp, type SampleApp } from './testing/sample-app.ts';

/**
 * Who may call what (DESIGN.md §5), as one table: every Query and Mutation field × every caller
 * (admin, employer, learner, planner, no key). A field missing from the table fails the suite, so a
 * new field must be classified here before it ships.
 *
 * "allowed": the success member of the result union, a non-empty connection or list.
 * "refused": ForbiddenError or NotFoundError, or an empty connection — never a top-level error.
 */
type Caller = 'admin' | 'employer' | 'learner' | 'planner' | 'none';
const CALLERS: readonly Caller[] = ['admin', 'employer', 'learner', 'planner', 'none'];
type Outcome = 'allowed' | 'refused';

interface Ids {
  self: string;
  hidden: string;
  org: string;
  ownRole: string;
  ownPosting: string;
  ownPostingTitle: string;
  credential: string;
  occupation: string;
  skill: string;
  skillLabel: string;
  group: string;
}

interface Case {
  /** The operation (its root field is the table key). */
  readonly doc: string;
  /** 'union': a result union; 'connection': edges; 'list': a plain list. */
  readonly shape: 'union' | 'connection' | 'list';
  readonly vars?: (ids: Ids, caller: Caller) => Promise<Record<string, unknown>> | Record<string, unknown>;
  readonly expect: Readonly<Record<Caller, Outcome>>;
}

const A: Outcome = 'allowed';
const R: Outcome = 'refused';
const row = (admin: Outcome, employer: Outcome, learner: Outcome, planner: Outcome, none: Outcome): Record<Caller, Outcome> => ({ admin, employer, learner, planner, none });
const PUBLIC = row(A, A, A, A, A);
const ANY_KEY = row(A, A, A, A, R);
const PERSONAL = row(A, A, A, R, R);

let a: SampleApp;
let ids: Ids;
let keys: Record<Exclude<Caller, 'none'>, string>;
let seq = 0;

function ob3(id: string, skillId: string, skillLabel: string) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:test:access:credential:${id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'urn:test:access:issuer', type: ['Profile'], name: 'Access Test Issuer' },
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: {
      id: 'did:example:access-learner',
      type: ['AchievementSubject'],
      achievement: {
        id: `urn:test:access:achievement:${id}`,
        type: ['Achievement'],
        name: `Access Achievement ${id}`,
        description: 'A test.',
        criteria: { narrative: 'Do the thing.' },
        alignment: [{ type: ['Alignment'], targetName: skillLabel, targetUrl: skillId, targetType: 'ceasn:Competency' }],
      },
    },
  };
}

const QUERIES: Readonly<Record<string, Case>> = {
  candidate: { doc: `query($id: ID!) { candidate(id: $id) { __typename } }`, shape: 'union', vars: (i) => ({ id: i.self }), expect: PERSONAL },
  candidates: { doc: `{ candidates(first: 100) { edges { node { id } } } }`, shape: 'connection', expect: PERSONAL },
  credential: { doc: `query($id: ID!) { credential(id: $id) { __typename } }`, shape: 'union', vars: (i) => ({ id: i.credential }), expect: PUBLIC },
  credentials: { doc: `{ credentials(first: 5) { edges { node { id } } } }`, shape: 'connection', expect: PUBLIC },
  credentialValue: { doc: `query($id: ID!) { credentialValue(id: $id) { __typename } }`, shape: 'union', vars: (i) => ({ id: i.credential }), expect: ANY_KEY },
  fit: { doc: `query($c: ID!, $r: ID!) { fit(candidateId: $c, roleId: $r) { __typename } }`, shape: 'union', vars: (i) => ({ c: i.self, r: i.ownRole }), expect: PERSONAL },
  gaps: { doc: `{ gaps { __typename } }`, shape: 'union', expect: row(A, A, R, A, R) },
  jobPosting: { doc: `query($id: ID!) { jobPosting(id: $id) { __typename } }`, shape: 'union', vars: (i) => ({ id: i.ownPosting }), expect: ANY_KEY },
  jobPostings: { doc: `{ jobPostings(first: 5) { edges { node { id } } } }`, shape: 'connection', expect: ANY_KEY },
  linkText: { doc: `query($t: String!) { linkText(text: $t) { __typename } }`, shape: 'union', vars: (i) => ({ t: i.skillLabel }), expect: ANY_KEY },
  normalizeTitle: { doc: `{ normalizeTitle(title: "data analyst") { __typename } }`, shape: 'union', expect: ANY_KEY },
  occupation: { doc: `query($id: ID!) { occupation(id: $id) { __typename } }`, shape: 'union', vars: (i) => ({ id: i.occupation }), expect: PUBLIC },
  rankCandidates: { doc: `query($r: ID!) { rankCandidates(roleId: $r, first: 5) { __typename } }`, shape: 'union', vars: (i) => ({ r: i.ownRole }), expect: row(A, A, R, R, R) },
  rankRoles: { doc: `query($c: ID!) { rankRoles(candidateId: $c, first: 3) { __typename } }`, shape: 'union', vars: (i) => ({ c: i.self }), expect: PERSONAL },
  recommendCredentials: { doc: `query($c: ID!, $r: ID!) { recommendCredentials(candidateId: $c, roleId: $r, budget: 500) { __typename } }`, shape: 'union', vars: (i) => ({ c: i.self, r: i.ownRole }), expect: PERSONAL },
  role: { doc: `query($id: ID!) { role(id: $id) { __typename } }`, shape: 'union', vars: (i) => ({ id: i.ownRole }), expect: ANY_KEY },
  roles: { doc: `{ roles(first: 5) { edges { node { id } } } }`, shape: 'connection', expect: ANY_KEY },
  postingDemand: { doc: `{ postingDemand { __typename } }`, shape: 'union', expect: ANY_KEY },
  searchCandidates: { doc: `query($t: String!) { searchCandidates(text: $t) { id } }`, shape: 'list', vars: (i) => ({ t: i.self }), expect: PERSONAL },
  searchRoles: { doc: `query($t: String!) { searchRoles(text: $t) { id } }`, shape: 'list', vars: (i) => ({ t: i.ownPostingTitle }), expect: ANY_KEY },
  searchSkills: { doc: `query($t: String!) { searchSkills(text: $t) { __typename } }`, shape: 'union', vars: (i) => ({ t: i.skillLabel }), expect: PUBLIC },
  verifyCredential: { doc: `query($d: JSON!) { verifyCredential(document: $d) { __typename } }`, shape: 'union', vars: () => ({ d: { type: ['VerifiableCredential'] } }), expect: ANY_KEY },
  skill: { doc: `query($id: ID!) { skill(id: $id) { __typename } }`, shape: 'union', vars: (i) => ({ id: i.skill }), expect: PUBLIC },
  skillGroup: { doc: `query($id: ID!) { skillGroup(id: $id) { __typename } }`, shape: 'union', vars: (i) => ({ id: i.group }), expect: PUBLIC },
  skillGroupRoots: { doc: `{ skillGroupRoots { id } }`, shape: 'list', expect: PUBLIC },
  skillTree: { doc: `{ skillTree(depth: 2) { __typename } }`, shape: 'union', expect: PUBLIC },
  taxonomyVersions: { doc: `{ taxonomyVersions { source version } }`, shape: 'list', expect: PUBLIC },
};

const MUTATIONS: Readonly<Record<string, Case>> = {
  awardCredential: {
    doc: `mutation($c: ID!, $d: JSON!) { awardCredential(candidateId: $c, document: $d) { __typename } }`,
    shape: 'union',
    vars: (i, caller) => ({ c: i.self, d: ob3(`award-${caller}-${++seq}`, i.skill, i.skillLabel) }),
    expect: row(A, R, A, R, R),
  },
  createApiKey: { doc: `mutation { createApiKey(role: planner) { __typename } }`, shape: 'union', expect: row(A, R, R, R, R) },
  importCredential: {
    doc: `mutation($d: JSON!) { importCredential(document: $d) { __typename } }`,
    shape: 'union',
    vars: (i, caller) => ({ d: ob3(`import-${caller}-${++seq}`, i.skill, i.skillLabel) }),
    expect: row(A, R, R, R, R),
  },
  importCandidates: {
    doc: `mutation($d: JSON!) { importCandidates(document: $d, link: false) { __typename } }`,
    shape: 'union',
    vars: (_i, caller) => ({ d: `id,name,skills\nurn:test:access:cand:${caller}-${++seq},Access Test,\n` }),
    expect: row(A, A, R, R, R),
  },
  importJobPosting: {
    doc: `mutation($d: JSON!) { importJobPosting(document: $d) { __typename } }`,
    shape: 'union',
    vars: (i, caller) => ({
      d: { '@context': 'https://schema.org', '@type': 'JobPosting', identifier: `urn:test:access:posting:${caller}-${++seq}`, title: 'Tester', description: `You will ${i.skillLabel}.`, datePosted: '2026-10-01', hiringOrganization: { '@type': 'Organization', name: 'Org', identifier: i.org } },
    }),
    expect: row(A, A, R, R, R),
  },
  revokeApiKey: {
    doc: `mutation($id: String!) { revokeApiKey(id: $id) { __typename } }`,
    shape: 'union',
    vars: async () => ({ id: (await a.workspace.keys.create({ role: 'planner' }, new Date())).record.id }),
    expect: row(A, R, R, R, R),
  },
  upsertCandidate: {
    doc: `mutation($i: CandidateInput!) { upsertCandidate(input: $i) { __typename } }`,
    shape: 'union',
    vars: (i) => ({ i: { id: i.self, name: a.workspace.records.candidates.get(i.self)!.name } }),
    expect: row(A, R, A, R, R),
  },
};

const SUCCESS_TYPES = new Set(['Candidate', 'Credential', 'FitResult', 'GapReport', 'JobPosting', 'QueryLinkTextSuccess', 'Occupation', 'RankedCandidateConnection', 'QueryRankRolesSuccess', 'Recommendations', 'Role', 'QuerySearchSkillsSuccess', 'QuerySkillTreeSuccess', 'Skill', 'SkillGroup', 'Award', 'NewApiKey', 'MutationImportCredentialSuccess', 'MutationImportJobPostingSuccess', 'MutationRevokeApiKeySuccess', 'VerifyReport', 'CandidateImportReport', 'PostingDemand', 'QueryNormalizeTitleSuccess', 'CredentialValue']);
const REFUSALS = new Set(['ForbiddenError', 'NotFoundError']);

async function outcome(field: string, c: Case, caller: Caller): Promise<Outcome | string> {
  const vars = c.vars ? await c.vars(ids, caller) : {};
  const r = await a.gql(c.doc, vars, caller === 'none' ? null : keys[caller]);
  if (r.body.errors) return `top-level error: ${r.body.errors[0]!.message}`;
  const v = r.body.data![field];
  if (c.shape === 'connection') return v.edges.length > 0 ? 'allowed' : 'refused';
  if (c.shape === 'list') return v.length > 0 ? 'allowed' : 'refused';
  if (REFUSALS.has(v.__typename)) return 'refused';
  if (SUCCESS_TYPES.has(v.__typename)) return 'allowed';
  return `unexpected result ${v.__typename} (the table's input should be valid)`;
}

beforeAll(async () => {
  // a deterministic stand-in for the title normaliser (the model-backed one is tested in app/title-normalizer.test.ts)
  a = await sampleApp({ titles: async () => ({ normalize: async (t) => t.map(() => []), rankAll: async (t) => t.map(() => []), dispose: async () => {} }) });
  const roles = [...a.workspace.records.roles.values()];
  const own = roles[0]!;
  const candidates = [...a.workspace.records.candidates.values()];
  const self = candidates.find((c) => c.sharedWith.includes(own.organisationId))!;
  const hidden = candidates.find((c) => c.id !== self.id && !c.sharedWith.includes(own.organisationId))!;
  const posting = [...a.workspace.records.postings.values()].find((p) => p.organisationId === own.organisationId)!;
  const skill = a.sample.taxonomy.skills.find((s) => a.workspace.graph.findSkillsByLabel(s.preferredLabel).includes(s.id))!;
  const group = a.sample.taxonomy.groups.find((g) => a.workspace.graph.parents(g.id).length === 0)!;
  ids = {
    self: self.id,
    hidden: hidden.id,
    org: own.organisationId,
    ownRole: own.id,
    ownPosting: posting.id,
    ownPostingTitle: posting.title,
    credential: [...a.workspace.records.credentials.keys()][0]!,
    occupation: a.sample.taxonomy.occupations[0]!.id,
    skill: skill.id,
    skillLabel: skill.preferredLabel,
    group: group.id,
  };
  keys = {
    admin: await a.keyFor({ role: 'admin' }),
    employer: await a.keyFor({ role: 'employer', organisationId: own.organisationId }),
    learner: await a.keyFor({ role: 'learner', candidateId: self.id }),
    planner: await a.keyFor({ role: 'planner' }),
  };
});
afterAll(async () => a.close());

describe('the access table covers the whole schema', () => {
  it('every Query field is classified (and no stale rows)', () => {
    expect(Object.keys(schema.getQueryType()!.getFields()).sort()).toEqual(Object.keys(QUERIES).sort());
  });
  it('every Mutation field is classified (and no stale rows)', () => {
    expect(Object.keys(schema.getMutationType()!.getFields()).sort()).toEqual(Object.keys(MUTATIONS).sort());
  });
});

describe('queries: allowed or refused per caller', () => {
  for (const [field, c] of Object.entries(QUERIES)) {
    for (const caller of CALLERS) {
      it(`${field} as ${caller} is ${c.expect[caller]}`, async () => {
        expect(await outcome(field, c, caller)).toBe(c.expect[caller]);
      });
    }
  }
});

describe('mutations: allowed or refused per caller', () => {
  for (const [field, c] of Object.entries(MUTATIONS)) {
    for (const caller of CALLERS) {
      it(`${field} as ${caller} is ${c.expect[caller]}`, async () => {
        expect(await outcome(field, c, caller)).toBe(c.expect[caller]);
      });
    }
  }
});

describe('no path reaches a candidate the caller may not see', () => {
  const typeOf = (r: { body: { data?: Record<string, { __typename?: string }> } }, f: string) => r.body.data?.[f]?.__typename;

  it('every candidate-taking field refuses the hidden candidate for employer and learner, and nobody without a key', async () => {
    const docs: Record<string, string> = {
      candidate: `query($c: ID!) { candidate(id: $c) { __typename } }`,
      fit: `query($c: ID!, $r: ID!) { fit(candidateId: $c, roleId: $r) { __typename } }`,
      rankRoles: `query($c: ID!) { rankRoles(candidateId: $c) { __typename } }`,
      recommendCredentials: `query($c: ID!, $r: ID!) { recommendCredentials(candidateId: $c, roleId: $r) { __typename } }`,
    };
    for (const [field, doc] of Object.entries(docs)) {
      for (const caller of ['employer', 'learner', 'planner', 'none'] as const) {
        const r = await a.gql(doc, doc.includes('$r') ? { c: ids.hidden, r: ids.ownRole } : { c: ids.hidden }, caller === 'none' ? null : keys[caller]);
        expect(REFUSALS.has(typeOf(r, field)!), `${field} as ${caller}`).toBe(true);
      }
    }
  });

  it('a NotFound for a hidden candidate looks exactly like one for a candidate that does not exist', async () => {
    const q = `query($c: ID!, $r: ID!) {
      candidate(id: $c) { __typename ... on Error { code message } ... on NotFoundError { entity entityId } }
      fit(candidateId: $c, roleId: $r) { __typename ... on Error { code message } ... on NotFoundError { entity entityId } }
      rankRoles(candidateId: $c) { __typename ... on Error { code message } ... on NotFoundError { entity entityId } }
      recommendCredentials(candidateId: $c, roleId: $r) { __typename ... on Error { code message } ... on NotFoundError { entity entityId } }
    }`;
    const ghost = `${ids.hidden}-does-not-exist`;
    for (const caller of ['employer', 'learner'] as const) {
      const hidden = await a.gql(q, { c: ids.hidden, r: ids.ownRole }, keys[caller]);
      const missing = await a.gql(q, { c: ghost, r: ids.ownRole }, keys[caller]);
      expect(hidden.status).toBe(missing.status);
      expect(JSON.stringify(hidden.body).replaceAll(ids.hidden, 'ID')).toBe(JSON.stringify(missing.body).replaceAll(ghost, 'ID'));
      expect(typeOf(hidden, 'candidate')).toBe('NotFoundError');
    }
  });

  it("an employer's ranking, through every nested candidate, shows only people who shared with it", async () => {
    const q = `query($r: ID!, $after: String) { rankCandidates(roleId: $r, first: 100, after: $after) { ... on RankedCandidateConnection { pageInfo { endCursor hasNextPage } edges { node { candidate { id sharedWith } } } } } }`;
    let after: string | null = null;
    let seen = 0;
    do {
      const r = await a.gql(q, { r: ids.ownRole, after }, keys.employer);
      const conn = r.body.data!.rankCandidates;
      for (const e of conn.edges) expect(e.node.candidate.sharedWith).toContain(ids.org);
      seen += conn.edges.length;
      after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toBe([...a.workspace.records.candidates.values()].filter((c) => c.sharedWith.includes(ids.org)).length);
  });

  it("an employer's cursor shows a learner nothing, and another organisation's employer only its own candidates", async () => {
    const page = await a.gql(`query($r: ID!) { rankCandidates(roleId: $r, first: 2) { ... on RankedCandidateConnection { pageInfo { endCursor } } } }`, { r: ids.ownRole }, keys.employer);
    const cursor = page.body.data!.rankCandidates.pageInfo.endCursor as string;
    expect(cursor).toBeTruthy();
    const q = `query($r: ID!, $after: String) { rankCandidates(roleId: $r, first: 100, after: $after) { __typename ... on RankedCandidateConnection { edges { node { candidate { id sharedWith } } } } } }`;
    expect(typeOf(await a.gql(q, { r: ids.ownRole, after: cursor }, keys.learner), 'rankCandidates')).toBe('ForbiddenError');
    expect(typeOf(await a.gql(q, { r: ids.ownRole, after: cursor }, null), 'rankCandidates')).toBe('ForbiddenError');
    const otherRole = [...a.workspace.records.roles.values()].find((r) => r.organisationId !== ids.org)!;
    const otherKey = await a.keyFor({ role: 'employer', organisationId: otherRole.organisationId });
    // the foreign cursor on its own role: pages on within its own scope only
    const r = await a.gql(q, { r: otherRole.id, after: cursor }, otherKey);
    for (const e of r.body.data!.rankCandidates.edges) expect(e.node.candidate.sharedWith).toContain(otherRole.organisationId);
    // and the first organisation's role stays invisible to it, cursor or not
    expect(typeOf(await a.gql(q, { r: ids.ownRole, after: cursor }, otherKey), 'rankCandidates')).toBe('NotFoundError');
  });

  it('rankRoles nests only the asked candidate and, for an employer, only its own roles', async () => {
    const q = `query($c: ID!) { rankRoles(candidateId: $c, first: 100) { ... on QueryRankRolesSuccess { data { candidate { id } role { id organisationId } } } } }`;
    const asEmployer = (await a.gql(q, { c: ids.self }, keys.employer)).body.data!.rankRoles.data as { candidate: { id: string }; role: { organisationId: string } }[];
    expect(asEmployer.length).toBeGreaterThan(0);
    expect(new Set(asEmployer.map((f) => f.candidate.id))).toEqual(new Set([ids.self]));
    expect(new Set(asEmployer.map((f) => f.role.organisationId))).toEqual(new Set([ids.org]));
    const asLearner = (await a.gql(q, { c: ids.self }, keys.learner)).body.data!.rankRoles.data as { candidate: { id: string } }[];
    expect(new Set(asLearner.map((f) => f.candidate.id))).toEqual(new Set([ids.self]));
  });

  it('evidence chains and profile evidence of a visible candidate name only that candidate’s awards', async () => {
    const q = `query($c: ID!, $r: ID!) {
      fit(candidateId: $c, roleId: $r) { ... on FitResult { candidate { id } requirements { best { awardId credential { id } } } } }
      candidate(id: $c) { ... on Candidate { skills(first: 100) { edges { node { evidence { awardId } } } } } }
    }`;
    const own = new Set(a.workspace.records.awardsOfCandidate(ids.self).map((x) => x.id));
    const r = await a.gql(q, { c: ids.self, r: ids.ownRole }, keys.learner);
    const awardIds = [
      ...r.body.data!.fit.requirements.map((x: { best: { awardId: string | null } | null }) => x.best?.awardId ?? null),
      ...r.body.data!.candidate.skills.edges.flatMap((e: { node: { evidence: { awardId: string | null }[] } }) => e.node.evidence.map((x) => x.awardId)),
    ].filter((x): x is string => x !== null);
    expect(awardIds.length).toBeGreaterThan(0);
    for (const id of awardIds) expect(own.has(id), id).toBe(true);
  });

  it('a planner sees no candidate by any path, including an empty candidates list and no ids in gaps', async () => {
    const r = await a.gql(`{ candidates(first: 100) { edges { node { id } } } gaps(by: SKILL) { ... on GapReport { cells { key label } } } }`, {}, keys.planner);
    expect(r.body.data!.candidates.edges).toEqual([]);
    const text = JSON.stringify(r.body);
    for (const c of a.workspace.records.candidates.keys()) expect(text.includes(c)).toBe(false);
  });
});

describe('API keys: stored only as hashes, revocable', () => {
  it('store metadata holds each key’s SHA-256 and never the key text', async () => {
    const { key, record } = await a.workspace.keys.create({ role: 'admin' }, new Date());
    const meta = (await a.store.getMeta('api-keys'))!;
    for (const k of [key, ...Object.values(keys)]) {
      expect(meta.includes(k)).toBe(false);
      expect(meta.includes(k.slice(3))).toBe(false);
      expect(meta.includes(createHash('sha256').update(k).digest('hex'))).toBe(true);
    }
    expect(record.hash).toBe(createHash('sha256').update(key).digest('hex'));
  });

  it('a key created through the API is shown once, stored hashed, and stops working once revoked', async () => {
    const made = await a.gql(`mutation { createApiKey(role: employer, organisationId: "${ids.org}") { ... on NewApiKey { id key } } }`, {}, keys.admin);
    const { id, key } = made.body.data!.createApiKey as { id: string; key: string };
    expect((await a.store.getMeta('api-keys'))!.includes(key)).toBe(false);
    const q = `query($r: ID!) { rankCandidates(roleId: $r, first: 1) { __typename } }`;
    expect(typeOf(await a.gql(q, { r: ids.ownRole }, key))).toBe('RankedCandidateConnection');
    const revoked = await a.gql(`mutation($id: String!) { revokeApiKey(id: $id) { ... on MutationRevokeApiKeySuccess { data } } }`, { id }, keys.admin);
    expect(revoked.body.data!.revokeApiKey.data).toBe(true);
    expect(typeOf(await a.gql(q, { r: ids.ownRole }, key))).toBe('ForbiddenError');
    // revocation is persisted: a key ring reopened from the store still refuses it
    await a.workspace.keys.reload();
    expect(a.workspace.keys.authenticate(key)).toBeNull();
  });

  function typeOf(r: { body: { data?: Record<string, { __typename?: string }> } }): string | undefined {
    return r.body.data?.rankCandidates?.__typename;
  }
});

describe('API keys under concurrency', () => {
  it('concurrent createApiKey calls each return a key that works (no lost update of the key list)', async () => {
    const made = await Promise.all([1, 2, 3, 4].map(() => a.gql(`mutation { createApiKey(role: planner) { ... on NewApiKey { key } } }`, {}, keys.admin)));
    for (const m of made) {
      const r = await a.gql(`{ gaps { __typename } }`, {}, m.body.data!.createApiKey.key as string);
      expect(r.body.data!.gaps.__typename).toBe('GapReport');
    }
  });
});
