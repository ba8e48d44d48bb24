import { describe, expect, it } from 'vitest';
import { createOb3Verifier, generateIssuerKey, issueOb3Credential } from '../../engine/adapters/ob3-verifier/index.ts';
import { lazyVerifier } from './with-workspace.ts';

const badge = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { type: ['Profile'], name: 'Example University' },
  validFrom: '2025-01-01T00:00:00Z',
  name: 'Python Programming',
  credentialSubject: {
    id: 'did:example:learner-1',
    type: ['AchievementSubject'],
    achievement: { id: 'https://example.edu/achievements/python', type: ['Achievement'], name: 'Python Programming', description: 'Writes and tests Python programs.', criteria: { narrative: 'Passed the final assessment.' } },
  },
};

describe('lazyVerifier (the Open Badges verifier, its module loaded on first use)', () => {
  it('gives the outcomes of the verifier it stands for: a signed badge verified, a tampered one not', async () => {
    const key = await generateIssuerKey();
    const signed = await issueOb3Credential(badge, key, { format: 'data-integrity' });
    const tampered = { ...signed, name: 'Something else' };
    const now = { now: new Date('2026-01-01T00:00:00Z') };
    const lazy = lazyVerifier();
    const direct = createOb3Verifier();
    for (const doc of [signed, tampered, 'not.a.jwt']) {
      const [a, b] = [await lazy.verify(doc, now), await direct.verify(doc, now)];
      expect(a).toEqual(b);
    }
    expect((await lazy.verify(signed, now)).outcome).toBe('verified');
    expect((await lazy.verify(tampered, now)).outcome).not.toBe('verified');
  }, 60_000);
});
