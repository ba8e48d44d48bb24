/**
 * VC-JWT (Open Badges 3.0 §8.2, JOSE compact serialisation): EdDSA or ES256, key from a did:key `kid`
 * (or a did:key issuer). The payload is the credential itself (VC 2.0 / OB 3.0.3) or carries it in `vc`
 * (VC 1.1). The signature covers bytes, so JSON-LD contexts are not loaded for JWTs.
 */
import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import { afterGoodProof, result } from '../../verify/outcome.ts';
import { readValidityWindow } from '../../verify/validity.ts';
import type { VerificationResult } from '../../verify/verifier.ts';
import { parseDidKey, publicJwk, type KeyAlgorithm } from './did-key.ts';
import { errorMessage, idOf, isObject, subjectId, type Json } from './json.ts';

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const ALG_KEY: Readonly<Record<string, KeyAlgorithm>> = { EdDSA: 'Ed25519', Ed25519: 'Ed25519', ES256: 'P-256' };

export function looksLikeJwt(text: string): boolean {
  return JWT.test(text);
}

function decodePayload(token: string): Json | null {
  try {
    const claims: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return isObject(claims) ? claims : null;
  } catch {
    return null;
  }
}

export async function verifyVcJwt(token: string, now: Date): Promise<VerificationResult> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch (error) {
    return result('invalid', `malformed JWT header: ${errorMessage(error)}`, now, { method: 'vc-jwt' });
  }
  const claims = decodePayload(token);
  if (!claims) return result('invalid', 'malformed JWT payload', now, { method: 'vc-jwt' });
  const credential = isObject(claims['vc']) ? claims['vc'] : claims;
  const iss = typeof claims['iss'] === 'string' ? claims['iss'] : undefined;
  const issuer = idOf(credential['issuer']) ?? iss;
  const extra = { method: 'vc-jwt' as const, issuer };

  const alg = header.alg ?? '';
  const expected = ALG_KEY[alg];
  if (!expected) return result('unverifiable', `unsupported JWT alg ${JSON.stringify(alg)} (supported: EdDSA, ES256)`, now, extra);
  let kid = typeof header.kid === 'string' ? header.kid : issuer;
  if (kid?.startsWith('#') && issuer) kid = `${issuer}${kid}`;
  if (!kid) return result('unverifiable', 'JWT names no key (no kid, no issuer)', now, extra);
  const key = parseDidKey(kid);
  if (typeof key === 'string') return result('unverifiable', `cannot resolve JWT key offline: ${key}`, now, extra);
  if (key.algorithm !== expected) return result('invalid', `JWT alg ${alg} does not fit a ${key.algorithm} key`, now, extra);

  try {
    await compactVerify(token, await importJWK(publicJwk(key), alg), { algorithms: [alg] });
  } catch (error) {
    return result('invalid', `JWT signature failed: ${errorMessage(error)}`, now, extra);
  }
  if (iss !== undefined && idOf(credential['issuer']) !== undefined && iss !== idOf(credential['issuer'])) {
    return result('invalid', `JWT iss ${iss} differs from credential issuer ${idOf(credential['issuer'])}`, now, extra);
  }
  if (issuer !== key.did) return result('invalid', `issuer ${issuer ?? '(none)'} does not control the signing key ${key.did}`, now, extra);
  const window = readValidityWindow(credential, { nbf: claims['nbf'], exp: claims['exp'] });
  if (!window.ok) return result('invalid', `malformed ${window.field}: ${JSON.stringify(window.value)}`, now, extra);
  return afterGoodProof({ method: 'vc-jwt', issuer, subject: subjectId(credential) ?? (typeof claims['sub'] === 'string' ? claims['sub'] : undefined), window: window.window }, now);
}
