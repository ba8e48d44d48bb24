import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleApp, type SampleApp } from './testing/sample-app.ts';

let a: SampleApp;
let admin: string;
beforeAll(async () => {
  a = await sampleApp();
  admin = await a.keyFor({ role: 'admin' });
});
afterAll(async () => a.close());

describe('dashboard search and demand queries (issue 15)', () => {
  it('searchRoles finds stored roles, postings and occupations by word prefix; every hit id ranks', async () => {
    const role = [...a.workspace.records.roles.values()][0]!;
    const word = role.title.split(/\s+/)[0]!.slice(0, 4);
    const r = await a.gql(`query($t: String!) { searchRoles(text: $t, first: 20) { id title kind } }`, { t: word }, admin);
    const hits = r.body.data!.searchRoles as { id: string; title: string; kind: string }[];
    expect(hits.map((h) => h.id)).toContain(role.id);
    expect(hits.every((h) => h.title.toLowerCase().split(/\W+/).some((w) => w.startsWith(word.toLowerCase())) || h.kind === 'OCCUPATION')).toBe(true);
    const occ = a.sample.taxonomy.occupations[0]!;
    const byOcc = await a.gql(`query($t: String!) { searchRoles(text: $t, first: 5) { id kind } }`, { t: occ.preferredLabel }, admin);
    // a stored role with the same title comes first (same score: roles, then postings, then occupations)
    expect(byOcc.body.data!.searchRoles).toContainEqual({ id: occ.id, kind: 'OCCUPATION' });
    const rank = await a.gql(`query($r: ID!) { rankCandidates(roleId: $r, first: 1) { __typename } }`, { r: occ.id }, admin);
    expect(rank.body.data!.rankCandidates.__typename).toBe('RankedCandidateConnection');
  });

  it('searchCandidates finds a candidate by name prefix; postingDemand gives the postings’ range and profiles', async () => {
    const c = [...a.workspace.records.candidates.values()][0]!;
    const r = await a.gql(`query($t: String!) { searchCandidates(text: $t) { id name } }`, { t: c.name.slice(0, 3) }, admin);
    expect(r.body.data!.searchCandidates.map((x: { id: string }) => x.id)).toContain(c.id);
    const d = await a.gql(`{ postingDemand(first: 3) { __typename ... on PostingDemand { from to count profiles { id title requirements { skillId weight } } } } }`, {}, admin);
    const demand = d.body.data!.postingDemand;
    expect(demand.count).toBe(a.workspace.records.postings.size);
    expect(demand.from <= demand.to).toBe(true);
    expect(demand.profiles.length).toBeGreaterThan(0);
    expect(demand.profiles[0].requirements.every((q: { weight: number }) => q.weight > 0 && q.weight <= 1)).toBe(true);
  });
});
