/**
 * The attacker suite of issue 17: every probe from the issue, tried the way an attacker would, against
 * the real app (sample data in SQLite): two organisations, two learners and a planner. Each refused
 * write leaves the store exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Candidate } from '../taxonomy/model/types.ts';
import { sampleApp, type SampleApp } from './testing/sample-app.ts';

let a: SampleApp;
let orgA: string;
let orgB: string;
let victim: Candidate;
let attacker: Candidate;
let keys: { admin: string; employerA: string; employerB: string; learner: string; victim: string; planner: string };
let skill: { id: string; label: string };
let seq = 0;

function ob3(opts: { vcId?: string; achievementId?: string; validFrom?: string; validUntil?: string; description?: string; name?: string } = {}) {
  const n = ++seq;
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: opts.vcId ?? `urn:test:attack:credential:${n}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'urn:test:attack:issuer', type: ['Profile'], name: 'Totally Real University' },
    validFrom: opts.validFrom ?? '2026-01-01T00:00:00Z',
    ...(opts.validUntil ? { validUntil: opts.validUntil } : {}),
    credentialSubject: {
      id: 'did:example:attacker',
      type: ['AchievementSubject'],
      achievement: {
        id: opts.achievementId ?? `urn:test:attack:achievement:${n}`,
        type: ['Achievement'],
        name: opts.name ?? `Attack badge ${n}`,
        description: opts.description ?? 'A badge.',
        criteria: { narrative: 'None.' },
        alignment: [{ type: ['Alignment'], targetName: skill.label, targetUrl: skill.id, targetType: 'ceasn:Competency' }],
      },
    },
  };
}

/** Everything the store holds of the records (not the taxonomy), in a stable order. */
async function snapshot(): Promise<string> {
  const sort = <T extends { id: string }>(xs: T[]): T[] => xs.sort((x, y) => (x.id < y.id ? -1 : 1));
  const [credentials, candidates, postings, roles, awards] = await Promise.all([a.store.listCredentials(), a.store.listCandidates(), a.store.listPostings(), a.store.listRoles(), a.store.listAwards()]);
  return JSON.stringify([sort(credentials), sort(candidates), sort(postings), sort(roles), sort(awards)]);
}

/** Runs a refused write and checks the store did not change. */
async function refusedWrite(run: () => Promise<{ body: { data?: Record<string, { __typename?: string }> } }>, field: string, types: readonly string[]): Promise<void> {
  const before = await snapshot();
  const r = await run();
  expect(types, JSON.stringify(r.body).slice(0, 400)).toContain(r.body.data?.[field]?.__typename);
  expect(await snapshot()).toBe(before);
}

const AWARD = `mutation($c: ID!, $d: JSON!) { awardCredential(candidateId: $c, document: $d) { __typename ... on Award { id credential { id } } ... on Error { code message } } }`;
const IMPORT_POSTING = `mutation($d: JSON!) { importJobPosting(document: $d) { __typename ... on MutationImportJobPostingSuccess { data { id organisationId } } ... on Error { code message } } }`;

beforeAll(async () => {
  a = await sampleApp();
  const roles = [...a.services.records.roles.values()];
  orgA = roles[0]!.organisationId;
  orgB = roles.find((r) => r.organisationId !== orgA)!.organisationId;
  const candidates = [...a.services.records.candidates.values()];
  victim = candidates.find((c) => a.services.records.awardsOfCandidate(c.id).length > 0)!;
  attacker = candidates.find((c) => c.id !== victim.id)!;
  const s = a.sample.taxonomy.skills.find((x) => a.services.graph.findSkillsByLabel(x.preferredLabel).includes(x.id))!;
  skill = { id: s.id, label: s.preferredLabel };
  keys = {
    admin: await a.keyFor({ role: 'admin' }),
    employerA: await a.keyFor({ role: 'employer', organisationId: orgA }),
    employerB: await a.keyFor({ role: 'employer', organisationId: orgB }),
    learner: await a.keyFor({ role: 'learner', candidateId: attacker.id }),
    victim: await a.keyFor({ role: 'learner', candidateId: victim.id }),
    planner: await a.keyFor({ role: 'planner' }),
  };
});
afterAll(async () => a.close());

describe('issue 17 — writes cannot cross owners', () => {
  it("a learner cannot overwrite another candidate's award by reusing its id", async () => {
    const target = a.services.records.awardsOfCandidate(victim.id)[0]!;
    await refusedWrite(() => a.gql(AWARD, { c: attacker.id, d: ob3({ vcId: target.id }) }, keys.learner), 'awardCredential', ['ForbiddenError']);
    expect(a.services.records.awardsOfCandidate(victim.id).map((x) => x.id)).toContain(target.id);
    expect(a.services.records.awards.get(target.id)!.candidateId).toBe(victim.id);
  });

  it("a learner's document does not create a catalogue credential that others can read or get recommended", async () => {
    const before = (await a.store.listCredentials()).filter((c) => !c.id.startsWith('evidence:')).length;
    const achievementId = 'urn:test:attack:catalogue-injection';
    const r = await a.gql(AWARD, { c: attacker.id, d: ob3({ achievementId, description: '<img src=x onerror=alert(1)>Free money', name: 'Best badge' }) }, keys.learner);
    // the award lands as the learner's own evidence …
    expect(r.body.data!.awardCredential.__typename).toBe('Award');
    const credentialId = r.body.data!.awardCredential.credential.id as string;
    expect(credentialId).not.toBe(achievementId);
    // … and nothing reaches the catalogue
    expect((await a.store.listCredentials()).filter((c) => !c.id.startsWith('evidence:')).length).toBe(before);
    for (const id of [achievementId, credentialId]) {
      const anon = await a.gql(`query($id: ID!) { credential(id: $id) { __typename } }`, { id }, null);
      expect(anon.body.data!.credential.__typename).toBe('NotFoundError');
    }
    const all = await a.gql(`{ credentials(first: 100) { edges { node { id } } } }`, {}, null);
    expect(JSON.stringify(all.body)).not.toContain('catalogue-injection');
    const role = [...a.services.records.roles.values()][0]!;
    const rec = await a.gql(`query($c: ID!, $r: ID!) { recommendCredentials(candidateId: $c, roleId: $r, budget: 100000) { __typename } }`, { c: victim.id, r: role.id }, keys.victim);
    expect(rec.body.data!.recommendCredentials.__typename).toBe('Recommendations');
    expect(JSON.stringify(rec.body)).not.toContain('catalogue-injection');
    // the learner still sees its own evidence with its award
    const own = await a.gql(`query($c: ID!) { candidate(id: $c) { ... on Candidate { awards(first: 100) { edges { node { credential { id name } } } } } } }`, { c: attacker.id }, keys.learner);
    expect(JSON.stringify(own.body)).toContain(credentialId);
  });

  it('expired and not-yet-valid credentials are refused (the schema says so) and change nothing', async () => {
    await refusedWrite(() => a.gql(AWARD, { c: attacker.id, d: ob3({ validFrom: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' }) }, keys.learner), 'awardCredential', ['InvalidInputError', 'VerificationFailedError']);
    await refusedWrite(() => a.gql(AWARD, { c: attacker.id, d: ob3({ validFrom: '2030-01-01T00:00:00Z' }) }, keys.learner), 'awardCredential', ['InvalidInputError', 'VerificationFailedError']);
  });

  it("an employer cannot take over another organisation's posting by importing the same @id", async () => {
    const doc = (title: string, org: string) => ({ '@context': 'https://schema.org', '@type': 'JobPosting', '@id': 'urn:test:attack:posting:shared', title, description: `You will ${skill.label}.`, datePosted: '2026-10-01', hiringOrganization: { '@type': 'Organization', name: org, identifier: org } });
    const first = await a.gql(IMPORT_POSTING, { d: doc('A original', orgA) }, keys.employerA);
    const idA = first.body.data!.importJobPosting.data[0].id as string;
    const second = await a.gql(IMPORT_POSTING, { d: doc('B takeover', orgA) }, keys.employerB);
    const idB = second.body.data!.importJobPosting.data[0].id as string;
    expect(idB).not.toBe(idA);
    expect(second.body.data!.importJobPosting.data[0].organisationId).toBe(orgB);
    const stored = a.services.records.postings.get(idA)!;
    expect(stored.organisationId).toBe(orgA);
    expect(stored.title).toBe('A original');
  });

  it('identical plain-text postings from two organisations are two postings, each with its organisation in the id', async () => {
    const text = `Warehouse lead\nWe need someone who can ${skill.label}.`;
    const ra = await a.gql(IMPORT_POSTING, { d: text }, keys.employerA);
    const rb = await a.gql(IMPORT_POSTING, { d: text }, keys.employerB);
    const pa = ra.body.data!.importJobPosting.data[0];
    const pb = rb.body.data!.importJobPosting.data[0];
    expect(pa.id).not.toBe(pb.id);
    expect(pa.id).toContain(encodeURIComponent(orgA));
    expect(a.services.records.postings.get(pa.id)!.organisationId).toBe(orgA);
    expect(a.services.records.postings.get(pb.id)!.organisationId).toBe(orgB);
  });

  it('a posting whose @id is an occupation code does not shadow the occupation', async () => {
    const occ = a.sample.taxonomy.occupations.find((o) => o.code)!;
    const doc = { '@context': 'https://schema.org', '@type': 'JobPosting', '@id': occ.code, title: 'Shadow', description: `You will ${skill.label}.`, datePosted: '2026-10-01', hiringOrganization: { '@type': 'Organization', name: 'B', identifier: orgB } };
    await a.gql(IMPORT_POSTING, { d: doc }, keys.employerB);
    // an admin import of the same id is refused outright
    await refusedWrite(() => a.gql(IMPORT_POSTING, { d: doc }, keys.admin), 'importJobPosting', ['InvalidInputError']);
    const q = `query($r: ID!) { rankCandidates(roleId: $r, first: 3) { __typename } }`;
    for (const ref of [occ.code, `occupation:${occ.code}`]) {
      expect((await a.gql(q, { r: ref }, keys.employerA)).body.data!.rankCandidates.__typename).toBe('RankedCandidateConnection');
      expect((await a.gql(q, { r: ref }, keys.admin)).body.data!.rankCandidates.__typename).toBe('RankedCandidateConnection');
    }
  });
});
