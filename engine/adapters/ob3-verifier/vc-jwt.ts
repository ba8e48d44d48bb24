/**
 * VC-JWT (Open Badges 3.0 §8.2, JOSE compact serialisation): EdDSA, ES256 or RS256. The key comes from
 * the JOSE header's `jwk` (OB 3.0 §8.2.4; the issuer binding then stays unknown offline), a did:key `kid`,
 * a `kid` held in the verification store, or a did:key issuer. The payload is the credential itself
 * (VC 2.0 / OB 3.0.3) or carries it in `vc` (VC 1.1). The signature covers bytes, so JSON-LD contexts
 * are not loaded for JWTs. Dates and status are judged by the caller.
 */
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import type { ProofFinding } from '../../verify/checks.ts';
import type { VerificationStore } from '../../verify/store.ts';
import { parseDidKey, publicJwk } from './did-key.ts';
import { errorMessage, idOf, isObject, type Json } from './json.ts';

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** JOSE alg -> the JWK key type (and curve) it needs. */
const ALG_KEY: Readonly<Record<string, { kty: string; crv?: string }>> = {
  EdDSA: { kty: 'OKP', crv: 'Ed25519' },
  Ed25519: { kty: 'OKP', crv: 'Ed25519' },
  ES256: { kty: 'EC', crv: 'P-256' },
  RS256: { kty: 'RSA' },
  PS256: { kty: 'RSA' },
};

export function looksLikeJwt(text: string): boolean {
  return JWT.test(text);
}

export interface JwtRead {
  readonly claims: Json;
  /** The credential: `vc` (VC 1.1) or the claims themselves (VC 2.0). */
  readonly credential: Json;
  readonly issuer: string | undefined;
}

/** The claims and credential of a compact JWT, or a string saying why it is malformed. */
export function readJwt(token: string): JwtRead | string {
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    return 'malformed JWT payload';
  }
  if (!isObject(claims)) return 'malformed JWT payload';
  const credential = isObject(claims['vc']) ? claims['vc'] : claims;
  const iss = typeof claims['iss'] === 'string' ? claims['iss'] : undefined;
  return { claims, credential, issuer: idOf(credential['issuer']) ?? iss };
}

interface KeyFound {
  readonly jwk: JWK;
  /** Who controls the key (a DID or a URL); undefined for a key given in the header. */
  readonly controller: string | undefined;
  readonly from: string;
}

const JWK_MEMBERS = ['kty', 'crv', 'x', 'y', 'n', 'e'] as const;

/** The issuer's stored key equal to `jwk` (OB 3.0 recommended practice: a header jwk must be among the issuer's keys). */
async function storedIssuerKey(jwk: Json, issuer: string | undefined, store: VerificationStore | undefined): Promise<string | undefined> {
  if (!store || !issuer) return undefined;
  for (const id of await store.methodsOf(issuer)) {
    const method = await store.verificationMethod(id);
    const stored = isObject(method) ? method['publicKeyJwk'] : undefined;
    if (isObject(stored) && JWK_MEMBERS.every((m) => stored[m] === jwk[m])) return id;
  }
  return undefined;
}

async function findKey(header: Record<string, unknown>, issuer: string | undefined, store: VerificationStore | undefined): Promise<KeyFound | KeyFound[] | string> {
  const jwk = header['jwk'];
  if (isObject(jwk)) {
    if ('d' in jwk) return 'the JOSE header jwk holds a private key';
    const stored = await storedIssuerKey(jwk, issuer, store);
    return stored ? { jwk: jwk as JWK, controller: issuer, from: `the JOSE header jwk (= ${stored}, verification store)` } : { jwk: jwk as JWK, controller: undefined, from: 'the JOSE header jwk' };
  }
  let kid = typeof header['kid'] === 'string' ? header['kid'] : issuer;
  if (kid?.startsWith('#') && issuer) kid = `${issuer}${kid}`;
  if (!kid) return 'JWT names no key (no jwk, no kid, no issuer)';
  if (kid.startsWith('did:key:')) {
    const key = parseDidKey(kid);
    if (typeof key === 'string') return `cannot resolve JWT key offline: ${key}`;
    return { jwk: publicJwk(key) as JWK, controller: key.did, from: key.keyId };
  }
  const stored = store ? await store.verificationMethod(kid) : undefined;
  if (isObject(stored) && isObject(stored['publicKeyJwk'])) {
    const controller = typeof stored['controller'] === 'string' ? stored['controller'] : kid.split('#')[0];
    return { jwk: stored['publicKeyJwk'] as JWK, controller, from: `${kid} (verification store)` };
  }
  if (kid === issuer && store) {
    // No kid: OB 3.0 resolves the key from the issuer's profile; offline, that is the issuer's stored keys.
    const keys = [];
    for (const id of await store.methodsOf(issuer)) {
      const method = await store.verificationMethod(id);
      if (isObject(method) && isObject(method['publicKeyJwk'])) keys.push({ jwk: method['publicKeyJwk'] as JWK, controller: issuer, from: `${id} (verification store, issuer key)` });
    }
    if (keys.length > 0) return keys;
  }
  return `cannot resolve JWT key offline: ${kid} (not did:key, not in the verification store)`;
}

/** Checks the JWS of a VC-JWT. `controllers` names who controls the key (empty for a header jwk). */
export async function checkJwtProof(token: string, read: JwtRead, store?: VerificationStore): Promise<ProofFinding> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch (error) {
    return { result: 'fail', reason: `malformed JWT header: ${errorMessage(error)}`, controllers: [] };
  }
  const alg = header.alg ?? '';
  const needs = ALG_KEY[alg];
  if (!needs) return { result: 'unknown', reason: `unsupported JWT alg ${JSON.stringify(alg)} (supported: ${Object.keys(ALG_KEY).join(', ')})`, controllers: [] };
  const found = await findKey(header as Record<string, unknown>, read.issuer, store);
  if (typeof found === 'string') return { result: 'unknown', reason: found, controllers: [] };
  const candidates = Array.isArray(found) ? found.filter((k) => k.jwk.kty === needs.kty && (needs.crv === undefined || k.jwk.crv === needs.crv)) : [found];
  const first = candidates[0];
  if (!first) return { result: 'unknown', reason: `no stored key of ${read.issuer} fits JWT alg ${alg}`, controllers: [] };
  let key = first;
  const controllers = (): string[] => (key.controller ? [key.controller] : []);
  if (key.jwk.kty !== needs.kty || (needs.crv !== undefined && key.jwk.crv !== needs.crv)) {
    return { result: 'fail', reason: `JWT alg ${alg} does not fit a ${key.jwk.kty}${key.jwk.crv ? `/${key.jwk.crv}` : ''} key`, controllers: controllers() };
  }
  let failure: unknown = null;
  for (const candidate of candidates) {
    key = candidate;
    try {
      await compactVerify(token, await importJWK({ kty: key.jwk.kty, crv: key.jwk.crv, x: key.jwk.x, y: key.jwk.y, n: key.jwk.n, e: key.jwk.e }, alg), { algorithms: [alg] });
      failure = null;
      break;
    } catch (error) {
      failure = error;
    }
  }
  if (failure !== null) return { result: 'fail', reason: `JWT ${alg} signature failed: ${errorMessage(failure)}`, controllers: controllers() };
  const iss = read.claims['iss'];
  const credentialIssuer = idOf(read.credential['issuer']);
  if (typeof iss === 'string' && credentialIssuer !== undefined && iss !== credentialIssuer) {
    return { result: 'fail', reason: `JWT iss ${iss} differs from credential issuer ${credentialIssuer}`, controllers: controllers() };
  }
  return { result: 'pass', reason: `VC-JWT ${alg} signature verified with ${key.from}`, controllers: controllers() };
}
