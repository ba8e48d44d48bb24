/**
 * `createOb3Verifier`: the CredentialVerifier adapter for Open Badges 3.0 (and OB2 hosted assertions).
 * Offline by construction: bundled contexts, did:key keys, and a hosted fetcher only when given one.
 */
import { checkVerifyOption } from '../../verify/errors.ts';
import type { HostedFetcher } from '../../verify/hosted-fetcher.ts';
import { isHostedOb2Assertion, verifyHostedOb2 } from '../../verify/hosted.ts';
import { result } from '../../verify/outcome.ts';
import type { CredentialVerifier, VerificationResult, VerifyOptions } from '../../verify/verifier.ts';
import { verifyDataIntegrity } from './data-integrity.ts';
import { idOf, isObject, type Json } from './json.ts';
import { looksLikeJwt, verifyVcJwt } from './vc-jwt.ts';

export interface Ob3VerifierOptions {
  /** Fetches OB2 hosted assertions; default none (hosted badges are then 'unverifiable'). */
  readonly hostedFetcher?: HostedFetcher;
}

const ENVELOPED_JWT = /^data:application\/(?:vc\+jwt|jwt|vc-ld\+jwt)(?:;[^,]*)?,(.+)$/;

export function createOb3Verifier(opts: Ob3VerifierOptions = {}): CredentialVerifier {
  if (typeof opts !== 'object' || opts === null) throw checkVerifyOption.invalid('options', opts, 'an options object');
  const hostedFetcher: HostedFetcher | undefined = opts.hostedFetcher;
  if (hostedFetcher !== undefined && (typeof hostedFetcher !== 'object' || hostedFetcher === null || typeof (hostedFetcher as Partial<HostedFetcher>).fetchJson !== 'function')) {
    throw checkVerifyOption.invalid('hostedFetcher', hostedFetcher, 'a HostedFetcher');
  }

  async function verifyObject(doc: Json, now: Date): Promise<VerificationResult> {
    const types = Array.isArray(doc['type']) ? doc['type'] : [doc['type']];
    if (types.includes('EnvelopedVerifiableCredential')) {
      const jwt = ENVELOPED_JWT.exec(idOf(doc) ?? '')?.[1];
      if (jwt && looksLikeJwt(jwt)) return verifyVcJwt(jwt, now);
      return result('unverifiable', 'enveloped credential is not a VC-JWT data URL', now);
    }
    if (isHostedOb2Assertion(doc)) return verifyHostedOb2(doc, hostedFetcher, now);
    const proof: unknown = doc['proof'];
    const empty = proof === undefined || proof === null || (Array.isArray(proof) ? proof.length === 0 : isObject(proof) && Object.keys(proof).length === 0);
    if (empty) return result('unverifiable', 'no proof', now, { issuer: idOf(doc['issuer']) });
    return verifyDataIntegrity(doc, now);
  }

  return {
    async verify(doc: unknown, verifyOpts: VerifyOptions): Promise<VerificationResult> {
      const now = verifyOpts?.now;
      if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
        throw checkVerifyOption.invalid('now', now, 'a valid Date');
      }
      if (typeof doc === 'string') {
        const text = doc.trim();
        if (looksLikeJwt(text)) return verifyVcJwt(text, now);
        try {
          doc = JSON.parse(text);
        } catch {
          return result('unverifiable', 'not a credential: neither JSON nor a compact JWT', now);
        }
      }
      if (!isObject(doc)) return result('unverifiable', 'not a credential: not a JSON object', now);
      return verifyObject(doc, now);
    },
  };
}
