import { describe, expect, it } from 'vitest';
import { base58Decode, base58Encode } from './base58.ts';
import { didDocument, parseDidKey, publicJwk } from './did-key.ts';
import { createOfflineLoader } from './document-loader.ts';

// did:key test vectors (W3C CCG did:key spec, Ed25519 and P-256 examples).
const ED = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
const P256 = 'did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169';

describe('base58', () => {
  it('round-trips bytes, keeping leading zeros', () => {
    const bytes = Uint8Array.from([0, 0, 1, 2, 254, 255]);
    expect(base58Decode(base58Encode(bytes))).toEqual(bytes);
    expect(base58Decode('0OIl')).toBeNull();
  });
});

describe('parseDidKey', () => {
  it('reads Ed25519 and P-256 did:keys, with or without the fragment', () => {
    expect(parseDidKey(ED)).toMatchObject({ did: ED, algorithm: 'Ed25519', keyId: `${ED}#${ED.slice(8)}` });
    expect(parseDidKey(`${ED}#${ED.slice(8)}`)).toMatchObject({ algorithm: 'Ed25519' });
    const p = parseDidKey(P256);
    expect(p).toMatchObject({ algorithm: 'P-256' });
    expect(publicJwk(p as Exclude<typeof p, string>)).toMatchObject({ kty: 'EC', crv: 'P-256' });
  });

  it('says why for anything else', () => {
    expect(typeof parseDidKey('did:web:example.org')).toBe('string');
    expect(typeof parseDidKey(`${ED}#z6Mkother`)).toBe('string');
    expect(typeof parseDidKey('did:key:z6Mk')).toBe('string');
  });
});

describe('createOfflineLoader', () => {
  it('serves bundled contexts and did:key documents, records and rejects everything else', async () => {
    const loader = createOfflineLoader();
    await expect(loader.load('https://www.w3.org/ns/credentials/v2')).resolves.toMatchObject({ documentUrl: 'https://www.w3.org/ns/credentials/v2' });
    await expect(loader.load('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json')).resolves.toBeTruthy();
    const key = parseDidKey(ED) as Exclude<ReturnType<typeof parseDidKey>, string>;
    // The bare DID: its DID document, also usable as its one Multikey (a proof may name the bare did:key).
    const { '@context': _c, assertionMethod: _a, authentication: _n, ...rest } = didDocument(key);
    await expect(loader.load(ED)).resolves.toMatchObject({ document: { ...rest, type: 'Multikey', publicKeyMultibase: key.fingerprint, assertionMethod: [key.keyId, key.did] } });
    await expect(loader.load('https://example.org/ctx.jsonld')).rejects.toThrow('not bundled');
    expect(loader.misses).toEqual(['https://example.org/ctx.jsonld']);
  });
});
