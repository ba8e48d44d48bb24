/**
 * did:key, resolved locally (https://w3c-ccg.github.io/did-method-key/): Ed25519 (multicodec 0xed)
 * and P-256 (multicodec 0x1200, compressed point). No network: the key is in the identifier.
 */
import { createPublicKey } from 'node:crypto';
import { base58Decode, base58Encode } from './base58.ts';
import { DID_V1_CONTEXT_URL, MULTIKEY_V1_CONTEXT_URL } from '../contexts/index.ts';

export type KeyAlgorithm = 'Ed25519' | 'P-256';

export interface DidKey {
  readonly did: string;
  /** `did:key:<fp>#<fp>`: the one verification method of the DID document. */
  readonly keyId: string;
  readonly fingerprint: string;
  readonly algorithm: KeyAlgorithm;
  /** Raw public key: 32 bytes (Ed25519) or a 33-byte compressed point (P-256). */
  readonly publicKey: Uint8Array;
}

const PREFIX: Readonly<Record<KeyAlgorithm, readonly [number, number]>> = {
  Ed25519: [0xed, 0x01],
  'P-256': [0x80, 0x24],
};
const LENGTH: Readonly<Record<KeyAlgorithm, number>> = { Ed25519: 32, 'P-256': 33 };
/** SPKI DER header of a P-256 public key with a compressed point. */
const P256_SPKI_PREFIX = Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex');

/** Parses `did:key:z…` or `did:key:z…#z…`; a string saying why when it is not a supported did:key. */
export function parseDidKey(url: string): DidKey | string {
  const match = /^did:key:(z[1-9A-HJ-NP-Za-km-z]+)(?:#(z[1-9A-HJ-NP-Za-km-z]+))?$/.exec(url);
  if (!match) return `not a did:key: ${url}`;
  const fingerprint = match[1] ?? '';
  if (match[2] !== undefined && match[2] !== fingerprint) return `did:key fragment does not name its own key: ${url}`;
  const bytes = base58Decode(fingerprint.slice(1));
  if (!bytes) return `did:key is not base58btc: ${url}`;
  for (const algorithm of ['Ed25519', 'P-256'] as const) {
    const [a, b] = PREFIX[algorithm];
    if (bytes[0] === a && bytes[1] === b) {
      const publicKey = bytes.subarray(2);
      if (publicKey.length !== LENGTH[algorithm]) return `did:key ${algorithm} key has ${publicKey.length} bytes: ${url}`;
      const did = `did:key:${fingerprint}`;
      return { did, keyId: `${did}#${fingerprint}`, fingerprint, algorithm, publicKey };
    }
  }
  return `did:key key type not supported (only Ed25519 and P-256): ${url}`;
}

export function didKeyFromPublicKey(algorithm: KeyAlgorithm, publicKey: Uint8Array): DidKey {
  const fingerprint = `z${base58Encode(Uint8Array.from([...PREFIX[algorithm], ...publicKey]))}`;
  const did = `did:key:${fingerprint}`;
  return { did, keyId: `${did}#${fingerprint}`, fingerprint, algorithm, publicKey };
}

/** The public key as a JWK (OKP/Ed25519 or EC/P-256). */
export function publicJwk(key: DidKey): JsonWebKey {
  if (key.algorithm === 'Ed25519') {
    return { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(key.publicKey).toString('base64url') };
  }
  const jwk = createPublicKey({ key: Buffer.concat([P256_SPKI_PREFIX, key.publicKey]), format: 'der', type: 'spki' }).export({ format: 'jwk' });
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/** The compressed P-256 point (0x02/0x03 by y parity, then x) of an EC JWK. */
export function compressP256(jwk: JsonWebKey): Uint8Array {
  const x = Buffer.from(jwk.x ?? '', 'base64url');
  const y = Buffer.from(jwk.y ?? '', 'base64url');
  return Uint8Array.from([((y[y.length - 1] ?? 0) & 1) === 1 ? 0x03 : 0x02, ...x]);
}

/** The Multikey verification method (Ed25519 keys; data integrity needs `publicKeyMultibase`). */
export function verificationMethodDocument(key: DidKey): Record<string, unknown> {
  return {
    '@context': MULTIKEY_V1_CONTEXT_URL,
    id: key.keyId,
    type: 'Multikey',
    controller: key.did,
    publicKeyMultibase: key.fingerprint,
  };
}

/** The DID document: one Multikey method, usable for assertions and authentication. */
export function didDocument(key: DidKey): Record<string, unknown> {
  const { '@context': _context, ...method } = verificationMethodDocument(key);
  return {
    '@context': [DID_V1_CONTEXT_URL, MULTIKEY_V1_CONTEXT_URL],
    id: key.did,
    verificationMethod: [method],
    assertionMethod: [key.keyId],
    authentication: [key.keyId],
  };
}
