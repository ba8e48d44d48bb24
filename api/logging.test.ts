import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Candidate } from '../taxonomy/model/types.ts';
import { sampleApp, type SampleApp } from './testing/sample-app.ts';
import { createApp } from './yoga.ts';

/**
 * No personal data in logs (DESIGN.md §5): every write to the console, stdout or stderr while the API
 * serves candidate queries — including an unexpected (masked) error on a candidate path and the
 * refusals — is captured, and none may carry a candidate's name, id or experience text.
 */

interface Capture {
  readonly lines: string[];
  stop(): void;
}

function capture(): Capture {
  const lines: string[] = [];
  const keep = (args: unknown[]): void => {
    lines.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack ?? ''}` : typeof a === 'string' ? a : safeJson(a))).join(' '));
  };
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const savedConsole = methods.map((m) => console[m]);
  for (const m of methods) console[m] = (...args: unknown[]) => keep(args);
  const savedOut = process.stdout.write;
  const savedErr = process.stderr.write;
  const writer = (chunk: unknown): boolean => {
    keep([typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8')]);
    return true;
  };
  process.stdout.write = writer as typeof process.stdout.write;
  process.stderr.write = writer as typeof process.stderr.write;
  return {
    lines,
    stop() {
      methods.forEach((m, i) => (console[m] = savedConsole[i]!));
      process.stdout.write = savedOut;
      process.stderr.write = savedErr;
    },
  };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** The personal strings of a candidate that must never be logged. */
function secretsOf(c: Candidate): string[] {
  return [c.id, c.name, c.experience, ...c.experience.split(/(?<=\.)\s+/).filter((s) => s.length > 20)].filter((s) => s.trim() !== '');
}

let a: SampleApp;
let admin: string;
let learner: string;
let employer: string;
let self: Candidate;
let hidden: Candidate;
let roleId: string;

beforeAll(async () => {
  a = await sampleApp();
  const role = [...a.workspace.records.roles.values()][0]!;
  roleId = role.id;
  const candidates = [...a.workspace.records.candidates.values()];
  self = candidates.find((c) => c.sharedWith.includes(role.organisationId) && c.experience.length > 40)!;
  hidden = candidates.find((c) => c.id !== self.id && !c.sharedWith.includes(role.organisationId) && c.experience.length > 40)!;
  admin = await a.keyFor({ role: 'admin' });
  learner = await a.keyFor({ role: 'learner', candidateId: self.id });
  employer = await a.keyFor({ role: 'employer', organisationId: role.organisationId });
});
afterAll(async () => a.close());

const CANDIDATE_FIELDS = `id name location experience sharedWith claimedSkills { skillId } awards(first: 10) { edges { node { id verification } } } skills(first: 10) { edges { node { strength evidence { source awardId } } } }`;

/** Runs the candidate workload against an app; returns what was written to the logs meanwhile. */
async function logsOf(run: () => Promise<void>): Promise<string> {
  const cap = capture();
  try {
    await run();
  } finally {
    cap.stop();
  }
  return cap.lines.join('\n');
}

async function candidateWorkload(gql: SampleApp['gql']): Promise<void> {
  const v = { c: self.id, h: hidden.id, r: roleId };
  await gql(`query($c: ID!) { candidate(id: $c) { ... on Candidate { ${CANDIDATE_FIELDS} } } }`, { c: self.id }, admin);
  await gql(`{ candidates(first: 50) { edges { node { id name experience } } } }`, {}, admin);
  await gql(`query($r: ID!) { rankCandidates(roleId: $r, first: 20) { ... on RankedCandidateConnection { edges { node { candidate { id name } requirements { best { source awardId } } } } } } }`, { r: roleId }, employer);
  await gql(`query($c: ID!, $r: ID!) { fit(candidateId: $c, roleId: $r) { ... on FitResult { score } } recommendCredentials(candidateId: $c, roleId: $r) { ... on Recommendations { fitBefore } } rankRoles(candidateId: $c) { ... on QueryRankRolesSuccess { data { score } } } }`, { c: self.id, r: roleId }, learner);
  // refusals: another person, as a learner and as an employer
  await gql(`query($h: ID!, $r: ID!) { candidate(id: $h) { __typename ... on Error { message } } fit(candidateId: $h, roleId: $r) { __typename ... on Error { message } } }`, { h: v.h, r: roleId }, learner);
  await gql(`query($h: ID!) { candidate(id: $h) { __typename ... on Error { message } } }`, { h: v.h }, employer);
  await gql(`mutation($i: CandidateInput!) { upsertCandidate(input: $i) { __typename } }`, { i: { id: hidden.id, name: hidden.name, experience: hidden.experience } }, learner);
  // invalid input naming a person: typed errors, not logs
  await gql(`mutation($i: CandidateInput!) { upsertCandidate(input: $i) { __typename ... on Error { message } } }`, { i: { id: self.id, name: self.name, experience: self.experience, claimedSkillIds: ['urn:no-such-skill'] } }, admin);
  await gql(`mutation($i: CandidateInput!) { upsertCandidate(input: $i) { __typename ... on Error { message } } }`, { i: { id: self.id, name: '', experience: self.experience } }, admin);
  await gql(`mutation($c: ID!) { awardCredential(candidateId: $c, document: { hello: "world" }) { __typename ... on Error { message } } }`, { c: self.id }, admin);
  // a GraphQL error whose text echoes a variable holding personal data
  await gql(`query($c: Int!) { candidate(id: $c) { __typename } }`, { c: self.name }, admin);
}

describe('logs carry no personal data', () => {
  it('capture sees console, stdout and stderr writes (self-check of the harness)', async () => {
    const text = await logsOf(async () => {
      console.error('marker-console');
      process.stdout.write('marker-stdout\n');
      process.stderr.write('marker-stderr\n');
    });
    expect(text).toContain('marker-console');
    expect(text).toContain('marker-stdout');
    expect(text).toContain('marker-stderr');
  });

  it('candidate queries, refusals and invalid input log no candidate name, id or experience (production app)', async () => {
    const text = await logsOf(() => candidateWorkload(a.gql));
    for (const c of [self, hidden]) for (const s of secretsOf(c)) expect(text.includes(s), `logged: ${s}`).toBe(false);
  });

  it('a masked unexpected error on a candidate path is logged without the personal data in its message (production and development apps)', async () => {
    const original = a.workspace.profile.bind(a.workspace);
    const boom = (candidateId: string): never => {
      const c = a.workspace.records.candidates.get(candidateId)!;
      throw new Error(`profile of ${c.name} (${c.id}) failed: ${c.experience}`);
    };
    a.workspace.profile = boom as typeof a.workspace.profile;
    try {
      for (const production of [true, false]) {
        const app = createApp({ workspace: a.workspace, production, clock: () => new Date('2026-11-01T00:00:00Z') });
        const gql: SampleApp['gql'] = async (query, variables = {}, key) => {
          const res = await app.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify({ query, variables }) });
          return { status: res.status, body: (await res.json()) as never };
        };
        let body = '';
        const text = await logsOf(async () => {
          const r = await gql(`query($c: ID!) { candidate(id: $c) { ... on Candidate { id skills(first: 5) { edges { node { strength } } } } } }`, { c: self.id }, admin);
          body = JSON.stringify(r.body);
          await gql(`query($c: ID!, $r: ID!) { fit(candidateId: $c, roleId: $r) { __typename } }`, { c: hidden.id, r: roleId }, admin);
        });
        if (production) expect(body).toContain('Unexpected error.');
        for (const c of [self, hidden]) for (const s of secretsOf(c)) expect(text.includes(s), `${production ? 'production' : 'development'} logged: ${s}`).toBe(false);
      }
    } finally {
      a.workspace.profile = original;
    }
  });
});
