/**
 * One input's verification report: every credential in it with its outcome and checks, and one word
 * for the whole input (the most severe outcome: invalid > revoked > expired > not-yet-valid >
 * unverifiable > verified). Pure.
 */
import type { VerificationCheck, VerifyOutcome } from './checks.ts';
import { credentialsIn } from './documents.ts';
import type { CredentialVerifier, VerificationResult } from './verifier.ts';

const SEVERITY: readonly VerifyOutcome[] = ['invalid', 'revoked', 'expired', 'not-yet-valid', 'unverifiable', 'verified'];

export interface DocumentReport {
  readonly where: string;
  /** The one-word outcome of this credential. */
  readonly status: VerifyOutcome;
  readonly reason: string;
  readonly checks: readonly VerificationCheck[];
  readonly method?: string;
  readonly issuer?: string;
  /** What an award of this credential would store (weighted by fit). */
  readonly storedStatus: VerificationResult['status'];
}

export interface VerifyReport {
  readonly status: VerifyOutcome;
  readonly checkedAt: string;
  readonly documents: readonly DocumentReport[];
}

export function worstOutcome(outcomes: readonly VerifyOutcome[]): VerifyOutcome {
  if (outcomes.length === 0) return 'unverifiable';
  return SEVERITY.find((o) => outcomes.includes(o)) ?? 'unverifiable';
}

/** Verifies every credential in `input` (already parsed JSON, or a compact JWT string). */
export async function verifyInput(verifier: CredentialVerifier, input: unknown, now: Date): Promise<VerifyReport> {
  const documents: DocumentReport[] = [];
  for (const { where, document } of credentialsIn(input)) {
    const r = await verifier.verify(document, { now });
    documents.push({
      where,
      status: r.outcome,
      reason: r.reason,
      checks: r.checks,
      ...(r.method ? { method: r.method } : {}),
      ...(r.issuer ? { issuer: r.issuer } : {}),
      storedStatus: r.status,
    });
  }
  return { status: worstOutcome(documents.map((d) => d.status)), checkedAt: now.toISOString(), documents };
}
