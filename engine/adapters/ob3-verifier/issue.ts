/**
 * Signing helpers for tests, sample data and the demo: a did:key issuer key, and an OB 3.0 credential
 * signed as a Data Integrity proof (eddsa-rdfc-2022) or as a VC-JWT (EdDSA / ES256).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { CompactSign, importJWK } from 'jose';
import { checkVerifyOption, verifyError } from '../../verify/errors.ts';
import { compressP256, didKeyFromPublicKey, type KeyAlgorithm } from './did-key.ts';
import { createOfflineLoader } from './document-loader.ts';
import { errorMessage, idOf, isObject, subjectId, type Json } from './json.ts';

/** A did:key issuer key. `privateJwk` is secret: keep it out of logs and stores. */
export interface IssuerKey {
  readonly did: string;
  /** `did:key:<fp>#<fp>`: the verificationMethod / `kid`. */
  readonly keyId: string;
  readonly algorithm: KeyAlgorithm;
  readonly publicJwk: JsonWebKey;
  readonly privateJwk: JsonWebKey;
}

export interface GenerateIssuerKeyOptions {
  /** Default 'Ed25519' (data integrity and VC-JWT); 'P-256' signs VC-JWT (ES256) only. */
  readonly algorithm?: KeyAlgorithm;
  /** 32 bytes: a deterministic Ed25519 key (seeded sample data). */
  readonly seed?: Uint8Array;
}

export type CredentialFormatOption = 'data-integrity' | 'vc-jwt';

export interface IssueOptions {
  readonly format: CredentialFormatOption;
  /** Data integrity `proof.created`; default the credential's `validFrom` (deterministic), else now. */
  readonly created?: string;
}

/** PKCS#8 DER header of an Ed25519 private key (RFC 8410), followed by the 32-byte seed. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export async function generateIssuerKey(opts: GenerateIssuerKeyOptions = {}): Promise<IssuerKey> {
  const algorithm = opts.algorithm ?? 'Ed25519';
  if (algorithm !== 'Ed25519' && algorithm !== 'P-256') {
    throw checkVerifyOption.invalid('algorithm', algorithm, "'Ed25519' or 'P-256'");
  }
  if (opts.seed !== undefined && (algorithm !== 'Ed25519' || !(opts.seed instanceof Uint8Array) || opts.seed.length !== 32)) {
    throw checkVerifyOption.invalid('seed', opts.seed, '32 bytes for an Ed25519 key');
  }
  let privateKey: KeyObject;
  if (opts.seed) {
    privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, opts.seed]), format: 'der', type: 'pkcs8' });
  } else {
    privateKey = algorithm === 'Ed25519' ? generateKeyPairSync('ed25519').privateKey : generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  }
  const privateJwk = privateKey.export({ format: 'jwk' });
  const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const raw = algorithm === 'Ed25519' ? Uint8Array.from(Buffer.from(publicJwk.x ?? '', 'base64url')) : compressP256(publicJwk);
  const didKey = didKeyFromPublicKey(algorithm, raw);
  return { did: didKey.did, keyId: didKey.keyId, algorithm, publicJwk, privateJwk };
}

/** A copy of the credential whose issuer is the key's DID (filled in when the issuer has no id). */
function withIssuer(unsigned: unknown, key: IssuerKey): Record<string, unknown> {
  if (!isObject(unsigned)) throw verifyError('INVALID_CREDENTIAL', { problem: 'credential must be a JSON object' });
  if ('proof' in unsigned) throw verifyError('INVALID_CREDENTIAL', { problem: 'field proof: credential already has a proof' }, 'proof');
  const credential = structuredClone(unsigned) as Record<string, unknown>;
  const issuer = credential['issuer'];
  const issuerId = idOf(issuer);
  if (issuerId !== undefined && issuerId !== key.did) {
    throw verifyError('ISSUER_KEY_MISMATCH', { issuer: issuerId, did: key.did }, 'issuer');
  }
  credential['issuer'] = isObject(issuer) ? { ...issuer, id: key.did } : key.did;
  return credential;
}

export async function issueOb3Credential(unsigned: unknown, key: IssuerKey, opts: { readonly format: 'data-integrity'; readonly created?: string }): Promise<Record<string, unknown>>;
export async function issueOb3Credential(unsigned: unknown, key: IssuerKey, opts: { readonly format: 'vc-jwt' }): Promise<string>;
export async function issueOb3Credential(unsigned: unknown, key: IssuerKey, opts: IssueOptions): Promise<Record<string, unknown> | string>;
export async function issueOb3Credential(unsigned: unknown, key: IssuerKey, opts: IssueOptions): Promise<Record<string, unknown> | string> {
  if (opts.format !== 'data-integrity' && opts.format !== 'vc-jwt') {
    throw checkVerifyOption.invalid('format', opts.format, "'data-integrity' or 'vc-jwt'");
  }
  const credential = withIssuer(unsigned, key);
  return opts.format === 'vc-jwt' ? signJwt(credential, key) : signDataIntegrity(credential, key, opts.created);
}

async function signDataIntegrity(credential: Record<string, unknown>, key: IssuerKey, created: string | undefined): Promise<Record<string, unknown>> {
  if (key.algorithm !== 'Ed25519') {
    throw verifyError('UNSUPPORTED_ALGORITHM', { algorithm: key.algorithm });
  }
  const keyPair = await Ed25519Multikey.fromJwk({ jwk: { ...key.privateJwk }, secretKey: true, id: key.keyId, controller: key.did });
  const validFrom = typeof credential['validFrom'] === 'string' ? credential['validFrom'] : undefined;
  const date = created ?? validFrom;
  const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022, ...(date ? { date } : {}) });
  const loader = createOfflineLoader();
  try {
    return await vc.issue({ credential, suite, documentLoader: loader.load });
  } catch (error) {
    const why = loader.misses.length > 0 ? `context not bundled: ${loader.misses.join(', ')}` : errorMessage(error);
    throw verifyError('INVALID_CREDENTIAL', { problem: `cannot sign credential: ${why}` }, undefined, { cause: error });
  }
}

const seconds = (value: unknown): number | undefined => {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
};

/** OB 3.0 §8.2: the payload is the credential plus `iss`, `jti`, `sub`, `nbf`, `exp` from its fields. */
async function signJwt(credential: Json, key: IssuerKey): Promise<string> {
  const alg = key.algorithm === 'Ed25519' ? 'EdDSA' : 'ES256';
  const claims: Record<string, unknown> = { ...credential, iss: key.did };
  const id = idOf(credential);
  if (id) claims['jti'] = id;
  const sub = subjectId(credential);
  if (sub) claims['sub'] = sub;
  const nbf = seconds(credential['validFrom']);
  if (nbf !== undefined) claims['nbf'] = nbf;
  const exp = seconds(credential['validUntil']);
  if (exp !== undefined) claims['exp'] = exp;
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg, typ: 'JWT', kid: key.keyId })
    .sign(await importJWK(key.privateJwk, alg));
}
