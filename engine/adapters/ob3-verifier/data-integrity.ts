/**
 * Data Integrity proofs (`DataIntegrityProof`, cryptosuite `eddsa-rdfc-2022`) checked with the
 * Digital Bazaar libraries, offline: bundled contexts, did:key keys only.
 */
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { afterGoodProof, result } from '../../verify/outcome.ts';
import { readValidityWindow, signatureCheckTime } from '../../verify/validity.ts';
import type { VerificationResult } from '../../verify/verifier.ts';
import { isBundledContext } from '../contexts/index.ts';
import { parseDidKey } from './did-key.ts';
import { createOfflineLoader } from './document-loader.ts';
import { contextUrls, errorMessage, idOf, isObject, subjectId, type Json } from './json.ts';

export const SUPPORTED_CRYPTOSUITES: readonly string[] = ['eddsa-rdfc-2022'];

export async function verifyDataIntegrity(credential: Json, now: Date): Promise<VerificationResult> {
  const issuer = idOf(credential['issuer']);
  const extra = { method: 'data-integrity' as const, issuer };
  const proofs = (Array.isArray(credential['proof']) ? credential['proof'] : [credential['proof']]).filter(isObject);
  if (proofs.length === 0) return result('unverifiable', 'proof is empty', now, { issuer });
  const supported = proofs.filter((p) => p['type'] === 'DataIntegrityProof' && SUPPORTED_CRYPTOSUITES.includes(String(p['cryptosuite'])));
  if (supported.length === 0) {
    const kinds = proofs.map((p) => [p['type'], p['cryptosuite']].filter((x) => x !== undefined).join('/')).join(', ');
    return result('unverifiable', `unsupported proof: ${kinds} (supported: DataIntegrityProof/eddsa-rdfc-2022)`, now, { issuer });
  }
  const unknownContexts = [...contextUrls(credential)].filter((url) => !isBundledContext(url));
  if (unknownContexts.length > 0) {
    return result('unverifiable', `context not bundled (no network fetch): ${unknownContexts.join(', ')}`, now, extra);
  }
  for (const proof of supported) {
    const method = idOf(proof['verificationMethod']);
    if (!method) return result('invalid', 'proof has no verificationMethod', now, extra);
    const key = parseDidKey(method);
    if (typeof key === 'string') return result('unverifiable', `cannot resolve verification method offline: ${key}`, now, extra);
  }
  const window = readValidityWindow(credential);
  if (!window.ok) return result('invalid', `malformed ${window.field}: ${JSON.stringify(window.value)}`, now, extra);

  const loader = createOfflineLoader();
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  let outcome: vc.VerifyCredentialResult;
  try {
    outcome = await vc.verifyCredential({
      // A copy: the libraries must never see (or change) the caller's object.
      credential: structuredClone(credential) as Record<string, unknown>,
      suite,
      documentLoader: loader.load,
      now: signatureCheckTime(window.window, now),
    });
  } catch (error) {
    outcome = { verified: false, error };
  }
  if (loader.misses.length > 0) {
    return result('unverifiable', `needed a document that is not bundled: ${loader.misses.join(', ')}`, now, extra);
  }
  if (!outcome.verified) {
    const why = errorMessage(outcome.error ?? outcome.results?.find((r) => !r.verified)?.error ?? 'proof did not verify');
    if (/checkStatus/.test(why)) return result('unverifiable', 'credentialStatus cannot be checked offline', now, extra);
    return result('invalid', `data integrity proof failed: ${why}`, now, extra);
  }
  return afterGoodProof({ method: 'data-integrity', issuer, subject: subjectId(credential), window: window.window }, now);
}
