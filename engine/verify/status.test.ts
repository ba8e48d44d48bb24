import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { credentialsIn } from './documents.ts';
import { bitAt, decodeStatusList, readStatusEntries, revocationListHas } from './status.ts';
import { worstOutcome } from './report.ts';

const gunzip = (b: Uint8Array): Uint8Array => new Uint8Array(gunzipSync(b));
/** DCC's real BitstringStatusList (datasets/conformance): bit 8 set (revoked fixtures), bit 7 clear. */
const list = JSON.parse(readFileSync(new URL('../../datasets/conformance/status/dcc-vc-test-fixtures/e5WK8CbZ1GjycuPombrj.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('status lists', () => {
  it('decodes a real BitstringStatusList (multibase u + gzip), MSB-first bit order', () => {
    const bits = decodeStatusList(list, { purpose: 'revocation' }, gunzip);
    expect(bits).toBeInstanceOf(Uint8Array);
    expect(bitAt(bits as Uint8Array, 8)).toBe(1);
    expect(bitAt(bits as Uint8Array, 7)).toBe(0);
    expect(bitAt(bits as Uint8Array, (bits as Uint8Array).length * 8)).toBeNull();
    expect(decodeStatusList(list, { purpose: 'suspension' }, gunzip)).toMatch(/purpose/);
    expect(decodeStatusList({ ...list, credentialSubject: { type: 'Other' } }, { purpose: 'revocation' }, gunzip)).toMatch(/neither/);
  });
  it('reads BitstringStatusListEntry, StatusList2021Entry and 1EdTechRevocationList entries; others are unsupported', () => {
    const entries = readStatusEntries({
      id: 'urn:uuid:1',
      credentialStatus: [
        { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '8', statusListCredential: 'https://x/1' },
        { type: 'StatusList2021Entry', statusPurpose: 'suspension', statusListIndex: 3, statusListCredential: 'https://x/2' },
        { type: '1EdTechRevocationList', id: 'https://x/revocations' },
        { type: 'CredentialStatusList2017', id: 'https://x/3' },
        { type: 'BitstringStatusListEntry', statusListIndex: '-1', statusListCredential: 'https://x/1' },
      ],
    });
    expect(entries.map((e) => e.kind)).toEqual(['bitstring', 'bitstring', 'revocation-list', 'unsupported', 'unsupported']);
    expect(entries[0]).toMatchObject({ index: 8, purpose: 'revocation', listUrl: 'https://x/1' });
    expect(entries[2]).toMatchObject({ listUrl: 'https://x/revocations', credentialId: 'urn:uuid:1' });
  });
  it('finds a credential on a 1EdTech / OB2 revocation list with its reason', () => {
    expect(revocationListHas({ revokedCredentials: [{ id: 'urn:uuid:1', revocationReason: 'issued in error' }] }, 'urn:uuid:1')).toEqual({ revoked: true, reason: 'issued in error' });
    expect(revocationListHas({ revokedAssertions: ['urn:uuid:2'] }, 'urn:uuid:2')).toEqual({ revoked: true });
    expect(revocationListHas({ revokedCredentials: [] }, 'urn:uuid:1')).toEqual({ revoked: false });
  });
});

describe('credentialsIn / worstOutcome', () => {
  it('unwraps presentations, CLR contents, arrays and {jwt} wrappers', () => {
    const vc = { type: ['VerifiableCredential'] };
    expect(credentialsIn({ type: ['VerifiablePresentation'], verifiableCredential: [vc, 'eyJ.a.b'] }).map((d) => d.where)).toEqual(['verifiableCredential[0]', 'verifiableCredential[1]']);
    expect(credentialsIn({ type: ['VerifiableCredential', 'ClrCredential'], credentialSubject: { verifiableCredential: [vc] } }).map((d) => d.where)).toEqual(['', 'credentialSubject.verifiableCredential[0]']);
    expect(credentialsIn([vc, { jwt: 'eyJ.a.b' }]).map((d) => d.where)).toEqual(['[0]', '[1].jwt']);
  });
  it('one word for the input: the most severe outcome', () => {
    expect(worstOutcome(['verified', 'expired', 'unverifiable'])).toBe('expired');
    expect(worstOutcome(['verified', 'revoked', 'invalid'])).toBe('invalid');
    expect(worstOutcome([])).toBe('unverifiable');
  });
});
