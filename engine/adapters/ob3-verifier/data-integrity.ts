/**
 * Linked-data proofs checked with the Digital Bazaar libraries, offline: `DataIntegrityProof` with
 * cryptosuite `eddsa-rdfc-2022`, and `Ed25519Signature2020`. Every supported proof of a document must
 * verify (dual-signed documents carry one of each). Keys: did:key, or the verification store.
 * The dates and the status are not judged here (see engine/verify/checks.ts).
 */
import * as vc from '@digitalbazaar/vc';
import { CredentialIssuancePurpose } from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import type { ProofFinding } from '../../verify/checks.ts';
import type { VerificationStore } from '../../verify/store.ts';
import { signatureCheckTime, type ValidityWindow } from '../../verify/validity.ts';
import { isBundledContext } from '../contexts/index.ts';
import { parseDidKey } from './did-key.ts';
import { createOfflineLoader } from './document-loader.ts';
import { contextUrls, errorMessage, idOf, isObject, type Json } from './json.ts';

export const SUPPORTED_PROOFS: readonly string[] = ['DataIntegrityProof/eddsa-rdfc-2022', 'Ed25519Signature2020'];

function proofKind(proof: Json): string {
  return [proof['type'], proof['cryptosuite']].filter((x) => typeof x === 'string').join('/');
}

function controllerOf(methodId: string): string {
  const hash = methodId.indexOf('#');
  return hash >= 0 ? methodId.slice(0, hash) : methodId;
}

/**
 * The assertion proof purpose without vc.js's own issuer === controller rule: the key must still be an
 * assertionMethod of its controller, but the issuer binding is judged (and reported) by `issuerCheck`.
 */
class SignatureOnlyPurpose extends CredentialIssuancePurpose {
  override async validate(proof: unknown, options: unknown): Promise<unknown> {
    const assertion = Object.getPrototypeOf(CredentialIssuancePurpose.prototype) as { validate(this: unknown, p: unknown, o: unknown): Promise<unknown> };
    return assertion.validate.call(this, proof, options);
  }
}

const unknown = (reason: string, controllers: readonly string[] = []): ProofFinding => ({ result: 'unknown', reason, controllers });

export async function checkLinkedDataProofs(credential: Json, window: ValidityWindow, now: Date, store?: VerificationStore): Promise<ProofFinding> {
  const proofs = (Array.isArray(credential['proof']) ? credential['proof'] : [credential['proof']]).filter(isObject);
  if (proofs.length === 0) return unknown('no proof');
  const supported = proofs.filter((p) => SUPPORTED_PROOFS.includes(proofKind(p)));
  if (supported.length === 0) {
    return unknown(`unsupported proof: ${proofs.map(proofKind).join(', ')} (supported: ${SUPPORTED_PROOFS.join(', ')})`);
  }
  const unknownContexts = [...contextUrls(credential)].filter((url) => !isBundledContext(url));
  if (unknownContexts.length > 0) return unknown(`context not bundled (no network fetch): ${unknownContexts.join(', ')}`);
  const controllers: string[] = [];
  for (const proof of supported) {
    const method = idOf(proof['verificationMethod']);
    if (!method) return { result: 'fail', reason: `${proofKind(proof)} proof has no verificationMethod`, controllers };
    if (method.startsWith('did:key:')) {
      const key = parseDidKey(method);
      if (typeof key === 'string') return unknown(`cannot resolve verification method offline: ${key}`);
      controllers.push(key.did);
      continue;
    }
    const stored = store ? await store.verificationMethod(method) : undefined;
    if (!isObject(stored)) return unknown(`cannot resolve verification method offline: ${method} (not did:key, not in the verification store)`);
    controllers.push(typeof stored['controller'] === 'string' ? stored['controller'] : controllerOf(method));
  }

  const loader = createOfflineLoader(store);
  const suites = [new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), new Ed25519Signature2020()];
  let outcome: vc.VerifyCredentialResult;
  try {
    outcome = await vc.verifyCredential({
      // A copy with only the supported proofs: the libraries must never see (or change) the caller's object.
      credential: { ...(structuredClone(credential) as Record<string, unknown>), proof: structuredClone(supported) },
      suite: suites,
      documentLoader: loader.load,
      now: signatureCheckTime(window, now),
      // Status is checked by skillgraph after the proof (engine/verify/checks.ts), never by the library.
      checkStatus: async () => ({ verified: true }),
      purpose: new SignatureOnlyPurpose(),
    });
  } catch (error) {
    outcome = { verified: false, error };
  }
  const kinds = [...new Set(supported.map(proofKind))].join(' + ');
  if (loader.misses.length > 0) return unknown(`needed a document that is not bundled: ${loader.misses.join(', ')}`, controllers);
  const failed = outcome.results?.filter((r) => !r.verified) ?? [];
  const all = outcome.results?.length ?? 0;
  if (!outcome.verified || failed.length > 0 || all < supported.length) {
    const why = errorMessage(outcome.error ?? failed[0]?.error ?? `${all} of ${supported.length} proofs checked`);
    return { result: 'fail', reason: `${kinds} proof failed: ${why}`, controllers };
  }
  return { result: 'pass', reason: `${kinds} proof verified (${supported.length} proof${supported.length > 1 ? 's' : ''})`, controllers: [...new Set(controllers)] };
}
