/**
 * Issue 20 acceptance, on the sample through the real app and GraphQL API (SQLite store, Yoga app): a credential from a
 * verified issuer with stated accreditation ranks above an unverifiable copy of it at the same price, and a pathway
 * takes the accredited one. The pair is the sample's own (scripts/sample/standing.ts): the copy's issuer holds no
 * award, so its identity never verifies; the original's issuer has verified awards and the original states
 * accreditation (CTDL accreditedBy or an OB3 endorsement).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credibilityLevels } from '../app/credibility-levels.ts';
import { fixedClock } from '../app/clock.ts';
import { localOperator } from '../app/principal.ts';
import { recommend } from '../app/recommend.ts';
import { Workspace } from '../app/workspace.ts';
import { createRecommender } from '../engine/recommend/recommender.ts';
import { issuerCredibility } from '../engine/value/issuer-credibility.ts';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import type { Credential } from '../taxonomy/model/types.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { createApp } from './yoga.ts';

const NOW = new Date('2026-11-02T12:00:00Z');
const clock = fixedClock(NOW.toISOString());
const COPY_ISSUER = 'https://brightpath-online.example/issuer';
/** A budget under which the pair's price matters in the pathway. */
const BUDGET = 600;

// oxlint-disable-next-line typescript/no-explicit-any
type Json = any;

let store: GraphStore;
let ws: Workspace;
let app: ReturnType<typeof createApp>;
let adminKey: string;
let original: Credential;
let copy: Credential;
let pair: { candidateId: string; roleId: string };

async function gql(query: string, variables: Record<string, unknown>): Promise<Json> {
  const res = await app.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as Json;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const sameSkills = (a: Credential, b: Credential): boolean => JSON.stringify(a.skills.map((s) => s.skillId).sort()) === JSON.stringify(b.skills.map((s) => s.skillId).sort());

beforeAll(async () => {
  const sample = await loadSample();
  store = await createSqliteStore(':memory:');
  await store.importTaxonomy(sample.taxonomy);
  await store.putRecords(sample.records);
  ws = await Workspace.open({ store });
  app = createApp({ workspace: ws, clock, production: true });
  adminKey = (await ws.keys.create({ role: 'admin' }, clock())).key;
  const all = [...ws.records.credentials.values()];
  copy = all.find((c) => c.issuer.id === COPY_ISSUER)!;
  original = all.find((c) => c !== copy && sameSkills(c, copy) && c.cost === copy.cost && c.hours === copy.hours)!;
  // a candidate and role for which both are suggested: the role needs their skills, the candidate holds neither
  const held = (id: string): Set<string> => new Set(ws.records.awardsOfCandidate(id).map((a) => a.credentialId));
  const roles = [...ws.records.roles.values()].filter((r) => r.requirements.some((q) => original.skills.some((s) => s.skillId === q.skillId))).sort((a, b) => (a.id < b.id ? -1 : 1));
  outer: for (const role of roles) {
    for (const candidateId of [...ws.records.candidates.keys()].sort()) {
      if (held(candidateId).has(original.id)) continue;
      const out = recommend(ws, localOperator, { candidateId, roleId: role.id, first: 50, budgetUsd: BUDGET }, NOW);
      const next = out.next.map((r) => r.credentialId);
      if (next.includes(original.id) && next.includes(copy.id) && out.pathway.best.steps.some((s) => s.credentialId === original.id)) {
        pair = { candidateId, roleId: role.id };
        break outer;
      }
    }
  }
}, 300_000);

afterAll(async () => store?.close());

describe('issue 20: credibility in the recommender, on the sample through the app and the API', () => {
  it('the sample pair: same skills, price and hours; the original states accreditation and its issuer verifies, the copy\u2019s cannot', () => {
    expect(copy).toBeDefined();
    expect(original).toBeDefined();
    expect(original.issuer.id).not.toBe(COPY_ISSUER);
    expect(original.standing?.recognition.length).toBeGreaterThan(0);
    expect(copy.standing?.recognition ?? []).toEqual([]);
    const issuers = issuerCredibility([...ws.records.heldCredentials.values()], [...ws.records.awards.values()]);
    expect(issuers.get(original.issuer.id)).toMatchObject({ verified: true });
    expect(issuers.get(COPY_ISSUER)).toEqual({ issuerId: COPY_ISSUER, awards: 0, verifiedAwards: 0, invalidAwards: 0, verified: false });
    const levels = credibilityLevels(ws);
    expect(levels.get(original.id)).toBe(2);
    expect(levels.get(copy.id)).toBe(0);
    // the copy's id sorts first: without the rule, the id would break the tie in its favour
    expect(copy.id < original.id).toBe(true);
  });

  it('recommendCredentials (GraphQL): the accredited credential ranks directly above its unverifiable copy at the same value', async () => {
    expect(pair).toBeDefined();
    const data = await gql(
      `query($c: ID!, $r: ID!) { recommendCredentials(candidateId: $c, roleId: $r, first: 50) { __typename ... on Recommendations { next { credential { id } value cost hours credibility explanation } pathway { steps { credential { id } } } } } }`,
      { c: pair.candidateId, r: pair.roleId },
    );
    const rec = data.recommendCredentials;
    expect(rec.__typename).toBe('Recommendations');
    const ids: string[] = rec.next.map((n: Json) => n.credential.id);
    const i = ids.indexOf(original.id);
    const j = ids.indexOf(copy.id);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(j).toBe(i + 1);
    expect(rec.next[i].value).toBe(rec.next[j].value);
    expect(rec.next[i].cost).toBe(rec.next[j].cost);
    expect(rec.next[i].credibility).toBe('VERIFIED_RECOGNISED');
    expect(rec.next[j].credibility).toBe('UNVERIFIED');
    expect(rec.next[i].explanation).toContain(`ranked above ${copy.id}`);
  });

  it('recommendCredentials (GraphQL): the pathway within budget takes the accredited credential, never the copy', async () => {
    const q = `query($c: ID!, $r: ID!, $b: Float) { recommendCredentials(candidateId: $c, roleId: $r, budget: $b) { __typename ... on Recommendations { pathway { steps { credential { id } } } } } }`;
    const rec = (await gql(q, { c: pair.candidateId, r: pair.roleId, b: BUDGET })).recommendCredentials;
    const steps: string[] = rec.pathway.steps.map((s: Json) => s.credential.id);
    expect(steps).toContain(original.id);
    expect(steps).not.toContain(copy.id);
  });

  it('the app says why (explanation), and the engine without credibility would have put the copy first', () => {
    const out = recommend(ws, localOperator, { ...pair, first: 50 }, NOW);
    const o = out.next.find((r) => r.credentialId === original.id)!;
    const c = out.next.find((r) => r.credentialId === copy.id)!;
    expect(o.credibility).toBe(2);
    expect(o.explanation).toContain(`ranked above ${copy.id}: same requirement skills at the same value, lower credibility`);
    expect(c.explanation).toContain('issuer not verified (level 0)');
    const profile = ws.profile(pair.candidateId, NOW);
    const role = [...ws.records.roles.values()].find((r) => r.id === pair.roleId)!;
    const held = ws.records.awardsOfCandidate(pair.candidateId).map((a) => a.credentialId);
    const plainInput = { role, profile, catalogue: [...ws.records.credentials.values()], held };
    const plain = createRecommender(ws.scorer).next(plainInput, { top: 50 }).map((r) => r.credentialId);
    expect(plain.indexOf(copy.id)).toBeLessThan(plain.indexOf(original.id));
    const plainSteps = createRecommender(ws.scorer).pathway(plainInput, { budgetUsd: BUDGET }).best.steps.map((s) => s.credentialId);
    expect(plainSteps).toContain(copy.id);
    expect(plainSteps).not.toContain(original.id);
  });
});
