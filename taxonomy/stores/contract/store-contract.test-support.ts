import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TaxonomyError } from '../../model/errors.ts';
import type { CredentialStanding, RecordsBatch, StoreStats, TaxonomyData } from '../../model/types.ts';
import { changeFeedContract } from './change-feed-contract.test-support.ts';
import { linkQueueContract } from './link-queue-contract.test-support.ts';
import { E, fixtureRecords, fixtureTaxonomy } from './fixture.test-support.ts';
import type { GraphStore } from '../graph-store.ts';

const by = <T>(key: (x: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** Same taxonomy as a set: rows sorted by natural key; label arrays keep their order. */
export function canonicalTaxonomy(d: TaxonomyData): TaxonomyData {
  return {
    skills: [...d.skills].sort(by((s) => s.id)),
    groups: [...d.groups].sort(by((g) => g.id)),
    broader: [...d.broader].sort(by((e) => `${e.childId}\n${e.parentId}`)),
    skillRelations: [...d.skillRelations].sort(by((r) => `${r.fromId}\n${r.toId}\n${r.relationType}`)),
    occupations: [...d.occupations].sort(by((o) => o.id)),
    occupationSkills: [...d.occupationSkills].sort(by((os) => `${os.occupationId}\n${os.skillId}`)),
    crosswalk: [...d.crosswalk].sort(by((c) => `${c.escoOccupationId}\n${c.onetCode}`)),
    skillMappings: [...(d.skillMappings ?? [])].sort(by((m) => `${m.fromSkillId}\n${m.toSkillId}`)),
  };
}

const EMPTY_TAXONOMY: TaxonomyData = { skills: [], groups: [], broader: [], skillRelations: [], occupations: [], occupationSkills: [], crosswalk: [], skillMappings: [] };

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected a rejection with ${code}`).toBeInstanceOf(TaxonomyError);
  expect((err as TaxonomyError).code).toBe(code);
}

/** The call rejects with INVALID_VALUE naming `field` (location.field and the message). */
async function expectInvalid(promise: Promise<unknown>, field: string): Promise<void> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected a rejection with INVALID_VALUE at ${field}`).toBeInstanceOf(TaxonomyError);
  expect((err as TaxonomyError).code).toBe('INVALID_VALUE');
  expect((err as TaxonomyError).location.field).toBe(field);
  expect((err as TaxonomyError).message).toContain(field);
}

/** A copy of `list` with item `i` patched (fields may be set to values of the wrong type). */
function patched<T>(list: readonly T[] | undefined, i: number, patch: Record<string, unknown>): T[] {
  return (list ?? []).map((x, j) => (j === i ? ({ ...x, ...patch } as T) : x));
}

/** Everything a store holds, for "unchanged" checks. */
async function snapshot(store: GraphStore): Promise<unknown> {
  return {
    taxonomy: canonicalTaxonomy(await store.loadTaxonomy()),
    stats: await store.stats(),
    credentials: await store.listCredentials(),
    candidates: await store.listCandidates(),
    awards: await store.listAwards(),
    postings: await store.listPostings(),
    roles: await store.listRoles(),
  };
}

const bits = (v: Float32Array): number[] => [...new Uint8Array(v.buffer, v.byteOffset, v.byteLength)];

/**
 * The behaviour every GraphStore must show (STYLE.md §6). `makeStore` returns an EMPTY store each
 * time; `cleanup` (default: close) runs after each test. Store-specific tests live beside each store.
 */
export function runStoreContract(name: string, makeStore: () => Promise<GraphStore>, cleanup?: (store: GraphStore) => Promise<void>): void {
  describe(`GraphStore contract: ${name}`, () => {
    let store: GraphStore;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      if (cleanup) await cleanup(store);
      else await store.close();
    });

    describe('importTaxonomy / loadTaxonomy', () => {
      it('loadTaxonomy on an empty store returns empty arrays', async () => {
        expect(await store.loadTaxonomy()).toEqual(EMPTY_TAXONOMY);
      });

      it('loadTaxonomy returns what importTaxonomy wrote (labels in order, multi-parent edges, null weights)', async () => {
        await store.importTaxonomy(fixtureTaxonomy);
        const loaded = await store.loadTaxonomy();
        expect(canonicalTaxonomy(loaded)).toEqual(canonicalTaxonomy(fixtureTaxonomy));
        const python = loaded.skills.find((s) => s.id === `${E}/skill/python`);
        expect(python?.altLabels).toEqual(['python', 'Python 3', 'Python (computer programming)']);
        expect(loaded.skills.find((s) => s.id === `${E}/skill/procurement`)?.preferredLabel).toBe('\u00a0procurement legislation');
        expect(loaded.broader.filter((e) => e.childId === `${E}/skill/python`).map((e) => e.parentId).sort()).toEqual([
          `${E}/isced-f/0613`,
          `${E}/skill/programming`,
        ]);
        const onet = loaded.occupationSkills.find((os) => os.skillId === 'onet:2.A.1.a');
        expect(onet).toEqual({ occupationId: 'onet:15-1252.00', skillId: 'onet:2.A.1.a', relationType: 'essential', importance: 3.88, level: null });
        expect(loaded.crosswalk.find((c) => !c.mapped)?.onetCode).toBe('15-1132.00');
      });

      it('importTaxonomy keeps occupation skills of an occupation id absent from the taxonomy (as ESCO publishes them)', async () => {
        const dangling = { occupationId: `${E}/occupation/not-in-occupations`, skillId: `${E}/skill/knives`, relationType: 'essential' as const, importance: null, level: null };
        const data = { ...fixtureTaxonomy, occupationSkills: [...fixtureTaxonomy.occupationSkills, dangling] };
        await store.importTaxonomy(data);
        expect(canonicalTaxonomy(await store.loadTaxonomy())).toEqual(canonicalTaxonomy(data));
        expect((await store.stats()).occupations).toBe(fixtureTaxonomy.occupations.length);
      });

      it('importTaxonomy reports progress through onProgress', async () => {
        const phases = new Set<string>();
        await store.importTaxonomy(fixtureTaxonomy, { onProgress: (phase, done, total) => {
          expect(done).toBeLessThanOrEqual(total);
          phases.add(phase);
        } });
        expect(phases.size).toBeGreaterThan(0);
      });

      it('importTaxonomy replace (default) removes rows absent from the new data', async () => {
        await store.importTaxonomy(fixtureTaxonomy);
        const smaller: TaxonomyData = {
          ...EMPTY_TAXONOMY,
          skills: fixtureTaxonomy.skills.slice(2, 3),
          groups: fixtureTaxonomy.groups.slice(0, 1),
          broader: fixtureTaxonomy.broader.slice(4, 5),
        };
        await store.importTaxonomy(smaller, { mode: 'replace' });
        expect(canonicalTaxonomy(await store.loadTaxonomy())).toEqual(canonicalTaxonomy(smaller));
      });

      it('importTaxonomy merge upserts by id, keeps other rows and may reference stored ids', async () => {
        await store.importTaxonomy(fixtureTaxonomy);
        const renamed = { ...fixtureTaxonomy.skills[1]!, preferredLabel: 'programming', altLabels: ['coding'] };
        const extra = { ...fixtureTaxonomy.skills[4]!, id: 'onet:2.A.1.b', preferredLabel: 'Active Listening' };
        const reweighted = { ...fixtureTaxonomy.occupationSkills[2]!, importance: 4, level: 3.5 };
        await store.importTaxonomy(
          {
            ...EMPTY_TAXONOMY,
            skills: [renamed, extra],
            broader: [{ childId: 'onet:2.A.1.b', parentId: `${E}/skill/S1` }],
            occupationSkills: [reweighted, { occupationId: 'onet:15-1252.00', skillId: 'onet:2.A.1.b', relationType: 'optional', importance: 2.5, level: null }],
          },
          { mode: 'merge' },
        );
        const loaded = await store.loadTaxonomy();
        expect(loaded.skills).toHaveLength(6);
        expect(loaded.skills.find((s) => s.id === renamed.id)).toEqual(renamed);
        expect(loaded.broader).toHaveLength(6);
        expect(loaded.occupationSkills).toHaveLength(5);
        expect(loaded.occupationSkills.find((os) => os.skillId === 'onet:2.A.1.a')).toEqual(reweighted);
        expect(canonicalTaxonomy(loaded).occupations).toEqual(canonicalTaxonomy(fixtureTaxonomy).occupations);
      });

      it('importTaxonomy merge of the same data twice changes nothing', async () => {
        await store.importTaxonomy(fixtureTaxonomy);
        await store.importTaxonomy(fixtureTaxonomy, { mode: 'merge' });
        expect(canonicalTaxonomy(await store.loadTaxonomy())).toEqual(canonicalTaxonomy(fixtureTaxonomy));
      });

      const bad: [string, string, TaxonomyData][] = [
        ['a duplicate skill id', 'DUPLICATE_ID', { ...fixtureTaxonomy, skills: [...fixtureTaxonomy.skills, fixtureTaxonomy.skills[0]!] }],
        ['a group id equal to a skill id', 'DUPLICATE_ID', { ...fixtureTaxonomy, groups: [...fixtureTaxonomy.groups, { ...fixtureTaxonomy.groups[0]!, id: `${E}/skill/python` }] }],
        ['a duplicate occupation id', 'DUPLICATE_ID', { ...fixtureTaxonomy, occupations: [...fixtureTaxonomy.occupations, fixtureTaxonomy.occupations[1]!] }],
        ['a broader edge to an unknown parent', 'UNKNOWN_REFERENCE', { ...fixtureTaxonomy, broader: [...fixtureTaxonomy.broader, { childId: `${E}/skill/knives`, parentId: `${E}/skill/nope` }] }],
        ['a skill relation to an unknown skill', 'UNKNOWN_REFERENCE', { ...fixtureTaxonomy, skillRelations: [...fixtureTaxonomy.skillRelations, { fromId: 'x', toId: `${E}/skill/knives`, relationType: 'optional' }] }],
        ['an occupation with an unknown parent', 'UNKNOWN_REFERENCE', { ...fixtureTaxonomy, occupations: [{ ...fixtureTaxonomy.occupations[0]!, parentIds: ['nope'] }, ...fixtureTaxonomy.occupations.slice(1)] }],
        ['an occupation skill on an unknown skill', 'UNKNOWN_REFERENCE', { ...fixtureTaxonomy, occupationSkills: [...fixtureTaxonomy.occupationSkills, { occupationId: 'onet:15-1252.00', skillId: 'onet:9.9', relationType: 'essential', importance: 1, level: null }] }],
        ['a skill mapping onto an unknown skill', 'UNKNOWN_REFERENCE', { ...fixtureTaxonomy, skillMappings: [{ fromSkillId: 'onet:2.A.1.a', toSkillId: `${E}/skill/nope`, confidence: 0.5, method: 'lexical' }] }],
      ];
      for (const [what, code, data] of bad) {
        for (const mode of ['replace', 'merge'] as const) {
          it(`importTaxonomy (${mode}) with ${what} rejects with ${code} and leaves the store unchanged`, async () => {
            await store.importTaxonomy(fixtureTaxonomy);
            await store.putRecords(fixtureRecords);
            const before = await snapshot(store);
            await expectCode(store.importTaxonomy(data, { mode }), code);
            expect(await snapshot(store)).toEqual(before);
          });
        }
      }

      const sk = fixtureTaxonomy.skills;
      const wronglyTyped: [string, string, TaxonomyData][] = [
        ['altLabels a string, not an array', 'skills[1].altLabels', { ...fixtureTaxonomy, skills: patched(sk, 1, { altLabels: 'notarray' }) }],
        ['a number label inside altLabels', 'skills[0].altLabels[2]', { ...fixtureTaxonomy, skills: patched(sk, 0, { altLabels: ['python', 'Python 3', 3] }) }],
        ['skillType a number', 'skills[2].skillType', { ...fixtureTaxonomy, skills: patched(sk, 2, { skillType: 42 }) }],
        ['preferredLabel an object (unbindable)', 'skills[3].preferredLabel', { ...fixtureTaxonomy, skills: patched(sk, 3, { preferredLabel: { en: 'x' } }) }],
        ['an unknown source', 'groups[0].source', { ...fixtureTaxonomy, groups: patched(fixtureTaxonomy.groups, 0, { source: 'wikipedia' }) }],
        ['occupation parentIds a string', 'occupations[1].parentIds', { ...fixtureTaxonomy, occupations: patched(fixtureTaxonomy.occupations, 1, { parentIds: `${E}/isco/C2512` }) }],
        ['importance a string', 'occupationSkills[2].importance', { ...fixtureTaxonomy, occupationSkills: patched(fixtureTaxonomy.occupationSkills, 2, { importance: 'high' }) }],
        ['level NaN', 'occupationSkills[3].level', { ...fixtureTaxonomy, occupationSkills: patched(fixtureTaxonomy.occupationSkills, 3, { level: Number.NaN }) }],
        ['crosswalk mapped a string', 'crosswalk[0].mapped', { ...fixtureTaxonomy, crosswalk: patched(fixtureTaxonomy.crosswalk, 0, { mapped: 'yes' }) }],
        ['crosswalk confidence null', 'crosswalk[1].confidence', { ...fixtureTaxonomy, crosswalk: patched(fixtureTaxonomy.crosswalk, 1, { confidence: null }) }],
        ['broader a non-array', 'broader', { ...fixtureTaxonomy, broader: 'x' as never }],
        ['a null skill row', 'skills[4]', { ...fixtureTaxonomy, skills: patched(sk, 4, {}).map((x, i) => (i === 4 ? (null as never) : x)) }],
      ];
      for (const [what, field, data] of wronglyTyped) {
        for (const mode of ['replace', 'merge'] as const) {
          it(`importTaxonomy (${mode}) with ${what} rejects with INVALID_VALUE at ${field} and leaves the store unchanged`, async () => {
            await store.importTaxonomy(fixtureTaxonomy);
            await store.putRecords(fixtureRecords);
            const before = await snapshot(store);
            await expectInvalid(store.importTaxonomy(data, { mode }), field);
            expect(await snapshot(store)).toEqual(before);
          });
        }
      }

      it('importTaxonomy failure on an empty store leaves it empty', async () => {
        await expectCode(store.importTaxonomy(bad[3]![2]), 'UNKNOWN_REFERENCE');
        expect(await store.loadTaxonomy()).toEqual(EMPTY_TAXONOMY);
      });
    });

    describe('records', () => {
      beforeEach(async () => {
        await store.importTaxonomy(fixtureTaxonomy);
      });

      it('putRecords then list*/get* return every record kind unchanged', async () => {
        await store.putRecords(fixtureRecords);
        const sortById = <T extends { id: string }>(xs: readonly T[]): T[] => [...xs].sort(by((x) => x.id));
        expect(sortById(await store.listCredentials())).toEqual(sortById(fixtureRecords.credentials!));
        expect(await store.listCandidates()).toEqual(fixtureRecords.candidates);
        expect(await store.listAwards()).toEqual(fixtureRecords.awards);
        expect(await store.listPostings()).toEqual(fixtureRecords.postings);
        expect(await store.listRoles()).toEqual(fixtureRecords.roles);
        expect(await store.getCredential('urn:cred:dev-cert')).toEqual(fixtureRecords.credentials![1]);
        expect(await store.getCandidate('urn:cand:ada')).toEqual(fixtureRecords.candidates![0]);
        expect(await store.getPosting('urn:post:1')).toEqual(fixtureRecords.postings![0]);
        expect(await store.getRole('urn:role:1')).toEqual(fixtureRecords.roles![0]);
      });

      it('putRecords keeps a credential standing (recognition, assessment) and its absence unchanged', async () => {
        const standing: CredentialStanding = {
          recognition: [
            { kind: 'accreditedBy', agentId: 'urn:org:accreditor', agentName: 'Accreditation Board', source: 'ceterms:accreditedBy[0]', verification: 'stated' },
            { kind: 'endorsement', agentId: 'https://endorser.example/issuer', agentName: '', source: 'endorsement[1]', verification: 'unverified' },
          ],
          assessment: [
            { kind: 'assessment', description: 'Proctored exam, 60 questions', source: 'ceterms:targetAssessment[0]' },
            { kind: 'criteria', description: 'Pass “all” modules ✓', source: 'criteria.narrative' },
          ],
        };
        const withStanding = { ...fixtureRecords.credentials![1]!, standing };
        await store.putRecords({ ...fixtureRecords, credentials: [fixtureRecords.credentials![0]!, withStanding] });
        expect(await store.getCredential('urn:cred:dev-cert')).toEqual(withStanding);
        const plain = await store.getCredential('urn:cred:intro-python');
        expect(plain).toEqual(fixtureRecords.credentials![0]);
        expect(plain && 'standing' in plain).toBe(false);
        expect((await store.listCredentials()).find((c) => c.id === 'urn:cred:dev-cert')?.standing).toEqual(standing);
      });

      it('get* return null for unknown ids', async () => {
        expect(await store.getCredential('nope')).toBeNull();
        expect(await store.getCandidate('nope')).toBeNull();
        expect(await store.getPosting('nope')).toBeNull();
        expect(await store.getRole('nope')).toBeNull();
      });

      it('putRecords upserts by id', async () => {
        await store.putRecords(fixtureRecords);
        const changed = { ...fixtureRecords.candidates![0]!, name: 'Ada L.', claimedSkills: [] };
        await store.putRecords({ candidates: [changed] });
        expect(await store.listCandidates()).toEqual([changed]);
        expect(await store.listAwards()).toEqual(fixtureRecords.awards);
      });

      it('putRecords accepts references to records stored earlier', async () => {
        const { awards, roles, ...first } = fixtureRecords;
        await store.putRecords(first);
        await store.putRecords({ awards, roles });
        expect((await store.stats()).awards).toBe(1);
        expect((await store.stats()).roles).toBe(1);
      });

      const broken: [string, string, RecordsBatch][] = [
        ['an award of an unknown candidate', 'UNKNOWN_REFERENCE', { ...fixtureRecords, awards: [{ ...fixtureRecords.awards![0]!, candidateId: 'urn:cand:nobody' }] }],
        ['an award of an unknown credential', 'UNKNOWN_REFERENCE', { ...fixtureRecords, awards: [{ ...fixtureRecords.awards![0]!, credentialId: 'urn:cred:nothing' }] }],
        ['a role requirement on an unknown skill', 'UNKNOWN_REFERENCE', { ...fixtureRecords, roles: [{ ...fixtureRecords.roles![0]!, requirements: [{ skillId: 'urn:skill:nope', weight: 1, essential: true }] }] }],
        ['a role on an unknown posting', 'UNKNOWN_REFERENCE', { ...fixtureRecords, roles: [{ ...fixtureRecords.roles![0]!, postingId: 'urn:post:nope' }] }],
        ['a posting on an unknown occupation', 'UNKNOWN_REFERENCE', { ...fixtureRecords, postings: [{ ...fixtureRecords.postings![0]!, occupationId: 'urn:occ:nope' }] }],
        ['a credential requiring an unknown credential', 'UNKNOWN_REFERENCE', { ...fixtureRecords, credentials: [{ ...fixtureRecords.credentials![1]!, requires: ['urn:cred:nope'] }, fixtureRecords.credentials![0]!] }],
        ['a candidate claiming an unknown skill', 'UNKNOWN_REFERENCE', { ...fixtureRecords, candidates: [{ ...fixtureRecords.candidates![0]!, claimedSkills: [{ skillId: 'nope', confidence: 1, provenance: { kind: 'claim', source: '', span: null } }] }] }],
        ['the same credential id twice', 'DUPLICATE_ID', { ...fixtureRecords, credentials: [...fixtureRecords.credentials!, fixtureRecords.credentials![0]!] }],
      ];
      for (const [what, code, batch] of broken) {
        it(`putRecords with ${what} rejects with ${code} and stores nothing of the batch`, async () => {
          const before = await snapshot(store);
          await expectCode(store.putRecords(batch), code);
          expect(await snapshot(store)).toEqual(before);
        });
      }

      const r = fixtureRecords;
      const wronglyTypedRecords: [string, string, RecordsBatch][] = [
        ['a credential name null', 'credentials[0].name', { ...r, credentials: patched(r.credentials, 0, { name: null }) }],
        ['credential hours a string', 'credentials[0].hours', { ...r, credentials: patched(r.credentials, 0, { hours: 'lots' }) }],
        ['credential cost NaN', 'credentials[1].cost', { ...r, credentials: patched(r.credentials, 1, { cost: Number.NaN }) }],
        ['a credential description an object (unbindable)', 'credentials[1].description', { ...r, credentials: patched(r.credentials, 1, { description: { text: 'x' } }) }],
        ['an unknown credential format', 'credentials[0].format', { ...r, credentials: patched(r.credentials, 0, { format: 'pdf' }) }],
        ['an issuer without a name', 'credentials[0].issuer.name', { ...r, credentials: patched(r.credentials, 0, { issuer: { id: 'urn:org:uni' } }) }],
        [
          'a skill link confidence above 1',
          'credentials[1].skills[0].confidence',
          { ...r, credentials: patched(r.credentials, 1, { skills: [{ ...r.credentials![1]!.skills[0]!, confidence: 1.5 }] }) },
        ],
        [
          'a provenance span of one number',
          'postings[0].skills[0].provenance.span',
          { ...r, postings: patched(r.postings, 0, { skills: [{ ...r.postings![0]!.skills[0]!, provenance: { kind: 'text', source: 'x', span: [3] } }] }) },
        ],
        [
          'a recognition kind outside the standards',
          'credentials[1].standing.recognition[0].kind',
          { ...r, credentials: patched(r.credentials, 1, { standing: { recognition: [{ kind: 'likedBy', agentId: '', agentName: '', source: 'x', verification: 'stated' }], assessment: [] } }) },
        ],
        [
          'an assessment description over 500 characters',
          'credentials[0].standing.assessment[0].description',
          { ...r, credentials: patched(r.credentials, 0, { standing: { recognition: [], assessment: [{ kind: 'criteria', description: 'x'.repeat(501), source: 'criteria' }] } }) },
        ],
        ['a standing without its lists', 'credentials[0].standing.recognition', { ...r, credentials: patched(r.credentials, 0, { standing: {} }) }],
        ['claimedSkills a string', 'candidates[0].claimedSkills', { ...r, candidates: patched(r.candidates, 0, { claimedSkills: 'knives' }) }],
        ['an award issuedOn that is not a date', 'awards[0].issuedOn', { ...r, awards: patched(r.awards, 0, { issuedOn: 'yesterday' }) }],
        ['an unknown award verification', 'awards[0].verification', { ...r, awards: patched(r.awards, 0, { verification: 'trusted' }) }],
        ['a posting datePosted a number', 'postings[0].datePosted', { ...r, postings: patched(r.postings, 0, { datePosted: 20260115 }) }],
        [
          'a requirement weight of 0',
          'roles[0].requirements[1].weight',
          { ...r, roles: patched(r.roles, 0, { requirements: [r.roles![0]!.requirements[0]!, { ...r.roles![0]!.requirements[1]!, weight: 0 }] }) },
        ],
        [
          'a requirement essential a string',
          'roles[0].requirements[0].essential',
          { ...r, roles: patched(r.roles, 0, { requirements: [{ ...r.roles![0]!.requirements[0]!, essential: 'yes' }] }) },
        ],
        ['roles a non-array', 'roles', { ...r, roles: {} as never }],
      ];
      for (const [what, field, batch] of wronglyTypedRecords) {
        it(`putRecords with ${what} rejects with INVALID_VALUE at ${field} and stores nothing of the batch`, async () => {
          const before = await snapshot(store);
          await expectInvalid(store.putRecords(batch), field);
          expect(await snapshot(store)).toEqual(before);
        });
      }

      it('putRecords with a wrongly typed field rejects the batch even when the record was stored before', async () => {
        await store.putRecords(fixtureRecords);
        const before = await snapshot(store);
        await expectInvalid(store.putRecords({ candidates: patched(fixtureRecords.candidates, 0, { name: 42 }) }), 'candidates[0].name');
        expect(await snapshot(store)).toEqual(before);
      });

      it('deleteRecords removes the given ids, ignores unknown ones and removes awards of a deleted candidate', async () => {
        await store.putRecords(fixtureRecords);
        await store.deleteRecords({ roles: ['urn:role:1', 'urn:role:unknown'], candidates: ['urn:cand:ada'] });
        expect(await store.getRole('urn:role:1')).toBeNull();
        expect(await store.listCandidates()).toEqual([]);
        expect(await store.listAwards()).toEqual([]);
        expect(await store.listPostings()).toEqual(fixtureRecords.postings);
        await store.deleteRecords({ credentials: ['urn:cred:intro-python'] });
        expect((await store.listCredentials()).map((c) => c.id)).toEqual(['urn:cred:dev-cert']);
      });
    });

    describe('embeddings', () => {
      it('putEmbeddings then getEmbeddings returns bit-exact vectors and omits missing hashes', async () => {
        const a = new Float32Array([0.1, -0, 1e-42, Number.NaN, Infinity, -3.4028234663852886e38, 1 / 3]);
        const backing = new Float32Array(10);
        const b = backing.subarray(3, 10);
        b.set([1, 2, 3, 4, 5, 6, 7]);
        await store.putEmbeddings('model-a', [{ textHash: 'h1', vector: a }, { textHash: 'h2', vector: b }]);
        const got = await store.getEmbeddings('model-a', ['h1', 'h2', 'missing']);
        expect([...got.keys()].sort()).toEqual(['h1', 'h2']);
        expect(got.get('h1')).toBeInstanceOf(Float32Array);
        expect(bits(got.get('h1')!)).toEqual(bits(a));
        expect(bits(got.get('h2')!)).toEqual(bits(b));
        expect((await store.getEmbeddings('model-b', ['h1'])).size).toBe(0);
        expect((await store.getEmbeddings('model-a', [])).size).toBe(0);
      });

      it('putEmbeddings is idempotent and overwrites a vector for the same hash', async () => {
        await store.putEmbeddings('m', [{ textHash: 'h', vector: new Float32Array([1, 2]) }]);
        await store.putEmbeddings('m', [{ textHash: 'h', vector: new Float32Array([3, 4]) }]);
        expect([...(await store.getEmbeddings('m', ['h'])).get('h')!]).toEqual([3, 4]);
        expect((await store.stats()).embeddings).toBe(1);
      });

      it('putEmbeddings with a vector that is not a Float32Array rejects with INVALID_VALUE at entries[1].vector and stores nothing', async () => {
        await store.putEmbeddings('m', [{ textHash: 'h', vector: new Float32Array([1, 2]) }]);
        await expectInvalid(
          store.putEmbeddings('m', [{ textHash: 'h', vector: new Float32Array([3, 4]) }, { textHash: 'g', vector: [1, 2] as never }]),
          'entries[1].vector',
        );
        expect([...(await store.getEmbeddings('m', ['h'])).get('h')!]).toEqual([1, 2]);
        expect((await store.stats()).embeddings).toBe(1);
        await expectInvalid(store.putEmbeddings({ id: 'm' } as never, []), 'modelId');
      });

      it('getEmbeddings handles thousands of hashes in one call', async () => {
        const entries = Array.from({ length: 2500 }, (_, i) => ({ textHash: `hash-${i}`, vector: new Float32Array([i, -i]) }));
        await store.putEmbeddings('m', entries);
        const got = await store.getEmbeddings('m', [...entries.map((e) => e.textHash), 'missing']);
        expect(got.size).toBe(2500);
        expect([...got.get('hash-2499')!]).toEqual([2499, -2499]);
      });
    });

    describe('meta and stats', () => {
      it('getMeta returns null for a missing key and setMeta overwrites', async () => {
        expect(await store.getMeta('contract.test')).toBeNull();
        await store.setMeta('contract.test', 'one');
        await store.setMeta('contract.test', 'two ✓');
        expect(await store.getMeta('contract.test')).toBe('two ✓');
      });

      it('stats counts every kind, occupation skills split by type', async () => {
        await store.importTaxonomy(fixtureTaxonomy);
        await store.putRecords(fixtureRecords);
        await store.putEmbeddings('m', [{ textHash: 'h', vector: new Float32Array([1]) }]);
        const expected: StoreStats = {
          skills: 5,
          skillGroups: 3,
          broaderRelations: 5,
          skillRelations: 2,
          occupations: 3,
          occupationSkills: 4,
          occupationSkillsEssential: 2,
          occupationSkillsOptional: 2,
          crosswalk: 2,
          skillMappings: 1,
          credentials: 2,
          candidates: 1,
          awards: 1,
          postings: 1,
          roles: 1,
          embeddings: 1,
        };
        expect(await store.stats()).toEqual(expected);
      });
    });

    changeFeedContract(() => store);
    linkQueueContract(() => store);
  });
}
