import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSample, type SampleData } from '../taxonomy/loaders/sample.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { candidatesWithExperienceSkills } from './document-skills.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';
import { gaps } from './gaps.ts';
import { localOperator, type Principal } from './principal.ts';
import { rankCandidates } from './rank-candidates.ts';
import { recommend } from './recommend.ts';
import type { TextLink, TextLinker } from './text-linker.ts';
import { upsertCandidate } from './upsert-candidate.ts';
import { Workspace } from './workspace.ts';

const NOON = new Date('2026-11-02T12:00:00Z');
const EVENING = new Date('2026-11-02T23:59:00Z');

let sample: SampleData;
let store: GraphStore;

beforeEach(async () => {
  sample ??= await loadSample();
  store = await createSqliteStore(':memory:');
  await store.importTaxonomy(sample.taxonomy);
  await store.putRecords(sample.records);
});
afterEach(async () => store.close());

const top = (ws: Workspace, roleId: string, now: Date, principal: Principal = localOperator) =>
  rankCandidates(ws, principal, { roleId, first: 20 }, now).items.map((i) => [i.candidateId, i.score]);

/** A small deterministic linker (unit tests only; app/document-skills.test.ts runs the real model): a skill per line naming its label. */
function labelLinker(ws: Workspace): TextLinker {
  const link = async (text: string): Promise<TextLink[]> =>
    text.split('\n').flatMap((line) => ws.graph.findSkillsByLabel(line.trim()).map((skillId) => ({ skillId, confidence: 0.8, phrase: line, parts: {}, provenance: { kind: 'text' as const, source: line, span: null } })));
  return { link, linkMany: async (texts) => Promise.all(texts.map(link)), search: async () => [] };
}

describe('Workspace', () => {
  it('profiles are built at the start of the UTC day: the same answers all day long', async () => {
    const ws = await Workspace.open({ store });
    const role = sample.records.roles![0]!.id;
    expect(top(ws, role, EVENING)).toEqual(top(ws, role, NOON));
  });

  it('apply(batch) after a write gives the same ranking as a workspace opened afresh on the store', async () => {
    const ws = await Workspace.open({ store });
    const role = sample.records.roles![3]!.id;
    const before = top(ws, role, NOON);
    // a candidate far down the list claims every required skill of the role
    const last = rankCandidates(ws, localOperator, { roleId: role, first: 1000 }, NOON).items.at(-1)!.candidateId;
    const c = ws.records.candidates.get(last)!;
    await upsertCandidate(ws, localOperator, { id: c.id, name: c.name, claimedSkillIds: sample.records.roles![3]!.requirements.map((r) => r.skillId) });
    const after = top(ws, role, NOON);
    expect(after).not.toEqual(before);
    expect(after.map(([id]) => id)).toContain(last);
    expect(after).toEqual(top(await Workspace.open({ store }), role, NOON));
  });

  it('the access policy is an input: an employer ranks only those who shared with it; a planner may not rank', async () => {
    const ws = await Workspace.open({ store });
    const role = sample.records.roles![0]!;
    const employer: Principal = { keyId: 'k', role: 'employer', organisationId: role.organisationId, candidateId: null };
    const page = rankCandidates(ws, employer, { roleId: role.id, first: 50 }, NOON);
    expect(page.items.length).toBeGreaterThan(0);
    for (const i of page.items) expect(ws.records.candidates.get(i.candidateId)!.sharedWith).toContain(role.organisationId);
    const planner: Principal = { keyId: 'p', role: 'planner', organisationId: null, candidateId: null };
    expect(() => rankCandidates(ws, planner, { roleId: role.id, first: 5 }, NOON)).toThrow(ForbiddenError);
    const other: Principal = { ...employer, organisationId: 'urn:org:nobody' };
    expect(() => rankCandidates(ws, other, { roleId: role.id, first: 5 }, NOON)).toThrow(NotFoundError);
    expect(() => gaps(ws, planner, { by: 'group' }, NOON)).not.toThrow();
    const learner: Principal = { keyId: 'l', role: 'learner', organisationId: null, candidateId: 'urn:sample:candidate:0001' };
    expect(() => recommend(ws, learner, { candidateId: 'urn:sample:candidate:0002', roleId: role.id }, NOON)).toThrow(NotFoundError);
  });

  it('skills linked from experience are stored with the candidate and count in the profile', async () => {
    const probe = await Workspace.open({ store });
    const skill = sample.taxonomy.skills.find((s) => probe.graph.findSkillsByLabel(s.preferredLabel).length === 1)!;
    const ws = await Workspace.open({ store, linker: labelLinker(probe) });
    const stored = await upsertCandidate(ws, localOperator, { id: 'urn:test:cand', name: 'Test', experience: `Duties\n${skill.preferredLabel}\n` });
    expect(stored.experienceSkills?.map((l) => l.skillId)).toEqual([skill.id]);
    expect((await store.getCandidate('urn:test:cand'))?.experienceSkills).toEqual(stored.experienceSkills);
    const profile = ws.profile('urn:test:cand', NOON);
    expect(profile.skills.get(skill.id)?.evidence[0]?.kind).toBe('experience');
    // a workspace opened afresh (no linker, as the CLI opens it) reads the same stored links
    expect((await Workspace.open({ store })).profile('urn:test:cand', NOON)).toEqual(profile);
  });

  it('candidatesWithExperienceSkills without a linker leaves a text unlinked (no links of an older text survive)', async () => {
    const old = [{ skillId: 'x', confidence: 1, provenance: { kind: 'text' as const, source: '', span: null } }];
    const c = { ...sample.records.candidates![0]!, experience: 'Ran a kitchen', experienceSkills: old };
    const [withText, empty] = await candidatesWithExperienceSkills([c, { ...c, experience: ' ' }], null);
    expect(withText!.experienceSkills).toBeUndefined();
    expect(empty!.experienceSkills).toEqual([]);
  });
});
