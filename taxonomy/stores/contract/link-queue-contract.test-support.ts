import { beforeEach, describe, expect, it } from 'vitest';
import type { SkillLink } from '../../model/types.ts';
import { E, fixtureRecords, fixtureTaxonomy } from './fixture.test-support.ts';
import type { GraphStore } from '../graph-store.ts';
import type { LinkJob } from '../link-jobs.ts';

const M = 'model-a';
const link = (skillId: string): SkillLink => ({ skillId, confidence: 0.7, provenance: { kind: 'text', source: 'found', span: [0, 5] } });
const key = (j: LinkJob): string => `${j.kind}:${j.id}`;
const textLink = (skillId: string, source: string): SkillLink => ({ skillId, confidence: 0.7, provenance: { kind: 'text', source, span: [0, source.length] } });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The linking-queue part of the store contract (issue 19). `store()` is the contract's fresh store. */
export function linkQueueContract(store: () => GraphStore): void {
  describe('link queue', () => {
    beforeEach(async () => {
      await store().importTaxonomy(fixtureTaxonomy);
      await store().putRecords(fixtureRecords);
    });

    it('enqueueUnlinked adds one job per posting, credential and candidate once per model', async () => {
      const s = store();
      expect(await s.enqueueUnlinked(M)).toBe(4); // 1 posting, 2 credentials, 1 candidate
      expect(await s.enqueueUnlinked(M)).toBe(0);
      expect(await s.enqueueUnlinked('model-b', ['postings'])).toBe(1);
      expect(await s.linkQueueStats(M)).toEqual({ pending: 4, claimed: 0, done: 0 });
    });

    it('claimLinkJobs hands each job to one worker only, also when workers claim at once', async () => {
      const s = store();
      await s.enqueueUnlinked(M);
      const claims = await Promise.all(['w1', 'w2', 'w3', 'w4', 'w5'].map((w) => s.claimLinkJobs(M, w, 1, 60_000)));
      const all = claims.flat().map(key);
      expect(all.length).toBe(4);
      expect(new Set(all).size).toBe(4);
      expect(await s.linkQueueStats(M)).toEqual({ pending: 0, claimed: 4, done: 0 });
      const job = claims.flat().find((j) => j.kind === 'postings')!;
      expect(job.text).toBe('Junior developer\nWe need Python.');
    });

    it('completeLinkJobs writes the links into the documents, keeps explicit skills, and records a feed entry', async () => {
      const s = store();
      await s.enqueueUnlinked(M);
      const jobs = await s.claimLinkJobs(M, 'w1', 10, 60_000);
      const { head } = await s.readChanges(0, 1);
      const report = await s.completeLinkJobs(M, 'w1', jobs.map((j) => ({ ...j, links: [link(`${E}/skill/knives`)] })));
      expect(report).toEqual({ done: 4, lost: 0, requeued: 0 });
      expect((await s.getCandidate('urn:cand:ada'))?.experienceSkills).toEqual([link(`${E}/skill/knives`)]);
      // the credential's alignment stays first; its old text link is replaced
      expect((await s.getCredential('urn:cred:intro-python'))?.skills.map((l) => l.skillId)).toEqual([`${E}/skill/python`, `${E}/skill/knives`]);
      expect((await s.getCredential('urn:cred:dev-cert'))?.skills.map((l) => l.skillId)).toEqual([`${E}/skill/knives`]);
      const entries = (await s.readChanges(head, 10)).entries;
      expect(entries.map((e) => e.kind)).toEqual(['put']);
      expect(entries[0]!.ids.candidates).toEqual(['urn:cand:ada']);
      expect(await s.linkQueueStats(M)).toEqual({ pending: 0, claimed: 0, done: 4 });
    });

    it('an expired claim goes to the next worker; the first worker\'s late result is dropped, none is lost', async () => {
      const s = store();
      await s.enqueueUnlinked(M, ['postings']);
      const first = await s.claimLinkJobs(M, 'dead', 10, 1);
      expect(first.map(key)).toEqual(['postings:urn:post:1']);
      await new Promise((r) => setTimeout(r, 10));
      const second = await s.claimLinkJobs(M, 'alive', 10, 60_000);
      expect(second.map(key)).toEqual(['postings:urn:post:1']);
      expect(await s.completeLinkJobs(M, 'dead', first.map((j) => ({ ...j, links: [] })))).toEqual({ done: 0, lost: 1, requeued: 0 });
      expect(await s.completeLinkJobs(M, 'alive', second.map((j) => ({ ...j, links: [link(`${E}/skill/programming`)] })))).toEqual({ done: 1, lost: 0, requeued: 0 });
      expect((await s.getPosting('urn:post:1'))?.skills.map((l) => l.skillId)).toEqual([`${E}/skill/programming`]);
    });

    it('a document whose text changed after the claim is not overwritten: its job goes back to pending', async () => {
      const s = store();
      await s.enqueueUnlinked(M, ['candidates']);
      const jobs = await s.claimLinkJobs(M, 'w1', 10, 60_000);
      const changed = { ...fixtureRecords.candidates![0]!, experience: 'Now a pilot.' };
      await s.putRecords({ candidates: [changed] });
      expect(await s.completeLinkJobs(M, 'w1', jobs.map((j) => ({ ...j, links: [link(`${E}/skill/knives`)] })))).toEqual({ done: 0, lost: 0, requeued: 1 });
      expect(await s.getCandidate('urn:cand:ada')).toEqual(changed);
      expect((await s.claimLinkJobs(M, 'w2', 10, 60_000)).map((j) => j.text)).toEqual(['Now a pilot.']);
    });

    it('a document whose text changes after its job is done goes back to pending, without the links whose sentence left', async () => {
      const s = store();
      await s.enqueueUnlinked(M, ['candidates']);
      const jobs = await s.claimLinkJobs(M, 'w1', 10, 60_000);
      const found = [textLink(`${E}/skill/knives`, 'Chef, then programmer.')];
      await s.completeLinkJobs(M, 'w1', jobs.map((j) => ({ ...j, links: found })));
      const linked = (await s.getCandidate('urn:cand:ada'))!;
      expect(linked.experienceSkills).toEqual(found);
      // same text, another field: nothing to link again, the links stay
      await s.putRecords({ candidates: [{ ...linked, location: 'Basel' }] });
      expect(await s.linkQueueStats(M)).toEqual({ pending: 0, claimed: 0, done: 1 });
      expect((await s.getCandidate('urn:cand:ada'))?.experienceSkills).toEqual(found);
      // a writer that keeps the old links but changes the text (an edited export re-imported, say)
      await s.putRecords({ candidates: [{ ...linked, experience: 'Now a pilot.' }] });
      expect(await s.linkQueueStats(M)).toEqual({ pending: 1, claimed: 0, done: 0 });
      expect((await s.getCandidate('urn:cand:ada'))?.experienceSkills).toEqual([]);
      const again = await s.claimLinkJobs(M, 'w2', 10, 60_000);
      expect(again.map((j) => j.text)).toEqual(['Now a pilot.']);
      // links from sentences still in the text stay until the new links replace them
      const posting = fixtureRecords.postings![0]!;
      await s.enqueueUnlinked(M, ['postings']);
      const pj = await s.claimLinkJobs(M, 'w1', 10, 60_000);
      await s.completeLinkJobs(M, 'w1', pj.map((j) => ({ ...j, links: [textLink(`${E}/skill/python`, 'We need Python.')] })));
      const edited = { ...(await s.getPosting(posting.id))!, description: 'We need Python. And SQL.' };
      await s.putRecords({ postings: [edited] });
      expect((await s.getPosting(posting.id))?.skills.map((l) => l.skillId)).toEqual([`${E}/skill/python`]);
      expect((await s.claimLinkJobs(M, 'w3', 10, 60_000)).map((j) => j.text)).toEqual(['Junior developer\nWe need Python. And SQL.']);
    });

    it("a posting's job carries its occupation, stated or inferred; a change of it alone sends the posting back to pending (issue 18)", async () => {
      const s = store();
      const posting = fixtureRecords.postings![0]!;
      await s.enqueueUnlinked(M);
      const jobs = await s.claimLinkJobs(M, 'w1', 10, 60_000);
      expect(jobs.find((j) => j.kind === 'postings')!.occupationId).toBe(posting.occupationId);
      expect(jobs.filter((j) => j.kind !== 'postings').every((j) => j.occupationId === undefined)).toBe(true);
      const found = [textLink(`${E}/skill/python`, 'We need Python.')];
      await s.completeLinkJobs(M, 'w1', jobs.map((j) => ({ ...j, links: j.kind === 'postings' ? found : [] })));
      const linked = (await s.getPosting(posting.id))!;
      // the same occupation, marked as inferred from the title: read in the same sense, nothing to link again
      await s.putRecords({ postings: [{ ...linked, occupationInferred: { confidence: 0.9, from: 'title' } }] });
      expect(await s.linkQueueStats(M)).toEqual({ pending: 0, claimed: 0, done: 4 });
      // no occupation any more (same text): linked again, its links kept until then
      await s.putRecords({ postings: [{ ...linked, occupationId: null }] });
      expect(await s.linkQueueStats(M)).toEqual({ pending: 1, claimed: 0, done: 3 });
      expect((await s.getPosting(posting.id))?.skills).toEqual(found);
      const [again] = await s.claimLinkJobs(M, 'w2', 10, 60_000);
      expect(again).toMatchObject({ kind: 'postings', id: posting.id, occupationId: null });
      // the occupation back while claimed: the result made in the other sense is not written, the job goes back to pending
      await s.putRecords({ postings: [linked] });
      expect(await s.completeLinkJobs(M, 'w2', [{ ...again!, links: [] }])).toEqual({ done: 0, lost: 0, requeued: 1 });
      const third = await s.claimLinkJobs(M, 'w3', 10, 60_000);
      expect(third.map((j) => j.occupationId)).toEqual([posting.occupationId]);
      // another field (the location) changes nothing
      await s.completeLinkJobs(M, 'w3', third.map((j) => ({ ...j, links: found })));
      await s.putRecords({ postings: [{ ...linked, location: 'Basel' }] });
      expect(await s.linkQueueStats(M)).toEqual({ pending: 0, claimed: 0, done: 4 });
    });

    it('a document written after a model queued work gets a pending job at write time', async () => {
      const s = store();
      await s.enqueueUnlinked(M, ['postings']);
      await s.completeLinkJobs(M, 'w1', (await s.claimLinkJobs(M, 'w1', 10, 60_000)).map((j) => ({ ...j, links: [] })));
      const posting = { ...fixtureRecords.postings![0]!, id: 'urn:post:2', description: 'We need knives.' };
      await s.putRecords({ postings: [posting] });
      expect(await s.linkQueueStats(M)).toEqual({ pending: 1, claimed: 0, done: 1 });
      expect((await s.claimLinkJobs(M, 'w1', 10, 60_000)).map(key)).toEqual(['postings:urn:post:2']);
      // a model that never queued work gets no jobs
      expect(await s.linkQueueStats('model-never')).toEqual({ pending: 0, claimed: 0, done: 0 });
    });

    it('a taxonomy import makes every done job claimable again, and a result made with the old taxonomy is requeued', async () => {
      const s = store();
      const v0 = await s.linkTaxonomyVersion();
      await s.enqueueUnlinked(M);
      const jobs = await s.claimLinkJobs(M, 'w1', 2, 60_000);
      expect(jobs.every((j) => j.taxonomy === v0)).toBe(true);
      await s.completeLinkJobs(M, 'w1', jobs.map((j) => ({ ...j, links: [] })));
      const late = await s.claimLinkJobs(M, 'w2', 10, 60_000); // the other two, claimed before the import
      expect(late.length).toBe(2);
      await s.importTaxonomy({ ...fixtureTaxonomy, skills: fixtureTaxonomy.skills.slice(0, 3) }, { mode: 'merge' });
      const v1 = await s.linkTaxonomyVersion();
      expect(v1).toBe(v0 + 1);
      expect(await s.linkQueueStats(M)).toEqual({ pending: 2, claimed: 2, done: 0 });
      // linked with the linker of the old taxonomy: not written, back to pending
      expect(await s.completeLinkJobs(M, 'w2', late.map((j) => ({ ...j, links: [link(`${E}/skill/knives`)] })))).toEqual({ done: 0, lost: 0, requeued: 2 });
      const again = await s.claimLinkJobs(M, 'w3', 10, 60_000);
      expect(again.length).toBe(4);
      expect(again.every((j) => j.taxonomy === v1)).toBe(true);
      expect(await s.completeLinkJobs(M, 'w3', again.map((j) => ({ ...j, links: [] })))).toEqual({ done: 4, lost: 0, requeued: 0 });
      expect(await s.linkQueueStats(M)).toEqual({ pending: 0, claimed: 0, done: 4 });
    });

    it('renewLinkJobs keeps a live worker\'s claims past the lease; a stopped worker\'s claims expire and go to another', async () => {
      const s = store();
      await s.enqueueUnlinked(M);
      const slow = await s.claimLinkJobs(M, 'slow', 10, 400);
      expect(slow.length).toBe(4);
      for (let i = 0; i < 6; i++) {
        await sleep(150);
        expect(await s.renewLinkJobs(M, 'slow', slow, 400)).toBe(4);
        expect(await s.claimLinkJobs(M, 'thief', 10, 60_000)).toEqual([]);
      }
      // another worker cannot renew what it does not hold
      expect(await s.renewLinkJobs(M, 'thief', slow, 60_000)).toBe(0);
      expect(await s.completeLinkJobs(M, 'slow', slow.map((j) => ({ ...j, links: [] })))).toEqual({ done: 4, lost: 0, requeued: 0 });
      // a killed worker stops renewing: its claim expires and is redone
      const posting = { ...fixtureRecords.postings![0]!, id: 'urn:post:3' };
      await s.putRecords({ postings: [posting] });
      expect((await s.claimLinkJobs(M, 'killed', 10, 200)).map(key)).toEqual(['postings:urn:post:3']);
      expect(await s.claimLinkJobs(M, 'other', 10, 60_000)).toEqual([]);
      await sleep(300);
      expect((await s.claimLinkJobs(M, 'other', 10, 60_000)).map(key)).toEqual(['postings:urn:post:3']);
      expect(await s.renewLinkJobs(M, 'killed', [{ kind: 'postings', id: 'urn:post:3' }], 60_000)).toBe(0);
    });

    it('claimLinkJobs with a bad argument rejects with INVALID_VALUE naming it', async () => {
      const s = store();
      await expect(s.claimLinkJobs('', 'w', 1, 1)).rejects.toMatchObject({ code: 'INVALID_VALUE', location: { field: 'modelId' } });
      await expect(s.claimLinkJobs(M, 'w', 0, 1)).rejects.toMatchObject({ code: 'INVALID_VALUE', location: { field: 'limit' } });
      await expect(s.claimLinkJobs(M, 'w', 1, 0)).rejects.toMatchObject({ code: 'INVALID_VALUE', location: { field: 'leaseMs' } });
    });
  });
}
