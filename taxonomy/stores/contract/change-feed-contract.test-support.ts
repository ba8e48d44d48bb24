import { beforeEach, describe, expect, it } from 'vitest';
import { TaxonomyError } from '../../model/errors.ts';
import type { Candidate } from '../../model/types.ts';
import type { ChangeEntry } from '../change-feed.ts';
import { fixtureRecords, fixtureTaxonomy } from './fixture.test-support.ts';
import type { GraphStore } from '../graph-store.ts';

/** Every entry of the feed after `after` (pages of 2, to exercise paging). */
async function allChanges(store: GraphStore, after = 0): Promise<ChangeEntry[]> {
  const out: ChangeEntry[] = [];
  for (;;) {
    const page = await store.readChanges(after, 2);
    out.push(...page.entries);
    if (page.entries.length === 0) return out;
    after = page.entries[page.entries.length - 1]!.seq;
  }
}

const candidate = (i: number): Candidate => ({ id: `urn:cand:c${i}`, name: `C ${i}`, sharedWith: [], claimedSkills: [], experience: '', location: '' });

/**
 * The change feed part of the store contract (issue 19), run by `runStoreContract` against every store.
 * `store()` is the contract's fresh, empty store of the current test.
 */
export function changeFeedContract(store: () => GraphStore): void {
  describe('change feed', () => {
    beforeEach(async () => {
      await store().importTaxonomy(fixtureTaxonomy);
    });

    it('readChanges numbers each write transaction 1, 2, 3 … and names what it changed', async () => {
      const s = store();
      await s.putRecords(fixtureRecords);
      await s.setMeta('api-keys', '[]');
      await s.deleteRecords({ candidates: ['urn:cand:ada'], roles: ['urn:role:unknown'] });
      const entries = await allChanges(s);
      expect(entries.map((e) => [e.seq, e.kind])).toEqual([[1, 'taxonomy'], [2, 'put'], [3, 'meta'], [4, 'delete']]);
      expect(entries[1]!.ids).toEqual({
        credentials: ['urn:cred:intro-python', 'urn:cred:dev-cert'],
        candidates: ['urn:cand:ada'],
        postings: ['urn:post:1'],
        roles: ['urn:role:1'],
        awards: ['urn:award:1'],
      });
      expect(entries[2]!.key).toBe('api-keys');
      // the delete names the award it cascaded to
      expect(entries[3]!.ids).toEqual({ candidates: ['urn:cand:ada'], roles: ['urn:role:unknown'], awards: ['urn:award:1'] });
      for (const e of entries) expect(Number.isNaN(Date.parse(e.at))).toBe(false);
      expect(await s.readChanges(0, 100)).toMatchObject({ head: 4, floor: 0 });
    });

    it('putEmbeddings records no entry (a cache no read model depends on)', async () => {
      const s = store();
      await s.putEmbeddings('m', [{ textHash: 'h', vector: new Float32Array([1, 2]) }]);
      expect((await s.readChanges(0, 10)).head).toBe(1);
    });

    it('a failed write records no entry and takes no number', async () => {
      const s = store();
      const bad = { awards: [{ ...fixtureRecords.awards![0]!, candidateId: 'urn:cand:nobody' }] };
      await expect(s.putRecords(bad)).rejects.toBeInstanceOf(TaxonomyError);
      await s.putRecords({ candidates: [candidate(1)] });
      expect((await allChanges(s)).map((e) => e.seq)).toEqual([1, 2]);
    });

    it('readChanges returns at most `limit` entries after `after`, oldest first', async () => {
      const s = store();
      for (let i = 0; i < 5; i++) await s.putRecords({ candidates: [candidate(i)] });
      const page = await s.readChanges(2, 2);
      expect(page.entries.map((e) => e.seq)).toEqual([3, 4]);
      expect(page.entries.map((e) => e.ids.candidates)).toEqual([['urn:cand:c1'], ['urn:cand:c2']]);
      expect(page.head).toBe(6);
      expect((await s.readChanges(6, 10)).entries).toEqual([]);
    });

    it('concurrent writers get distinct consecutive numbers and every write has its entry', async () => {
      const s = store();
      await Promise.all(Array.from({ length: 16 }, (_, i) => s.putRecords({ candidates: [candidate(i)] })));
      const entries = await allChanges(s, 1);
      expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 16 }, (_, i) => i + 2));
      expect(new Set(entries.map((e) => e.ids.candidates![0])).size).toBe(16);
    });

    it('compactChanges drops entries up to a sequence, raises the floor and clamps to the head', async () => {
      const s = store();
      for (let i = 0; i < 4; i++) await s.putRecords({ candidates: [candidate(i)] });
      expect(await s.compactChanges(3)).toBe(3);
      const page = await s.readChanges(0, 10);
      expect(page.floor).toBe(3); // a reader at 0 < floor has missed entries: it must reload
      expect(page.entries.map((e) => e.seq)).toEqual([4, 5]);
      expect(await s.compactChanges(3)).toBe(0);
      expect(await s.compactChanges(1_000)).toBe(2);
      expect(await s.readChanges(0, 10)).toEqual({ entries: [], head: 5, floor: 5 });
      await s.putRecords({ candidates: [candidate(9)] });
      expect((await s.readChanges(5, 10)).entries.map((e) => e.seq)).toEqual([6]);
    });

    it('getRecords reads the stored records of the named ids and omits unknown ones', async () => {
      const s = store();
      await s.putRecords(fixtureRecords);
      const got = await s.getRecords({ candidates: ['urn:cand:ada', 'urn:cand:nobody'], awards: ['urn:award:1'], roles: ['urn:role:none'] });
      expect(got).toEqual({ candidates: fixtureRecords.candidates, awards: fixtureRecords.awards });
    });

    it('readChanges / compactChanges with a bad argument reject with INVALID_VALUE naming it', async () => {
      const s = store();
      await expect(s.readChanges(-1, 10)).rejects.toMatchObject({ code: 'INVALID_VALUE', location: { field: 'after' } });
      await expect(s.readChanges(0, 0)).rejects.toMatchObject({ code: 'INVALID_VALUE', location: { field: 'limit' } });
      await expect(s.readChanges(0, 10_001)).rejects.toMatchObject({ code: 'INVALID_VALUE', location: { field: 'limit' } });
      await expect(s.compactChanges(1.5)).rejects.toMatchObject({ code: 'INVALID_VALUE', location: { field: 'through' } });
    });
  });
}
