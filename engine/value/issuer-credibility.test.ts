import { describe, expect, it } from 'vitest';
import type { Award, Credential, VerificationStatus } from '../../taxonomy/model/types.ts';
import { credibilityLevel, issuerCredibility } from './issuer-credibility.ts';

const cred = (id: string, issuerId: string, recognised = false): Credential => ({
  id,
  format: 'sample',
  name: id,
  description: '',
  issuer: { id: issuerId, name: issuerId.toUpperCase() },
  credentialType: 'badge',
  level: '',
  cost: null,
  hours: null,
  skills: [],
  requires: [],
  isPartOf: [],
  ...(recognised
    ? { standing: { recognition: [{ kind: 'accreditedBy', agentId: 'acc:1', agentName: 'Acc', source: 'ceterms:accreditedBy[0]', verification: 'stated' }], assessment: [] } }
    : {}),
});
let n = 0;
const award = (credentialId: string, verification: VerificationStatus): Award => ({
  id: `a${++n}`,
  candidateId: 'p',
  credentialId,
  issuedOn: '2026-01-01',
  expiresOn: null,
  verification,
});

describe('issuerCredibility', () => {
  const creds = [cred('c1', 'i1', true), cred('c2', 'i1'), cred('c3', 'i2'), cred('c4', 'i3'), cred('c5', 'i4', true)];
  const awards = [
    award('c1', 'verified'),
    award('c2', 'hosted-verified'),
    award('c2', 'self-claimed'),
    award('c3', 'verified'),
    award('c3', 'invalid'),
    award('c5', 'unverified'),
    award('unknown', 'verified'),
  ];
  const m = issuerCredibility(creds, awards);

  it('counts awards per issuer over all its credentials', () => {
    expect(m.get('i1')).toEqual({ issuerId: 'i1', awards: 3, verifiedAwards: 2, invalidAwards: 0, verified: true });
    expect(m.get('i2')).toEqual({ issuerId: 'i2', awards: 2, verifiedAwards: 1, invalidAwards: 1, verified: false });
    expect(m.get('i3')).toEqual({ issuerId: 'i3', awards: 0, verifiedAwards: 0, invalidAwards: 0, verified: false });
    expect(m.get('i4')?.verified).toBe(false);
    expect(m.size).toBe(4);
  });

  it('levels: 2 verified + recognised, 1 verified, 0 otherwise', () => {
    expect(credibilityLevel(creds[0]!, m.get('i1'))).toBe(2);
    expect(credibilityLevel(creds[1]!, m.get('i1'))).toBe(1);
    expect(credibilityLevel(creds[2]!, m.get('i2'))).toBe(0);
    expect(credibilityLevel(creds[4]!, m.get('i4'))).toBe(0);
    expect(credibilityLevel(creds[0]!, undefined)).toBe(0);
  });
});
