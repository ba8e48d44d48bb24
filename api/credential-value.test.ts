/**
 * Issue 20 acceptance through the real GraphQL API on the sample: `credentialValue`, `credentials(orderBy,
 * filter, scope)`, `Credential.value`; holders exact for admin, noised for planner / employer keys,
 * suppressed under k, not released to learners; the CLI's `--json` equals the API's object.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIAL_VALUE_SELECTION, resolveScope, scopeValues } from '../app/credential-value.ts';
import { localOperator } from '../app/principal.ts';
import { sampleApp, type SampleApp } from './testing/sample-app.ts';

let a: SampleApp;
const keys: Record<string, string> = {};
/** Credential ids by holder count (distinct candidates). */
let many = '';
let few = '';
let exactHolders = 0;
const tmp = mkdtempSync(join(tmpdir(), 'skillgraph-cv-'));
afterAll(() => {
  a?.close();
  rmSync(tmp, { recursive: true, force: true });
});

beforeAll(async () => {
  a = await sampleApp();
  const org = [...a.workspace.records.postings.values()][0]!.organisationId;
  keys['admin'] = await a.keyFor({ role: 'admin' });
  keys['planner'] = await a.keyFor({ role: 'planner' });
  keys['employer'] = await a.keyFor({ role: 'employer', organisationId: org });
  keys['learner'] = await a.keyFor({ role: 'learner', candidateId: [...a.workspace.records.candidates.keys()][0]! });
  const holders = new Map<string, Set<string>>();
  for (const aw of a.workspace.records.awards.values()) (holders.get(aw.credentialId) ?? holders.set(aw.credentialId, new Set()).get(aw.credentialId)!).add(aw.candidateId);
  const counts = [...a.workspace.records.credentials.keys()].map((id) => [id, holders.get(id)?.size ?? 0] as const).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  [many, exactHolders] = counts[0]!;
  few = counts.find(([, n]) => n > 0 && n < 5)?.[0] ?? counts[counts.length - 1]![0];
});

const VALUE_QUERY = `query($id: ID!, $scope: DemandScope) { credentialValue(id: $id, scope: $scope) { __typename ... on CredentialValue { ${CREDENTIAL_VALUE_SELECTION} } ... on Error { message code } ... on InvalidInputError { path } } }`;

async function value(id: string, key: string, scope?: Record<string, unknown>) {
  const r = await a.gql(VALUE_QUERY, { id, scope: scope ?? null }, key);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data!['credentialValue'];
}

describe('credentialValue (sample)', () => {
  it('a report with every figure; demand = value; roles served ≤ 5 with fit before/after', async () => {
    const v = await value(many, keys['admin']!);
    expect(v.__typename).toBe('CredentialValue');
    expect(v.value).toBeGreaterThan(0);
    expect(v.demand.covered).toBe(v.value);
    expect(v.demand.postings).toBe(300);
    expect(v.demand.skills.reduce((s: number, x: { share: number }) => s + x.share, 0)).toBeCloseTo(v.value, 9);
    expect(v.demand.rolesServed.length).toBeGreaterThan(0);
    expect(v.demand.rolesServed.length).toBeLessThanOrEqual(5);
    for (const r of v.demand.rolesServed) expect(r.fitAfter).toBeGreaterThanOrEqual(r.fitBefore);
    expect(v.demand.fitGain).toBeGreaterThan(0);
    expect(v.figures.length).toBe(13);
    for (const f of v.figures) expect(f.method.length).toBeGreaterThan(20);
  });

  it('holders: exact for admin, suppressed under k', async () => {
    const v = await value(many, keys['admin']!);
    expect(v.holders).toMatchObject({ count: exactHolders, exact: true, suppressed: false });
    const f = await value(few, keys['admin']!);
    expect(f.holders).toMatchObject({ count: null, exact: true, suppressed: true });
  });

  it('holders: noised for planner and employer keys (DP, charged to the key), not released to learners', async () => {
    const ids = [...a.workspace.records.credentials.keys()].slice(0, 6);
    let differs = 0;
    for (const id of ids) {
      const exact = (await value(id, keys['admin']!)).holders;
      const p = (await value(id, keys['planner']!)).holders;
      expect(p.exact).toBe(false);
      expect(p.note).toMatch(/Differentially private/);
      if (p.count !== null && p.count !== exact.count) differs++;
      if (p.count !== null) expect(p.count).toBeGreaterThanOrEqual(5);
    }
    expect(differs).toBeGreaterThan(0);
    const e = (await value(many, keys['employer']!)).holders;
    expect(e.exact).toBe(false);
    const l = await value(many, keys['learner']!);
    expect(l.holders).toMatchObject({ count: null, exact: false, suppressed: true });
    expect(l.credibility.awards).toBe(0);
  });

  it('the same question twice is free and gives the same noise', async () => {
    const x = (await value(many, keys['planner']!)).holders;
    const y = (await value(many, keys['planner']!)).holders;
    expect(y).toEqual(x);
  });

  it('errors as unions: unknown id, bad scope dates, unknown occupation; employer of another organisation is refused', async () => {
    expect(await value('nope', keys['admin']!)).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    expect(await value(many, keys['admin']!, { from: '2026-13-01' })).toMatchObject({ __typename: 'InvalidInputError', path: 'scope.from' });
    expect(await value(many, keys['admin']!, { from: '2026-06-01', to: '2026-01-01' })).toMatchObject({ __typename: 'InvalidInputError', path: 'scope.from' });
    expect(await value(many, keys['admin']!, { occupationId: 'no-such' })).toMatchObject({ __typename: 'InvalidInputError', path: 'scope.occupationId' });
    expect(await value(many, keys['employer']!, { organisationId: 'someone-else' })).toMatchObject({ __typename: 'ForbiddenError' });
    const r = await a.gql(VALUE_QUERY, { id: many, scope: null }, null);
    expect(r.body.data!['credentialValue'].__typename).toBe('ForbiddenError');
  });

  it('a scope narrows the demand: an employer sees its organisation’s postings only', async () => {
    const all = await value(many, keys['admin']!);
    const e = await value(many, keys['employer']!);
    const org = [...a.workspace.records.postings.values()][0]!.organisationId;
    const n = [...a.workspace.records.postings.values()].filter((p) => p.organisationId === org).length;
    expect(e.demand.postings).toBe(n);
    expect(n).toBeLessThan(all.demand.postings);
    const dated = await value(many, keys['admin']!, { from: '2026-06-01', to: '2026-09-01' });
    const inRange = [...a.workspace.records.postings.values()].filter((p) => p.datePosted >= '2026-06-01' && p.datePosted < '2026-09-01').length;
    expect(dated.demand.postings).toBe(inRange);
  });
});

const LIST = `query($orderBy: CredentialOrder, $filter: CredentialFilter, $first: Int) { credentials(orderBy: $orderBy, filter: $filter, first: $first) { edges { node { id cost hours skills { skillId } value { value valuePerCost free credibility { verifiedIssuer } } } } } }`;
type Node = { id: string; cost: number | null; hours: number | null; skills: { skillId: string }[]; value: { value: number; valuePerCost: number | null; free: boolean; credibility: { verifiedIssuer: boolean } } };
async function list(vars: Record<string, unknown>, key = keys['admin']!): Promise<Node[]> {
  const r = await a.gql(LIST, { first: 20, ...vars }, key);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data!['credentials'].edges.map((e: { node: Node }) => e.node);
}

describe('credentials(orderBy, filter) (sample)', () => {
  it('old calls keep working: no key, catalogue order', async () => {
    const r = await a.gql(`{ credentials(first: 3) { edges { node { id } } } }`, {}, null);
    expect(r.body.data!['credentials'].edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([...a.workspace.records.credentials.keys()].slice(0, 3));
    const v = await a.gql(`{ credentials(orderBy: VALUE, first: 3) { edges { node { id } } } }`, {}, null);
    expect(v.body.errors?.[0]?.message).toMatch(/needs an API key/);
  });

  it('VALUE orders by demand covered, largest first', async () => {
    const nodes = await list({ orderBy: 'VALUE' });
    expect(nodes).toHaveLength(20);
    for (let i = 1; i < nodes.length; i++) expect(nodes[i - 1]!.value.value).toBeGreaterThanOrEqual(nodes[i]!.value.value);
    const { values } = scopeValues(a.workspace, localOperator, resolveScope(a.workspace, localOperator, null));
    const top = Math.max(...[...values.values()].map((v) => v.value));
    expect(nodes[0]!.value.value).toBe(top);
  });

  it('VALUE_PER_COST orders by value per USD (free credentials with value first)', async () => {
    const nodes = await list({ orderBy: 'VALUE_PER_COST', first: 100 });
    const paid = nodes.filter((n) => !n.value.free && n.value.valuePerCost !== null);
    expect(paid.length).toBeGreaterThan(1);
    for (let i = 1; i < paid.length; i++) expect(paid[i - 1]!.value.valuePerCost!).toBeGreaterThanOrEqual(paid[i]!.value.valuePerCost!);
    const firstPaid = nodes.findIndex((n) => !n.value.free);
    expect(nodes.slice(firstPaid).every((n) => !n.value.free || n.value.value === 0)).toBe(true);
  });

  it('filters: maxCost, maxHours, verifiedIssuer, skill (or a narrower one)', async () => {
    const cheap = await list({ orderBy: 'VALUE', filter: { maxCost: 100 } });
    expect(cheap.length).toBeGreaterThan(0);
    for (const n of cheap) expect(n.cost !== null && n.cost <= 100).toBe(true);
    for (const n of await list({ orderBy: 'VALUE', filter: { maxHours: 10 } })) expect(n.hours!).toBeLessThanOrEqual(10);
    const verified = await list({ orderBy: 'VALUE', filter: { verifiedIssuer: true } });
    const unverified = await list({ orderBy: 'VALUE', filter: { verifiedIssuer: false } });
    expect(verified.length).toBeGreaterThan(0);
    expect(verified.every((n) => n.value.credibility.verifiedIssuer)).toBe(true);
    expect(unverified.every((n) => !n.value.credibility.verifiedIssuer)).toBe(true);
    const skill = [...a.workspace.records.credentials.values()][0]!.skills[0]!.skillId;
    const withSkill = await list({ orderBy: 'VALUE', filter: { skill } });
    expect(withSkill.length).toBeGreaterThan(0);
    for (const n of withSkill) expect(n.skills.some((s) => s.skillId === skill || a.workspace.graph.ancestorDistances(s.skillId).has(skill))).toBe(true);
    const bad = await a.gql(LIST, { filter: { maxCost: -1 } }, keys['admin']);
    expect(bad.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/filter.maxCost/), extensions: { code: 'INVALID_INPUT', path: 'filter.maxCost' } });
  });
});

describe('CLI `skillgraph credential <id> --value --json` equals the API object', () => {
  it('same field names and values as GraphQL CredentialValue (admin = the CLI operator)', async () => {
    const repo = fileURLToPath(new URL('..', import.meta.url));
    const db = join(tmp, 'sample.db');
    const run = (...args: string[]) => spawnSync(process.execPath, [join(repo, 'cli', 'skillgraph.mjs'), ...args, '--db', db], { cwd: repo, encoding: 'utf8', env: { ...process.env, SKILLGRAPH_STORE: 'sqlite' }, timeout: 120_000 });
    expect(run('import', 'sample').status).toBe(0);
    const cli = run('credential', many, '--value', '--json', '--as-of', '2026-11-01');
    expect(cli.status, cli.stderr).toBe(0);
    const api = await value(many, keys['admin']!);
    const { __typename: _t, ...fields } = api;
    expect(JSON.parse(cli.stdout)).toEqual(fields);
    const human = run('credential', many, '--value', '--as-of', '2026-11-01');
    expect(human.status).toBe(0);
    for (const f of api.figures) expect(human.stdout).toContain(`${f.name}: ${f.value}`);
    const plain = run('credential', many);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain(a.workspace.records.credentials.get(many)!.name);
    const badScope = run('credential', many, '--value', '--from', '2026-13-01');
    expect(badScope.status).not.toBe(0);
    expect(badScope.stderr).toMatch(/scope\.from must be an ISO date/);
    const missing = run('credential', 'nope', '--value');
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/not found: nope/);
  }, 180_000);
});

describe('credibility at equal value (issue 20 acceptance)', () => {
  it('a verified issuer with stated accreditation ranks above an unverifiable copy at the same price', async () => {
    const b = await sampleApp();
    try {
      const admin = await b.keyFor({ role: 'admin' });
      const issuers = new Map<string, number>();
      for (const aw of b.workspace.records.awards.values()) if (aw.verification === 'verified') issuers.set(b.workspace.records.credentials.get(aw.credentialId)?.issuer.id ?? '', 1);
      const original = [...b.workspace.records.credentials.values()].find((c) => issuers.has(c.issuer.id) && c.skills.length > 0 && c.cost !== null && c.cost > 0)!;
      // ids chosen so that id order alone would put the unverifiable copy first
      const unverifiable = { ...original, id: 'urn:test:copy:a-unverifiable', issuer: { id: 'urn:test:issuer:nobody', name: 'Nobody' }, standing: undefined };
      const accredited = {
        ...original,
        id: 'urn:test:copy:b-accredited',
        standing: { recognition: [{ kind: 'accreditedBy' as const, agentId: 'urn:test:accreditor', agentName: 'Accreditor', source: 'ceterms:accreditedBy[0]', verification: 'stated' as const }], assessment: [] },
      };
      await b.store.putRecords({ credentials: [unverifiable, accredited] });
      b.workspace.apply({ credentials: [unverifiable, accredited] });
      for (const orderBy of ['VALUE', 'VALUE_PER_COST']) {
        const r = await b.gql(`query($o: CredentialOrder, $s: ID) { credentials(orderBy: $o, filter: { skill: $s }, first: 100) { edges { node { id } } } }`, { o: orderBy, s: original.skills[0]!.skillId }, admin);
        expect(r.body.errors).toBeUndefined();
        const ids: string[] = r.body.data!['credentials'].edges.map((e: { node: { id: string } }) => e.node.id);
        const x = ids.indexOf(accredited.id);
        const y = ids.indexOf(unverifiable.id);
        expect(x, orderBy).toBeGreaterThanOrEqual(0);
        expect(y, orderBy).toBeGreaterThanOrEqual(0);
        expect(x, orderBy).toBeLessThan(y);
      }
      const v = await b.gql(`query($id: ID!) { credentialValue(id: $id) { ... on CredentialValue { value credibility { level recognition { kind agentName } } } } }`, { id: accredited.id }, admin);
      const u = await b.gql(`query($id: ID!) { credentialValue(id: $id) { ... on CredentialValue { value credibility { level } } } }`, { id: unverifiable.id }, admin);
      expect(v.body.data!['credentialValue'].credibility).toMatchObject({ level: 'VERIFIED_RECOGNISED', recognition: [{ kind: 'accreditedBy', agentName: 'Accreditor' }] });
      expect(u.body.data!['credentialValue'].credibility.level).toBe('UNVERIFIED');
      expect(u.body.data!['credentialValue'].value).toBe(v.body.data!['credentialValue'].value);
    } finally {
      b.close();
    }
  });
});
