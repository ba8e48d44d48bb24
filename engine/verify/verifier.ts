/**
 * The credential verifier port. The engine never verifies signatures itself: an adapter
 * (`engine/adapters/ob3-verifier`) is passed in. A verifier never fetches anything on its own and
 * never throws for a bad credential: every outcome is a `VerificationResult`.
 */
import type { VerificationStatus } from '../../taxonomy/model/types.ts';
import type { VerificationCheck, VerifyOutcome } from './checks.ts';

export type VerificationMethod = 'data-integrity' | 'vc-jwt' | 'hosted';

export interface VerificationResult {
  /** The one-word outcome (verified | invalid | expired | not-yet-valid | revoked | unverifiable). */
  readonly outcome: VerifyOutcome;
  /** Each check (proof, dates, status, issuer) with its result and reason, in the order they were made. */
  readonly checks: readonly VerificationCheck[];
  /** The status stored on an award (`storedStatus(outcome)`); weighted by fit. */
  readonly status: VerificationStatus;
  /** One line saying why (what was checked, what failed). */
  readonly reason: string;
  /** How the proof was checked, when a proof was found. */
  readonly method?: VerificationMethod;
  /** Issuer id (URL or DID) as stated in the credential, when present. */
  readonly issuer?: string;
  /** The `now` the check was made at (ISO 8601). */
  readonly checkedAt: string;
}

export interface VerifyOptions {
  /** The time to check validity against (no clock inside the verifier). */
  readonly now: Date;
}

export interface CredentialVerifier {
  /**
   * Verifies one credential: a JSON object (Data Integrity proof, OB2 hosted assertion,
   * `EnvelopedVerifiableCredential`) or a compact VC-JWT string. Never throws for bad input.
   */
  verify(doc: unknown, opts: VerifyOptions): Promise<VerificationResult>;
}
