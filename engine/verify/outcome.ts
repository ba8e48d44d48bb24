/**
 * What a good signature means once the dates and the parties are looked at. Pure: adapters call
 * `afterGoodProof` once the cryptography has passed, so every adapter decides the same way.
 */
import type { VerificationMethod, VerificationResult } from './verifier.ts';
import { checkValidity, type ValidityWindow } from './validity.ts';

export interface ProofFacts {
  readonly method: VerificationMethod;
  readonly issuer: string | undefined;
  /** `credentialSubject.id` (first subject), when present. */
  readonly subject: string | undefined;
  readonly window: ValidityWindow;
}

export function result(
  status: VerificationResult['status'],
  reason: string,
  now: Date,
  extra: { readonly method?: VerificationMethod | undefined; readonly issuer?: string | undefined } = {},
): VerificationResult {
  return {
    status,
    reason,
    ...(extra.method ? { method: extra.method } : {}),
    ...(extra.issuer ? { issuer: extra.issuer } : {}),
    checkedAt: now.toISOString(),
  };
}

/**
 * After the proof verified: expired (`validUntil < now`) → 'expired'; not yet valid (`validFrom > now`)
 * → 'invalid' (a credential that claims a future start must not count yet); signed by its own subject
 * → 'self-claimed'; otherwise 'verified'.
 */
export function afterGoodProof(facts: ProofFacts, now: Date): VerificationResult {
  const extra = { method: facts.method, issuer: facts.issuer };
  const validity = checkValidity(facts.window, now);
  if (validity === 'expired') {
    return result('expired', `signature valid, but expired at ${facts.window.validUntil?.toISOString()}`, now, extra);
  }
  if (validity === 'not-yet-valid') {
    return result('invalid', `signature valid, but not valid before ${facts.window.validFrom?.toISOString()}`, now, extra);
  }
  if (facts.issuer !== undefined && facts.subject !== undefined && facts.issuer === facts.subject) {
    return result('self-claimed', 'signature valid, but issued by its own subject', now, extra);
  }
  return result('verified', `${facts.method} proof verified`, now, extra);
}
