import { describe, expect, it } from 'vitest';
import { ingestDocument } from './ingest.ts';
import type { CredentialsResult, IngestResult } from './types.ts';
import { errorOf, resultAs } from './test-helpers.ts';

const creds = (r: IngestResult): CredentialsResult => resultAs(r, 'ob2');

const ESCO = 'http://data.europa.eu/esco/skill/c8ac1986-38fa-43b2-89dc-50a4beeb420e';

/** Shaped after the Open Badges 2.0 spec examples (BadgeClass with alignment, hosted Assertion). */
const badgeClass = (): Record<string, unknown> => ({
  '@context': 'https://w3id.org/openbadges/v2',
  type: 'BadgeClass',
  id: 'https://example.org/badges/5',
  name: '3-D Printmaster',
  description: 'This badge is awarded for passing the printer knowledge test.',
  image: 'https://example.org/badges/5/image',
  criteria: { narrative: 'Students are tested on knowledge and safety.' },
  issuer: { type: 'Profile', id: 'https://example.org/organization', name: 'Example Maker Society' },
  alignment: [
    { targetName: 'electricity', targetUrl: ESCO, targetFramework: 'ESCO' },
    { targetName: 'Reading Comprehension', targetUrl: 'https://www.onetonline.org/', targetCode: '2.A.1.a', targetFramework: 'O*NET' },
    { targetName: 'Safety', targetUrl: 'https://standards.example/safety/1' },
  ],
  tags: ['3D', 'printing'],
});

const assertion = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  '@context': 'https://w3id.org/openbadges/v2',
  type: 'Assertion',
  id: 'https://example.org/beths-robotics-badge.json',
  recipient: { type: 'email', hashed: true, salt: 'deadsea', identity: 'sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942' },
  badge: badgeClass(),
  verification: { type: 'hosted' },
  issuedOn: '2016-12-31T23:59:59+00:00',
  expires: '2030-01-01T00:00:00Z',
  ...extra,
});

describe('ingestDocument on Open Badges 2.0', () => {
  it('BadgeClass → credential; ESCO and O*NET alignments link with confidence 1; other alignments are custom skills', () => {
    const r = creds(ingestDocument(badgeClass()));
    expect(r.awards).toEqual([]);
    const e = r.credentials[0]!;
    expect(e.credential).toMatchObject({ id: 'https://example.org/badges/5', format: 'ob2', name: '3-D Printmaster', issuer: { id: 'https://example.org/organization', name: 'Example Maker Society' }, credentialType: 'badge' });
    expect(e.credential.skills.map((s) => [s.skillId, s.provenance.source])).toEqual([
      [ESCO, 'alignment[0].targetUrl'],
      ['onet:2.A.1.a', 'alignment[1].targetCode'],
      ['https://standards.example/safety/1', 'alignment[2].targetUrl'],
    ]);
    expect(r.customSkills.map((s) => s.preferredLabel)).toEqual(['Safety']);
    expect(e.skillTags).toEqual(['3D', 'printing']);
  });

  it('hosted Assertion with an embedded BadgeClass → award (unverified) + credential, recipient kept hashed', () => {
    const r = creds(ingestDocument(assertion()));
    expect(r.credentials).toHaveLength(1);
    const a = r.awards[0]!;
    expect(a.award).toEqual({
      id: 'https://example.org/beths-robotics-badge.json',
      candidateId: 'sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942',
      credentialId: 'https://example.org/badges/5',
      issuedOn: '2016-12-31T23:59:59+00:00',
      expiresOn: '2030-01-01T00:00:00Z',
      verification: 'unverified',
    });
    expect(a.recipient).toEqual({ type: 'email', identity: 'sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942', hashed: true, salt: 'deadsea' });
    expect(a.verificationMethod).toEqual({ type: 'hosted', url: 'https://example.org/beths-robotics-badge.json' });
  });

  it('signed Assertion with a badge IRI → award only; revoked → invalid; past expires with now → expired', () => {
    const signed = creds(ingestDocument(assertion({ badge: 'https://example.org/badges/5', verification: { type: 'SignedBadge', creator: 'https://example.org/publicKey' } })));
    expect(signed.credentials).toEqual([]);
    expect(signed.awards[0]!.award.credentialId).toBe('https://example.org/badges/5');
    expect(signed.awards[0]!.verificationMethod).toEqual({ type: 'signed', url: 'https://example.org/publicKey' });
    expect(creds(ingestDocument(assertion({ revoked: true }))).awards[0]!.award.verification).toBe('invalid');
    expect(creds(ingestDocument(assertion(), { now: '2031-01-01T00:00:00Z' })).awards[0]!.award.verification).toBe('expired');
  });

  it('bad assertions → one coded error', () => {
    expect(errorOf(() => ingestDocument(assertion({ recipient: undefined })))).toMatchObject({ code: 'MISSING_FIELD', path: 'recipient' });
    expect(errorOf(() => ingestDocument(assertion({ issuedOn: 'soon' })))).toMatchObject({ code: 'INVALID_FIELD', path: 'issuedOn' });
    expect(errorOf(() => ingestDocument(assertion({ verification: { type: 'magic' } })))).toMatchObject({ code: 'INVALID_FIELD', path: 'verification.type' });
    expect(errorOf(() => ingestDocument(assertion({ badge: { ...badgeClass(), name: '' } })))).toMatchObject({ code: 'MISSING_FIELD', path: 'badge.name' });
    expect(errorOf(() => ingestDocument({ ...badgeClass(), issuer: 42 }))).toMatchObject({ code: 'INVALID_FIELD', path: 'issuer' });
  });
});
