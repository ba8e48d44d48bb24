import { describe, expect, it } from 'vitest';
import type { HostedFetcher } from './hosted-fetcher.ts';
import { isHostedOb2Assertion, verifyHostedOb2 } from './hosted.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
const assertion = {
  '@context': 'https://w3id.org/openbadges/v2',
  type: 'Assertion',
  id: 'https://badges.example.org/assertions/1',
  recipient: { type: 'email', hashed: true, identity: 'sha256$abc' },
  badge: 'https://badges.example.org/badges/python',
  issuedOn: '2024-03-01T00:00:00Z',
  verification: { type: 'hosted' },
};

/** A small deterministic fake of the fetcher port: a fixed URL -> document table. */
function fetcherOf(table: Record<string, unknown>): HostedFetcher & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async fetchJson(url) {
      calls.push(url);
      if (!(url in table)) throw new Error('connection refused');
      return table[url] ?? null;
    },
  };
}

describe('verifyHostedOb2', () => {
  it('is hosted-verified when the hosted document matches', async () => {
    const fetcher = fetcherOf({ [assertion.id]: { ...assertion } });
    expect(isHostedOb2Assertion(assertion)).toBe(true);
    expect(await verifyHostedOb2(assertion, fetcher, NOW)).toMatchObject({ status: 'hosted-verified', method: 'hosted' });
    expect(fetcher.calls).toEqual([assertion.id]);
  });

  it('is unverifiable without a fetcher, and when the fetch fails', async () => {
    expect((await verifyHostedOb2(assertion, undefined, NOW)).status).toBe('unverifiable');
    expect((await verifyHostedOb2(assertion, fetcherOf({}), NOW)).status).toBe('unverifiable');
  });

  it('is invalid when revoked, gone or different; expired after expires', async () => {
    const revoked = fetcherOf({ [assertion.id]: { ...assertion, revoked: true, revocationReason: 'issued in error' } });
    expect(await verifyHostedOb2(assertion, revoked, NOW)).toMatchObject({ status: 'invalid', reason: expect.stringContaining('revoked') });
    expect((await verifyHostedOb2(assertion, fetcherOf({ [assertion.id]: null }), NOW)).status).toBe('invalid');
    const other = fetcherOf({ [assertion.id]: { ...assertion, recipient: { ...assertion.recipient, identity: 'sha256$def' } } });
    expect((await verifyHostedOb2(assertion, other, NOW)).status).toBe('invalid');
    const expiring = { ...assertion, expires: '2025-01-01T00:00:00Z' };
    expect((await verifyHostedOb2(expiring, fetcherOf({ [assertion.id]: expiring }), NOW)).status).toBe('expired');
  });
});
