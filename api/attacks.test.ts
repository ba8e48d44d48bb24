/**
 * The attacker suite of issue 17: every probe from the issue, tried the way an attacker would, against
 * the real app (sample data in SQLite): two organisations, two learners and a planner. Each refused
 * write leaves the store exactly as it was.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGapAnalytics } from '../engine/analytics/gap-analytics.ts';
import type { GapRow } from '../engine/analytics/types.ts';
import { releaseGapRows, releaseWhatIf } from '../engine/privacy/release-gaps.ts';
import { epsilonOf } from '../engine/privacy/zcdp.ts';
import type { Candidate } from '../taxonomy/model/types.ts';
import { connect } from 'node:net';
import { limits } from './limits.ts';
import { listen } from './server.ts';
import { gaps } from '../app/gaps.ts';
import { localOperator } from '../app/principal.ts';
import { approxBytes, ResultCache } from '../app/result-cache.ts';
import { Workspace } from '../app/workspace.ts';
import { createApp } from './yoga.ts';
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
  const roles = [...a.workspace.records.roles.values()];
  orgA = roles[0]!.organisationId;
  orgB = roles.find((r) => r.organisationId !== orgA)!.organisationId;
  const candidates = [...a.workspace.records.candidates.values()];
  victim = candidates.find((c) => a.workspace.records.awardsOfCandidate(c.id).length > 0)!;
  attacker = candidates.find((c) => c.id !== victim.id)!;
  const s = a.sample.taxonomy.skills.find((x) => a.workspace.graph.findSkillsByLabel(x.preferredLabel).includes(x.id))!;
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
    const target = a.workspace.records.awardsOfCandidate(victim.id)[0]!;
    await refusedWrite(() => a.gql(AWARD, { c: attacker.id, d: ob3({ vcId: target.id }) }, keys.learner), 'awardCredential', ['ForbiddenError']);
    expect(a.workspace.records.awardsOfCandidate(victim.id).map((x) => x.id)).toContain(target.id);
    expect(a.workspace.records.awards.get(target.id)!.candidateId).toBe(victim.id);
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
    const role = [...a.workspace.records.roles.values()][0]!;
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
    const stored = a.workspace.records.postings.get(idA)!;
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
    expect(a.workspace.records.postings.get(pa.id)!.organisationId).toBe(orgA);
    expect(a.workspace.records.postings.get(pb.id)!.organisationId).toBe(orgB);
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

const GAPS = `query($by: GapBy, $from: String, $to: String, $w: WhatIfInput) { gaps(by: $by, from: $from, to: $to, whatIf: $w) { __typename ... on Error { message } ... on GapReport { cells { key month supply supplyCount: supply cohortSize suppressed } whatIf { people before { key supply cohortSize suppressed } after { key supply cohortSize suppressed } } } } }`;
type Cell = { key: string; month: string | null; supply: number | null; cohortSize: number; suppressed: boolean };
const count = (c: Cell): number | null => (c.supply === null ? null : Math.round(c.supply * c.cohortSize));

describe('issue 17 — aggregates cannot be differenced (differential privacy)', () => {
  const rho = limits.privacy.rhoPerQuery;
  const delta = 1e-6;

  it('repeating a query returns the same noisy answer (nothing to average away) and costs no more budget', async () => {
    const planner = await a.keyFor({ role: 'planner' });
    const vars = { by: 'GROUP', from: '2025-01-01', to: '2026-11-01' };
    const first = await a.gql(GAPS, vars, planner);
    expect(first.body.data!.gaps.__typename).toBe('GapReport');
    for (let i = 0; i < 15; i++) expect((await a.gql(GAPS, vars, planner)).body).toEqual(first.body); // 15 > budget/ρ = 10 releases
  });

  it('gaps(by: MONTH) no longer shows exact month-to-month changes of 1–4 people', async () => {
    const planner = await a.keyFor({ role: 'planner' });
    const window = { from: '2025-01-01', to: '2026-11-01' };
    const released = (await a.gql(GAPS, { by: 'MONTH', ...window }, planner)).body.data!.gaps.cells as Cell[];
    // the exact rows as the CLI (and an admin key) get them
    const exact = (await gaps(a.workspace, localOperator, { by: 'month', ...window }, new Date('2026-11-01T00:00:00Z'))).rows;
    const exactBy = new Map(exact.map((r) => [r.key, r]));
    // exact counts: month-to-month changes of 1–4 people are visible in many cells (the issue found 364)
    const changes = (get: (key: string) => number | null) => {
      let small = 0;
      let equal = 0;
      for (const c of released) {
        const [skillId, month] = c.key.split('@') as [string, string];
        const prev = released.find((x) => x.key === `${skillId}@${prevMonth(month)}`);
        if (!prev) continue;
        const now = get(c.key);
        const before = get(prev.key);
        if (now === null || before === null) continue;
        const d = now - before;
        if (d >= 1 && d <= 4) small++;
        // among the true changes of 1–4 people: does the released change equal it?
        const en = exactBy.get(c.key)!.supplyCount;
        const eb = exactBy.get(prev.key)!.supplyCount;
        if (en !== null && eb !== null && en - eb >= 1 && en - eb <= 4 && d === en - eb) equal++;
      }
      return { small, equal };
    };
    const exactChanges = changes((k) => exactBy.get(k)?.supplyCount ?? null);
    expect(exactChanges.small).toBeGreaterThan(50);
    const noisyChanges = changes((k) => count(released.find((c) => c.key === k)!));
    // released: the change matches the true change only by chance (σ of each count is ≫ 1)
    expect(noisyChanges.equal).toBeLessThan(exactChanges.small * 0.2);
  });

  it('whatIf {people: 1} does not move cells by exactly one person, and `people` is what was asked', async () => {
    const planner = await a.keyFor({ role: 'planner' });
    const credential = [...a.workspace.records.credentials.values()].find((c) => c.skills.length >= 3)!;
    const r = await a.gql(GAPS, { by: 'SKILL', from: '2025-01-01', to: '2026-11-01', w: { credentialId: credential.id, people: 1 } }, planner);
    const w = r.body.data!.gaps.whatIf;
    expect(w.people).toBe(1);
    // before is the noisy baseline, the same as the plain cells
    expect(w.before.map((c: Cell) => c.supply)).toEqual(r.body.data!.gaps.cells.map((c: Cell) => c.supply));
    let moved = 0;
    let exactlyOneOrZero = 0;
    for (const [i, b] of (w.before as Cell[]).entries()) {
      const x = count(w.after[i]);
      const y = count(b);
      if (x === null || y === null) continue;
      moved++;
      if (x - y === 0 || x - y === 1) exactlyOneOrZero++;
    }
    expect(moved).toBeGreaterThan(10);
    expect(exactlyOneOrZero / moved).toBeLessThan(0.5);
    // asking for more people than the cohort holds does not reveal the cohort size
    const big = await a.gql(GAPS, { by: 'SKILL', from: '2025-01-01', to: '2026-11-01', w: { credentialId: credential.id, people: 1_000_000 } }, planner);
    expect(big.body.data!.gaps.whatIf.people).toBe(1_000_000);
  });

  it('a planner key is refused once its privacy budget for the day is spent; admin is not limited', async () => {
    const planner = await a.keyFor({ role: 'planner' });
    const n = Math.round(limits.privacy.budget / rho);
    const ask = (i: number, key: string) => a.gql(GAPS, { by: 'GROUP', from: `2024-${String((i % 12) + 1).padStart(2, '0')}-01`, to: `2026-${String((i % 10) + 1).padStart(2, '0')}-02` }, key);
    for (let i = 0; i < n; i++) expect((await ask(i, planner)).body.data!.gaps.__typename).toBe('GapReport');
    const over = await ask(n, planner);
    expect(over.body.data!.gaps.__typename).toBe('ForbiddenError');
    expect(over.body.data!.gaps.message).toMatch(/privacy budget/);
    // a query already paid for stays answerable
    expect((await ask(0, planner)).body.data!.gaps.__typename).toBe('GapReport');
    const admin = keys.admin;
    for (let i = 0; i <= n; i++) expect((await ask(i, admin)).body.data!.gaps.__typename).toBe('GapReport');
  });

  it('admin keys (trusted operators) get the exact aggregates, as the CLI does; planner and employer keys the released ones', async () => {
    const vars = { by: 'SKILL', from: '2025-01-01', to: '2026-11-01' };
    const exact = (await gaps(a.workspace, localOperator, { by: 'skill', from: vars.from, to: vars.to }, new Date('2026-11-01T00:00:00Z'))).rows;
    const row = (c: { key: string; supply: number | null; cohortSize: number; suppressed: boolean }) => [c.key, c.supply, c.cohortSize, c.suppressed];
    const admin = (await a.gql(GAPS, vars, keys.admin)).body.data!.gaps.cells as Cell[];
    expect(admin.map(row)).toEqual(exact.map(row));
    const employer = await a.keyFor({ role: 'employer', organisationId: orgA });
    const released = (await a.gql(GAPS, vars, employer)).body.data!.gaps.cells as Cell[];
    expect(released.map((c) => c.key)).toEqual(exact.map((r) => r.key));
    expect(released.map((c) => c.cohortSize)).not.toEqual(exact.map((r) => r.cohortSize));
  });

  it('the budget is kept in the store: a restarted server (a new workspace over the same store) still refuses', async () => {
    const planner = await a.keyFor({ role: 'planner' });
    const n = Math.round(limits.privacy.budget / rho);
    const ask = (i: number, gql: SampleApp['gql']) => gql(GAPS, { by: 'GROUP', from: `2023-${String((i % 12) + 1).padStart(2, '0')}-01`, to: `2026-${String((i % 10) + 1).padStart(2, '0')}-03` }, planner);
    for (let i = 0; i < n; i++) expect((await ask(i, a.gql)).body.data!.gaps.__typename).toBe('GapReport');
    const restarted = await Workspace.open({ store: a.store });
    const app = createApp({ workspace: restarted, clock: () => new Date('2026-11-01T00:00:00Z'), production: true });
    const gql: SampleApp['gql'] = async (query, variables = {}, key) => {
      const body = JSON.stringify({ query, variables });
      const res = await app.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(body.length), ...(key ? { authorization: `Bearer ${key}` } : {}) }, body });
      return { status: res.status, body: (await res.json()) as never };
    };
    const over = await ask(n, gql);
    expect(over.body.data!.gaps.__typename).toBe('ForbiddenError');
  });

  /**
   * One person's presence, from two windows (with and without the month of their award) and from a
   * what-if, on the real engine over the sample cohort: the rows are computed once per world and
   * released with many independent server secrets. The best threshold test must stay within the
   * (ε, δ) the releases promise: success ≤ e^ε / (1 + e^ε) + δ.
   */
  it('differencing two windows or a what-if does not recover one person beyond the stated ε', () => {
    const now = new Date('2026-11-01T00:00:00Z');
    const analytics = createGapAnalytics(a.workspace.scorer, { k: 1 });
    const postings = [...a.workspace.records.postings.values()];
    const cohort = [...a.workspace.records.candidates.keys()].map((id) => a.workspace.profile(id, now));
    // the victim: a person with a dated award whose month lies inside the windows
    const victimProfile = cohort.find((p) => [...p.skills.values()].some((s) => s.evidence.some((e) => e.issuedOn !== null && e.issuedOn >= '2026-03-01' && e.issuedOn < '2026-04-01')))!;
    expect(victimProfile).toBeDefined();
    const others = cohort.filter((p) => p !== victimProfile);
    const w1 = { from: '2025-04-01', to: '2026-04-01' };
    const w2 = { from: '2025-04-01', to: '2026-03-01' };
    const rows = (present: boolean, w: typeof w1): GapRow[] => analytics.gaps({ cohort: present ? cohort : others, postings, window: w }, 'skill');
    const worlds = { true: { r1: rows(true, w1), r2: rows(true, w2) }, false: { r1: rows(false, w1), r2: rows(false, w2) } };
    // exact counts give the victim away: some cell differs between the worlds
    const diffKeys = worlds.true.r1.filter((r, i) => r.supplyCount !== worlds.false.r1[i]!.supplyCount).map((r) => r.key);
    expect(diffKeys.length).toBeGreaterThan(0);
    const target = diffKeys[0]!;
    const trials = 300;
    const eps2 = epsilonOf(2 * rho, delta);
    const bound2 = Math.exp(eps2) / (1 + Math.exp(eps2)) + delta;
    let correct = 0;
    for (let i = 0; i < trials; i++) {
      const present = i % 2 === 0;
      const prf = (m: string) => createHmac('sha256', `trial-${i}`).update(m).digest();
      const w = present ? worlds.true : worlds.false;
      const a1 = releaseGapRows(w.r1, { prf, releaseId: 'w1', rho, k: 1 }).find((r) => r.key === target)!;
      const a2 = releaseGapRows(w.r2, { prf, releaseId: 'w2', rho, k: 1 }).find((r) => r.key === target)!;
      const guess = (a1.supplyCount ?? 0) + a1.cohortSize - (a2.supplyCount ?? 0) - a2.cohortSize > 0;
      if (guess === present) correct++;
    }
    expect(correct / trials).toBeLessThan(bound2 + 3 * Math.sqrt(0.25 / trials));
    expect(correct / trials).toBeLessThan(0.6);

    // what-if: people = 1 picks the person with the highest gain; with and without that person the
    // change differs by one in the cells it covers
    const credential = [...a.workspace.records.credentials.values()].find((c) => c.skills.length >= 3)!;
    const wi = (present: boolean) => {
      const first = analytics.whatIf({ cohort, postings, window: w1, credential, count: 1, by: 'skill' });
      const chosen = first.chosen[0]!;
      const co = present ? cohort : cohort.filter((p) => p.candidateId !== chosen);
      return analytics.whatIf({ cohort: co, postings, window: w1, credential, count: 1, by: 'skill' });
    };
    const wt = wi(true);
    const wf = wi(false);
    const changed = (x: typeof wt) => new Map(x.after.map((r, i) => [r.key, (r.supplyCount ?? 0) - (x.before[i]!.supplyCount ?? 0)]));
    const ct = changed(wt);
    const cf = changed(wf);
    const key = [...ct.keys()].find((k) => ct.get(k) !== cf.get(k)) ?? [...ct.keys()][0]!;
    const eps1 = epsilonOf(2 * rho, delta);
    const bound1 = Math.exp(eps1) / (1 + Math.exp(eps1)) + delta;
    let right = 0;
    for (let i = 0; i < trials; i++) {
      const present = i % 2 === 0;
      const prf = (m: string) => createHmac('sha256', `wtrial-${i}`).update(m).digest();
      const x = present ? wt : wf;
      const rel = releaseWhatIf(x.before, x.after, { prf, releaseId: 'wi', rho, k: 1, baselineId: 'base', baselineRho: rho });
      const j = rel.before.findIndex((r) => r.key === key);
      const d = (rel.after[j]!.supplyCount ?? 0) - (rel.before[j]!.supplyCount ?? 0);
      const guess = d >= Math.max(ct.get(key)!, cf.get(key)!) - 0.5;
      if (guess === (ct.get(key)! >= cf.get(key)! ? present : !present)) right++;
    }
    expect(right / trials).toBeLessThan(bound1 + 3 * Math.sqrt(0.25 / trials));
    expect(right / trials).toBeLessThan(0.62);
  });
});

function prevMonth(m: string): string {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}

describe('issue 17 — bounded cost per request', () => {
  const GAPS_WINDOW = `query($from: String, $to: String, $by: GapBy) { gaps(by: $by, from: $from, to: $to) { __typename ... on Error { message } ... on InvalidInputError { path } } }`;

  it('a gaps window from the year 1026 (or longer than 10 years) is refused before any work', async () => {
    const planner = await a.keyFor({ role: 'planner' });
    const t0 = performance.now();
    const r = await a.gql(GAPS_WINDOW, { from: '1026-01-01', by: 'MONTH' }, planner);
    expect(r.body.data!.gaps.__typename).toBe('InvalidInputError');
    expect(r.body.data!.gaps.message).toMatch(/longer than 10 years/);
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect((await a.gql(GAPS_WINDOW, { from: '2016-01-01', to: '2026-01-02' }, planner)).body.data!.gaps.__typename).toBe('InvalidInputError');
    expect((await a.gql(GAPS_WINDOW, { from: '2026-05-01', to: '2026-04-01' }, planner)).body.data!.gaps.__typename).toBe('InvalidInputError');
  });

  it('dates must be real: 2025-02-30 is refused as a window bound and as a posting date (store unchanged)', async () => {
    const planner = await a.keyFor({ role: 'planner' });
    const r = await a.gql(GAPS_WINDOW, { from: '2025-02-30', to: '2025-06-01' }, planner);
    expect(['InputValidationError', 'InvalidInputError']).toContain(r.body.data!.gaps.__typename);
    const doc = { '@context': 'https://schema.org', '@type': 'JobPosting', '@id': 'urn:test:attack:feb30', title: 'Feb', description: 'x', datePosted: '2025-02-30', hiringOrganization: { '@type': 'Organization', name: 'A', identifier: orgA } };
    await refusedWrite(() => a.gql(IMPORT_POSTING, { d: doc }, keys.employerA), 'importJobPosting', ['InvalidInputError', 'InputValidationError']);
  });

  it('900 KB names are refused in every document, and change nothing', async () => {
    const huge = 'N'.repeat(900_000);
    const posting = { '@context': 'https://schema.org', '@type': 'JobPosting', '@id': 'urn:test:attack:huge', title: huge, description: 'x', datePosted: '2026-01-01', hiringOrganization: { '@type': 'Organization', name: 'A', identifier: orgA } };
    await refusedWrite(() => a.gql(IMPORT_POSTING, { d: posting }, keys.employerA), 'importJobPosting', ['InputValidationError', 'InvalidInputError']);
    await refusedWrite(() => a.gql(AWARD, { c: attacker.id, d: ob3({ name: huge }) }, keys.learner), 'awardCredential', ['InputValidationError', 'InvalidInputError']);
    await refusedWrite(() => a.gql(`mutation($i: CandidateInput!) { upsertCandidate(input: $i) { __typename } }`, { i: { id: attacker.id, name: huge } }, keys.learner), 'upsertCandidate', ['InputValidationError']);
  });

  it('text arguments count by length: five aliased 20,000-character linkText calls are refused up front', async () => {
    const text = `${skill.label} `.repeat(Math.ceil(20_000 / (skill.label.length + 1))).slice(0, 20_000);
    const q = `query($t: String!) { ${[1, 2, 3, 4, 5].map((i) => `l${i}: linkText(text: $t) { __typename }`).join(' ')} }`;
    const t0 = performance.now();
    const r = await a.gql(q, { t: text }, keys.planner);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(performance.now() - t0).toBeLessThan(2_000);
    // one such call alone fits the budget
    const one = await a.gql(`query($t: String!) { linkText(text: $t) { __typename } }`, { t: text.slice(0, 19_000) }, keys.planner);
    expect(one.body.errors).toBeUndefined();
  });

  it('the result cache is bounded in bytes, not only in entries', () => {
    const cache = new ResultCache(1_000, 1_000_000);
    const big = () => Array.from({ length: 2_000 }, (_, i) => ({ key: `k${i}`, label: 'x'.repeat(20), n: i }));
    for (let i = 0; i < 50; i++) cache.get(`w${i}`, big);
    expect(approxBytes(big())).toBeGreaterThan(100_000);
    expect(cache.size.bytes).toBeLessThanOrEqual(1_000_000);
    expect(cache.size.entries).toBeLessThan(50);
    // a value over a quarter of the bound is answered but not kept
    const huge = new ResultCache(1_000, 100_000);
    expect(huge.get('h', big).length).toBe(2_000);
    expect(huge.size.entries).toBe(0);
  });

  it('the rate limit is keyed on the socket address: a forged X-Forwarded-For buys no fresh budget; a trusted proxy’s is honoured', async () => {
    const app = createApp({ workspace: a.workspace, production: true, limits: { rateLimit: { requests: 3, windowMs: 60_000 } }, trustedProxies: ['10.0.0.1'] });
    const ask = (peer: string, xff: string) =>
      app.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '32', 'x-forwarded-for': xff }, body: JSON.stringify({ query: '{ skillGroupRoots { id } }' }) }, { req: { socket: { remoteAddress: peer } } });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await ask('203.0.113.7', `198.51.100.${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // behind a trusted proxy each real client has its own budget
    for (let i = 0; i < 3; i++) expect((await ask('10.0.0.1', `198.51.100.${i}, 10.0.0.1`)).status).toBe(200);
    expect((await ask('10.0.0.1', 'spoofed, 198.51.100.9')).status).toBe(200);
    // a keyed caller counts against its key whatever the address
    const keyed = createApp({ workspace: a.workspace, production: true, limits: { rateLimit: { requests: 2, windowMs: 60_000 } } });
    const withKey = (peer: string) => keyed.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '32', authorization: `Bearer ${keys.planner}` }, body: JSON.stringify({ query: '{ skillGroupRoots { id } }' }) }, { req: { socket: { remoteAddress: peer } } });
    expect([(await withKey('192.0.2.1')).status, (await withKey('192.0.2.2')).status, (await withKey('192.0.2.3')).status]).toEqual([200, 200, 429]);
  });

  it('a slow body is cut off after the request timeout instead of holding the connection for minutes', async () => {
    const app = createApp({ workspace: a.workspace, production: true });
    const { server, url } = await listen({ app, port: 0, requestTimeoutMs: 600, headersTimeoutMs: 600 });
    try {
      const { port } = new URL(url);
      const t0 = performance.now();
      const closedAfter = await new Promise<number>((ok, fail) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":');
        });
        socket.on('data', () => {});
        socket.on('close', () => ok(performance.now() - t0));
        socket.on('error', () => ok(performance.now() - t0));
        setTimeout(() => fail(new Error('the slow body was not cut off within 10 s')), 10_000);
      });
      expect(closedAfter).toBeLessThan(5_000);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  });
});

describe('issue 17 — production defaults (NODE_ENV=production)', () => {
  let prod: ReturnType<typeof createApp>;
  beforeAll(() => {
    prod = createApp({ workspace: a.workspace, production: true, corsOrigins: ['https://dashboard.example.org'] });
  });
  const post = (body: string, headers: Record<string, string> = {}) =>
    prod.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(body.length), ...headers }, body });

  it('introspection is off (__typename still works)', async () => {
    const r = await post(JSON.stringify({ query: '{ __schema { types { name } } }' }));
    const body = (await r.json()) as { data?: unknown; errors?: { message: string }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors![0]!.message).toMatch(/introspection/i);
    const t = await post(JSON.stringify({ query: '{ __type(name: "Skill") { name } }' }));
    expect(((await t.json()) as { errors?: unknown[] }).errors).toBeDefined();
    const ok = await post(JSON.stringify({ query: '{ skillGroupRoots { __typename } }' }));
    expect(((await ok.json()) as { errors?: unknown[] }).errors).toBeUndefined();
  });

  it('no field suggestions in errors', async () => {
    const r = await post(JSON.stringify({ query: '{ skilGroupRoots { id } }' }));
    const text = await r.text();
    expect(text).toContain('Cannot query field');
    expect(text).not.toMatch(/Did you mean/);
    const e = await post(JSON.stringify({ query: '{ gaps(by: SKIL) { __typename } }' }));
    expect(await e.text()).not.toMatch(/Did you mean/);
  });

  it('CORS answers only allowed origins and never echoes an arbitrary one with credentials', async () => {
    const evil = await post(JSON.stringify({ query: '{ skillGroupRoots { id } }' }), { origin: 'https://evil.example' });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(evil.headers.get('access-control-allow-credentials')).toBeNull();
    const pre = await prod.fetch('http://localhost/graphql', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const good = await post(JSON.stringify({ query: '{ skillGroupRoots { id } }' }), { origin: 'https://dashboard.example.org' });
    expect(good.headers.get('access-control-allow-origin')).toBe('https://dashboard.example.org');
    // the default allow-list is empty: same origin only
    const strict = createApp({ workspace: a.workspace, production: true });
    const r = await strict.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '40', origin: 'https://dashboard.example.org' }, body: JSON.stringify({ query: '{ skillGroupRoots { id } }' }) });
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('only application/json POST bodies and GET queries are accepted', async () => {
    const query = '{ skillGroupRoots { id } }';
    const form = await prod.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '40' }, body: `query=${encodeURIComponent(query)}` });
    expect(form.status).toBe(415);
    const gql = await prod.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/graphql', 'content-length': String(query.length) }, body: query });
    expect(gql.status).toBe(415);
    const put = await prod.fetch('http://localhost/graphql', { method: 'PUT', headers: { 'content-type': 'application/json', 'content-length': '40' }, body: JSON.stringify({ query }) });
    expect(put.status).toBe(405);
    const get = await prod.fetch(`http://localhost/graphql?query=${encodeURIComponent(query)}`, { method: 'GET', headers: { accept: 'application/json' } });
    expect(get.status).toBe(200);
    const mutationByGet = await prod.fetch(`http://localhost/graphql?query=${encodeURIComponent('mutation { revokeApiKey(id: "x") { __typename } }')}`, { method: 'GET', headers: { accept: 'application/json', authorization: `Bearer ${keys.admin}` } });
    expect(mutationByGet.status).toBe(405);
    expect((await post(JSON.stringify({ query }), { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
  });

  it('fit on a role without requirements is a typed error, not INTERNAL_SERVER_ERROR', async () => {
    // a plain-text posting with no skill in it is a role without requirements
    const made = await a.gql(IMPORT_POSTING, { d: 'Zzyzx qwerty\nPlugh xyzzy frobnicate.' }, keys.employerA);
    const postingId = made.body.data!.importJobPosting.data[0].id as string;
    expect(a.workspace.records.postings.get(postingId)!.skills).toEqual([]);
    const sharer = [...a.workspace.records.candidates.values()].find((c) => c.sharedWith.includes(orgA))!;
    const r = await a.gql(`query($c: ID!, $r: ID!) { fit(candidateId: $c, roleId: $r) { __typename ... on Error { code message } } }`, { c: sharer.id, r: postingId }, keys.employerA);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data!.fit.__typename).toBe('InvalidInputError');
    const rank = await a.gql(`query($r: ID!) { rankCandidates(roleId: $r, first: 3) { __typename } }`, { r: postingId }, keys.employerA);
    expect(rank.body.errors).toBeUndefined();
    const rec = await a.gql(`query($c: ID!, $r: ID!) { recommendCredentials(candidateId: $c, roleId: $r) { __typename } }`, { c: sharer.id, r: postingId }, keys.admin);
    expect(rec.body.errors).toBeUndefined();
  });
});
