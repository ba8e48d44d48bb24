import { describe, expect, it } from 'vitest';
import type { Credential, JobPosting } from '../taxonomy/model/types.ts';
import {
  awardValidityRefusal,
  catalogueIdRefusal,
  awardWriteRefusal,
  candidateWriteRefusal,
  evidenceCredentialId,
  evidenceOwner,
  isEvidenceCredential,
  OwnershipCode,
  ownPostings,
  parseRoleRef,
  placeAwardedAchievement,
  scopedPostingId,
  textPostingId,
  type Actor,
} from './ownership.ts';

const admin: Actor = { role: 'admin', organisationId: null, candidateId: null };
const learner: Actor = { role: 'learner', organisationId: null, candidateId: 'cand-1' };
const acme: Actor = { role: 'employer', organisationId: 'org:acme', candidateId: null };
const globex: Actor = { role: 'employer', organisationId: 'org:globex', candidateId: null };

const achievement: Credential = {
  id: 'urn:x:achievement:1',
  format: 'ob3',
  name: '<b>Evil</b> badge',
  description: 'Free <script>alert(1)</script>',
  issuer: { id: 'did:example:me', name: 'Anyone' },
  credentialType: 'badge',
  level: '',
  cost: 0,
  hours: 1,
  skills: [],
  requires: ['x'],
  isPartOf: ['y'],
};
const posting = (id: string, org = 'org:elsewhere'): JobPosting => ({ id, title: 't', description: 'd', organisationId: org, datePosted: '2026-01-01', occupationId: null, location: '', skills: [] });

describe('candidateWriteRefusal(actor, candidateId)', () => {
  it('lets admin and the learner itself write, refuses another learner and every other role', () => {
    expect(candidateWriteRefusal(admin, 'cand-2')).toBeNull();
    expect(candidateWriteRefusal(learner, 'cand-1')).toBeNull();
    expect(candidateWriteRefusal(learner, 'cand-2')?.code).toBe(OwnershipCode.NotYourCandidate);
    expect(candidateWriteRefusal(acme, 'cand-1')?.kind).toBe('forbidden');
  });
});

describe('awardWriteRefusal(award, stored)', () => {
  it('refuses an award id held by another candidate and allows a new id or the same owner', () => {
    expect(awardWriteRefusal({ id: 'a', candidateId: 'c1' }, undefined)).toBeNull();
    expect(awardWriteRefusal({ id: 'a', candidateId: 'c1' }, { candidateId: 'c1' })).toBeNull();
    expect(awardWriteRefusal({ id: 'a', candidateId: 'c1' }, { candidateId: 'c2' })?.code).toBe(OwnershipCode.ForeignAward);
  });
});

describe('awardValidityRefusal(award, now)', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it('refuses expired and not-yet-valid credentials, accepts one inside its window', () => {
    expect(awardValidityRefusal({ issuedOn: '2026-01-01', expiresOn: '2026-05-31T23:59:59Z' }, now)?.code).toBe(OwnershipCode.Expired);
    expect(awardValidityRefusal({ issuedOn: '2026-06-02', expiresOn: null }, now)?.code).toBe(OwnershipCode.NotYetValid);
    expect(awardValidityRefusal({ issuedOn: '2026-01-01', expiresOn: '2027-01-01' }, now)).toBeNull();
    expect(awardValidityRefusal({ issuedOn: '2026-06-01T00:00:00Z', expiresOn: null }, now)).toBeNull();
  });
});

describe('placeAwardedAchievement(actor, candidate, achievement, verification, …)', () => {
  const none = () => false;
  it('an unverified learner document becomes private evidence in the candidate namespace, never the catalogue', () => {
    const p = placeAwardedAchievement(learner, 'cand-1', achievement, 'unverifiable', none, none);
    expect(p.placement).toBe('evidence');
    expect(p.credentialId).toBe(evidenceCredentialId('cand-1', achievement.id));
    expect(isEvidenceCredential(p.credentialId)).toBe(true);
    expect(evidenceOwner(p.credentialId)).toBe('cand-1');
    expect(p.store).toMatchObject({ id: p.credentialId, cost: null, hours: null, name: 'Evil badge', description: 'Free alert(1)', requires: [], isPartOf: [] });
  });
  it('a stored catalogue credential is used as is, whatever the document says', () => {
    const p = placeAwardedAchievement(learner, 'cand-1', achievement, 'verified', (id) => id === achievement.id, none);
    expect(p).toEqual({ credentialId: achievement.id, store: null, placement: 'catalogue' });
  });
  it('enters the catalogue only for an admin or a proof that verifies', () => {
    expect(placeAwardedAchievement(learner, 'cand-1', achievement, 'verified', none, none).placement).toBe('new-catalogue');
    expect(placeAwardedAchievement(learner, 'cand-1', achievement, 'hosted-verified', none, none).placement).toBe('new-catalogue');
    expect(placeAwardedAchievement(admin, 'cand-1', achievement, 'unverified', none, none).placement).toBe('new-catalogue');
    expect(placeAwardedAchievement(learner, 'cand-1', achievement, 'self-claimed', none, none).placement).toBe('evidence');
  });
  it("an achievement id naming another candidate's evidence stays in this candidate's namespace", () => {
    const foreign = { ...achievement, id: evidenceCredentialId('cand-2', 'x') };
    const p = placeAwardedAchievement(learner, 'cand-1', foreign, 'verified', () => true, none);
    expect(evidenceOwner(p.credentialId)).toBe('cand-1');
  });
  it('evidence already stored is not written again', () => {
    expect(placeAwardedAchievement(learner, 'cand-1', achievement, 'unverified', none, () => true).store).toBeNull();
  });
});

describe('ownPostings(actor, postings, stored, isOccupation)', () => {
  const nothing = () => undefined;
  const notOcc = () => false;
  it("namespaces an employer's ids by its organisation, so two organisations never share one", () => {
    const a = ownPostings(acme, [posting('urn:job:1')], nothing, notOcc).postings[0]!;
    const b = ownPostings(globex, [posting('urn:job:1')], nothing, notOcc).postings[0]!;
    expect(a.id).toBe(scopedPostingId('org:acme', 'urn:job:1'));
    expect(a.organisationId).toBe('org:acme');
    expect(b.id).not.toBe(a.id);
    // re-importing its own namespaced id keeps it
    expect(ownPostings(acme, [a], nothing, notOcc).postings[0]!.id).toBe(a.id);
  });
  it('text posting ids hold the organisation and 128 bits of SHA-256', () => {
    expect(textPostingId('org:acme', 'Same text')).not.toBe(textPostingId('org:globex', 'Same text'));
    expect(textPostingId('org:acme', 'Same text')).toMatch(/^posting:org%3Aacme:text:[0-9a-f]{32}$/);
  });
  it('refuses an id equal to an occupation, and an id stored for another organisation; admin ids are kept', () => {
    const r = ownPostings(admin, [posting('9333.8')], nothing, (id) => id === '9333.8');
    expect(r.refusal?.code).toBe(OwnershipCode.ShadowsOccupation);
    expect(r.postings).toEqual([]);
    const moved = ownPostings(admin, [posting('p1', 'org:b')], () => posting('p1', 'org:a'), notOcc);
    expect(moved.refusal?.code).toBe(OwnershipCode.ForeignPosting);
    expect(ownPostings(admin, [posting('p1', 'org:a')], () => posting('p1', 'org:a'), notOcc).postings[0]!.id).toBe('p1');
  });
  it('refuses an employer key without an organisation', () => {
    expect(ownPostings({ role: 'employer', organisationId: null, candidateId: null }, [posting('x')], nothing, notOcc).refusal?.code).toBe(OwnershipCode.NoOrganisation);
  });
});

describe('catalogueIdRefusal(id, path)', () => {
  it('refuses catalogue ids in the evidence namespace only', () => {
    expect(catalogueIdRefusal(evidenceCredentialId('c', 'x'), 'document.id')?.code).toBe(OwnershipCode.EvidenceNamespace);
    expect(catalogueIdRefusal('urn:x', 'document.id')).toBeNull();
  });
});

describe('parseRoleRef(roleId)', () => {
  it('types occupation references, leaves other ids to role/posting lookup', () => {
    expect(parseRoleRef('occupation:9333.8')).toEqual({ kind: 'occupation', id: '9333.8' });
    expect(parseRoleRef('9333.8')).toEqual({ kind: 'any', id: '9333.8' });
  });
});
