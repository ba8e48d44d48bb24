import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSample, type SampleData } from '../taxonomy/loaders/sample.ts';
import type { Candidate, JobPosting } from '../taxonomy/model/types.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { visibleCandidate } from './candidates.ts';
import { startChangeFollower, type ChangeFollower } from './change-follower.ts';
import { fit } from './fit.ts';
import { gapWindow, gaps } from './gaps.ts';
import type { Principal } from './principal.ts';
import { rankCandidates } from './rank-candidates.ts';
import { recommend } from './recommend.ts';
import { visibleRoles } from './roles.ts';
import { upsertCandidate, type CandidateInput } from './upsert-candidate.ts';
import { Workspace } from './workspace.ts';

/**
 * Issue 19: two processes' worth of state on ONE SQLite file (two connections, two read models): writes
 * through A (its use-cases, or the store directly as the CLI writes) reach B's read model through the
 * change feed. Real sample data (taxonomy/loaders/sample.ts), real SQLite.
 */
const admin: Principal = { keyId: 'test', role: 'admin', organisationId: null, candidateId: null };
const NOW = new Date('2026-11-01T00:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'skillgraph-follow-'));
let sample: SampleData;
let n = 0;

beforeAll(async () => {
  sample = await loadSample();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let storeA: GraphStore;
let storeB: GraphStore;
let a: Workspace;
let b: Workspace;
let follower: ChangeFollower;
let reloads: string[];

beforeEach(async () => {
  const file = join(dir, `shared-${n++}.db`);
  storeA = await createSqliteStore(file);
  await storeA.importTaxonomy(sample.taxonomy);
  await storeA.putRecords(sample.records);
  storeB = await createSqliteStore(file);
  a = await Workspace.open({ store: storeA });
  b = await Workspace.open({ store: storeB });
  reloads = [];
  follower = startChangeFollower({ feed: storeB, model: b, startAfter: b.feedPosition, intervalMs: 10, onReload: (r) => reloads.push(r) });
});

afterEach(async () => {
  await follower.stop();
  await storeA.close();
  await storeB.close();
});

const role = (): string => sample.records.roles![0]!.id;
const requiredSkills = (): string[] => sample.records.roles![0]!.requirements.map((q) => q.skillId);
const rankedIds = (ws: Workspace): string[] => rankCandidates(ws, admin, { roleId: role(), first: 200 }, NOW).items.map((x) => x.candidateId);
const upsert = (ws: Workspace, input: CandidateInput): Promise<Candidate> => upsertCandidate(ws, admin, input);

async function eventually(check: () => void, timeoutMs = 5_000): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    try {
      check();
      return Date.now() - t0;
    } catch (err) {
      if (Date.now() - t0 > timeoutMs) throw err;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

describe('startChangeFollower + Workspace.applyChange (issue 19)', () => {
  it('a candidate written through A is ranked by B within the poll interval, without a restart', async () => {
    expect(rankedIds(b)).not.toContain('urn:test:cand:star');
    await upsert(a, { id: 'urn:test:cand:star', name: 'Star', claimedSkillIds: requiredSkills() });
    expect(rankedIds(a)).toContain('urn:test:cand:star');
    const waited = await eventually(() => expect(rankedIds(b)).toContain('urn:test:cand:star'));
    expect(rankedIds(b)).toEqual(rankedIds(a)); // the replicas agree
    expect(waited).toBeLessThan(1_000);
    expect(visibleCandidate(b, admin, 'urn:test:cand:star').name).toBe('Star');
  });

  it('a posting the CLI writes into the store is served by B (jobPosting) and counts in B\'s gaps', async () => {
    const window = gapWindow(NOW);
    const skill = requiredSkills()[0]!;
    const demandOf = async (ws: Workspace): Promise<number> => (await gaps(ws, admin, { by: 'skill', from: window.from, to: window.to }, NOW)).rows.find((r) => r.key === skill)?.demandCount ?? 0;
    const before = await demandOf(b);
    const posting: JobPosting = {
      id: 'urn:test:posting:1', title: 'Analyst', description: 'x', organisationId: 'urn:org:t', datePosted: '2026-10-01', occupationId: null, location: '',
      skills: [{ skillId: skill, confidence: 1, provenance: { kind: 'alignment', source: 'test', span: null } }],
    };
    await storeA.putRecords({ postings: [posting] }); // as `skillgraph import postings --db <same file>` does
    await eventually(() => expect(b.records.postings.get(posting.id)).toEqual(posting));
    expect(await demandOf(b)).toBe(before + 1);
  });

  it('an award and a changed credential change B\'s profile, fit and recommendations; a role appears', async () => {
    const cand: Candidate = { id: 'urn:test:cand:aw', name: 'Aw', sharedWith: [], claimedSkills: [], experience: '', location: '' };
    await storeA.putRecords({ candidates: [cand] });
    await follower.catchUp();
    const credential = sample.records.credentials!.find((c) => c.skills.some((l) => requiredSkills().includes(l.skillId)))!;
    const fitBefore = fit(b, admin, { candidateId: cand.id, roleId: role() }, NOW).score;
    await storeA.putRecords({ awards: [{ id: 'urn:test:award:1', candidateId: cand.id, credentialId: credential.id, issuedOn: '2026-01-01', expiresOn: null, verification: 'verified' }] });
    await follower.catchUp();
    const fitAfter = fit(b, admin, { candidateId: cand.id, roleId: role() }, NOW).score;
    expect(fitAfter).toBeGreaterThan(fitBefore);
    expect(recommend(b, admin, { candidateId: cand.id, roleId: role(), first: 20 }, NOW).next.map((r) => r.credentialId)).not.toContain(credential.id);
    // the credential loses its skills: its holder's profile is rebuilt from the new definition
    await storeA.putRecords({ credentials: [{ ...credential, skills: [] }] });
    await follower.catchUp();
    expect(fit(b, admin, { candidateId: cand.id, roleId: role() }, NOW).score).toBe(fitBefore);
    const newRole = { ...sample.records.roles![0]!, id: 'urn:test:role:2' };
    await storeA.putRecords({ roles: [newRole] });
    await follower.catchUp();
    expect(visibleRoles(b, admin).map((r) => r.id)).toContain('urn:test:role:2');
  });

  it('a key created and then revoked through A is accepted and then refused by B', async () => {
    const { key, record } = await a.keys.create({ role: 'admin' }, NOW);
    await follower.catchUp();
    expect(b.keys.authenticate(key)?.keyId).toBe(record.id);
    await a.keys.revoke(record.id);
    await eventually(() => expect(b.keys.authenticate(key)).toBeNull());
  });

  it('a deleted candidate leaves B\'s ranking and its awards go with it', async () => {
    await upsert(a, { id: 'urn:test:cand:gone', name: 'Gone', claimedSkillIds: requiredSkills() });
    await follower.catchUp();
    expect(rankedIds(b)).toContain('urn:test:cand:gone');
    const victim = sample.records.awards![0]!.candidateId;
    await storeA.deleteRecords({ candidates: ['urn:test:cand:gone', victim] });
    await follower.catchUp();
    expect(rankedIds(b)).not.toContain('urn:test:cand:gone');
    expect(b.records.awardsOfCandidate(victim)).toEqual([]);
    expect([...b.records.awards.values()].some((x) => x.candidateId === victim)).toBe(false);
  });

  it('a process whose position was compacted away reloads and converges; a taxonomy import reloads too', async () => {
    await follower.stop();
    const behind = b.feedPosition;
    await upsert(a, { id: 'urn:test:cand:late', name: 'Late', claimedSkillIds: requiredSkills() });
    const { head } = await storeA.readChanges(0, 1);
    await storeA.compactChanges(head);
    follower = startChangeFollower({ feed: storeB, model: b, startAfter: behind, intervalMs: 10, onReload: (r) => reloads.push(r) });
    await follower.catchUp();
    expect(reloads).toEqual(['behind']);
    expect(rankedIds(b)).toContain('urn:test:cand:late');
    expect(follower.position).toBe(head);

    const skill = { ...sample.taxonomy.skills[0]!, id: 'urn:test:skill:new', preferredLabel: 'brand new skill' };
    await storeA.importTaxonomy({ skills: [skill], groups: [], broader: [], skillRelations: [], occupations: [], occupationSkills: [], crosswalk: [] }, { mode: 'merge' });
    await follower.catchUp();
    expect(reloads).toEqual(['behind', 'taxonomy']);
    expect(b.graph.skill('urn:test:skill:new')?.preferredLabel).toBe('brand new skill');
    expect(rankedIds(b)).toContain('urn:test:cand:late');
  });

  it('a follower keeps polling after the store fails and resumes from the same position', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const flaky = { ...storeB, readChanges: (after: number, limit: number) => (fail ? Promise.reject(new Error('down')) : storeB.readChanges(after, limit)), compactChanges: storeB.compactChanges, getRecords: storeB.getRecords };
    await follower.stop();
    follower = startChangeFollower({ feed: flaky, model: b, startAfter: b.feedPosition, intervalMs: 10, onError: (e) => errors.push(e) });
    await upsert(a, { id: 'urn:test:cand:retry', name: 'Retry', claimedSkillIds: requiredSkills() });
    await eventually(() => expect(errors.length).toBeGreaterThan(1));
    fail = false;
    await eventually(() => expect(rankedIds(b)).toContain('urn:test:cand:retry'));
  });

  it('startChangeFollower with a bad option throws naming it', () => {
    expect(() => startChangeFollower({ feed: storeB, model: b, startAfter: 0, intervalMs: 0 })).toThrow('invalid intervalMs: 0');
    expect(() => startChangeFollower({ feed: storeB, model: b, startAfter: -1 })).toThrow('invalid startAfter: -1');
  });
});
