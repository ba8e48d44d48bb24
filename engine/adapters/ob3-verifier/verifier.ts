/**
 * `createOb3Verifier`: the CredentialVerifier adapter for Open Badges 3.0 / CLR 2.0 / W3C VCs (and OB2
 * hosted assertions). Offline by construction: bundled contexts, did:key keys, the verification store
 * (status lists and keys put there by an explicit command) and a hosted fetcher only when given one.
 * Order: proof and dates first, then status, then the issuer binding; `conclude` decides.
 */
import { check, datesCheck, issuerCheck, type ProofFinding, type VerificationCheck } from '../../verify/checks.ts';
import { checkVerifyOption } from '../../verify/errors.ts';
import type { HostedFetcher } from '../../verify/hosted-fetcher.ts';
import { isHostedOb2Assertion, verifyHostedOb2 } from '../../verify/hosted.ts';
import { fromChecks, result } from '../../verify/outcome.ts';
import type { VerificationStore } from '../../verify/store.ts';
import { readValidityWindow } from '../../verify/validity.ts';
import type { CredentialVerifier, VerificationMethod, VerificationResult, VerifyOptions } from '../../verify/verifier.ts';
import { checkLinkedDataProofs } from './data-integrity.ts';
import { idOf, isObject, subjectId, type Json } from './json.ts';
import { checkStatus } from './status-check.ts';
import { checkJwtProof, looksLikeJwt, readJwt } from './vc-jwt.ts';

export interface Ob3VerifierOptions {
  /** Fetches OB2 hosted assertions; default none (hosted badges are then 'unverifiable'). */
  readonly hostedFetcher?: HostedFetcher;
  /** Status lists and verification methods available offline; default none (status 'unknown'). */
  readonly store?: VerificationStore;
}

const ENVELOPED_JWT = /^data:application\/(?:vc\+jwt|jwt|vc-ld\+jwt)(?:;[^,]*)?,(.+)$/;

function assertStore(store: unknown): asserts store is VerificationStore | undefined {
  if (store === undefined) return;
  const s = store as Partial<VerificationStore> | null;
  if (typeof s !== 'object' || s === null || typeof s.statusList !== 'function' || typeof s.verificationMethod !== 'function' || typeof s.methodsOf !== 'function') {
    throw checkVerifyOption.invalid('store', store, 'a VerificationStore');
  }
}

export function createOb3Verifier(opts: Ob3VerifierOptions = {}): CredentialVerifier {
  if (typeof opts !== 'object' || opts === null) throw checkVerifyOption.invalid('options', opts, 'an options object');
  const hostedFetcher: HostedFetcher | undefined = opts.hostedFetcher;
  if (hostedFetcher !== undefined && (typeof hostedFetcher !== 'object' || hostedFetcher === null || typeof (hostedFetcher as Partial<HostedFetcher>).fetchJson !== 'function')) {
    throw checkVerifyOption.invalid('hostedFetcher', hostedFetcher, 'a HostedFetcher');
  }
  const store = opts.store;
  assertStore(store);

  /** Proof → dates → status → issuer, for a credential whose proof finding is known. */
  async function judge(credential: Json, proof: ProofFinding, method: VerificationMethod, now: Date, claims?: Json): Promise<VerificationResult> {
    const issuer = idOf(credential['issuer']) ?? (typeof claims?.['iss'] === 'string' ? claims['iss'] : undefined);
    const subject = subjectId(credential) ?? (typeof claims?.['sub'] === 'string' ? claims['sub'] : undefined);
    const checks: VerificationCheck[] = [check('proof', proof.result, proof.reason)];
    const dates = datesCheck(readValidityWindow(credential, claims ? { nbf: claims['nbf'], exp: claims['exp'] } : undefined), now);
    checks.push(check('dates', dates.result, dates.reason));
    if (proof.result === 'pass' && dates.validity !== 'malformed') {
      checks.push(await checkStatus(credential, now, store, (list) => listProof(list, now)));
      checks.push(issuerCheck(issuer, proof.controllers));
    } else {
      checks.push(check('status', 'unknown', proof.result === 'pass' ? 'not checked: malformed dates' : 'not checked: the proof did not verify'));
    }
    return fromChecks(checks, now, { method, issuer, subject });
  }

  /** A status list credential's proof and issuer binding (its status is not checked). */
  async function listProof(list: Json, now: Date): Promise<{ result: 'pass' | 'fail' | 'unknown'; reason: string }> {
    const window = readValidityWindow(list);
    const proof = await checkLinkedDataProofs(list, window.ok ? window.window : { validFrom: null, validUntil: null }, now, store);
    return proof;
  }

  async function verifyJwt(token: string, now: Date): Promise<VerificationResult> {
    const read = readJwt(token);
    if (typeof read === 'string') return result('invalid', read, now, { method: 'vc-jwt' });
    const proof = await checkJwtProof(token, read, store);
    return judge(read.credential, proof, 'vc-jwt', now, read.claims);
  }

  async function verifyObject(doc: Json, now: Date): Promise<VerificationResult> {
    const types = Array.isArray(doc['type']) ? doc['type'] : [doc['type']];
    if (types.includes('EnvelopedVerifiableCredential')) {
      const jwt = ENVELOPED_JWT.exec(idOf(doc) ?? '')?.[1];
      if (jwt && looksLikeJwt(jwt)) return verifyJwt(jwt, now);
      return result('unverifiable', 'enveloped credential is not a VC-JWT data URL', now);
    }
    if (isHostedOb2Assertion(doc)) return verifyHostedOb2(doc, hostedFetcher, now);
    const window = readValidityWindow(doc);
    const proof = await checkLinkedDataProofs(doc, window.ok ? window.window : { validFrom: null, validUntil: null }, now, store);
    return judge(doc, proof, 'data-integrity', now);
  }

  return {
    async verify(doc: unknown, verifyOpts: VerifyOptions): Promise<VerificationResult> {
      const now = verifyOpts?.now;
      if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
        throw checkVerifyOption.invalid('now', now, 'a valid Date');
      }
      if (typeof doc === 'string') {
        const text = doc.trim();
        if (looksLikeJwt(text)) return verifyJwt(text, now);
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
