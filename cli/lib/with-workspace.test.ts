import { describe, expect, it } from 'vitest';
import { createOb3Verifier, generateIssuerKey, issueOb3Credential } from '../../engine/adapters/ob3-verifier/index.ts';
import { unsignedBadge } from '../../engine/adapters/ob3-verifier/badge.test-support.ts';
import { lazyVerifier } from './with-workspace.ts';

describe('lazyVerifier (the Open Badges verifier, its module loaded on first use)', () => {
  it('gives the outcomes of the verifier it stands for: a signed badge verified, a tampered one not', async () => {
    const key = await generateIssuerKey();
    const signed = await issueOb3Credential(unsignedBadge(), key, { format: 'data-integrity' });
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
