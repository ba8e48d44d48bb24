/**
 * Building `VerificationResult`s. Pure: adapters report their checks and `fromChecks` concludes, so
 * every adapter decides the same way (see checks.ts).
 */
import { check, conclude, storedStatus, type VerificationCheck, type VerifyOutcome } from './checks.ts';
import type { VerificationMethod, VerificationResult } from './verifier.ts';

export interface ResultExtra {
  readonly method?: VerificationMethod | undefined;
  readonly issuer?: string | undefined;
  /** `credentialSubject.id` (first subject), when present: issuer === subject → stored 'self-claimed'. */
  readonly subject?: string | undefined;
}

function build(outcome: VerifyOutcome, reason: string, checks: readonly VerificationCheck[], now: Date, extra: ResultExtra, hosted = false): VerificationResult {
  const selfIssued = extra.issuer !== undefined && extra.subject !== undefined && extra.issuer === extra.subject;
  const status = hosted && outcome === 'verified' ? 'hosted-verified' : storedStatus(outcome, selfIssued);
  return {
    outcome,
    checks,
    status,
    reason: selfIssued && outcome === 'verified' ? `${reason}; issued by its own subject` : reason,
    ...(extra.method ? { method: extra.method } : {}),
    ...(extra.issuer ? { issuer: extra.issuer } : {}),
    checkedAt: now.toISOString(),
  };
}

/** The result of a set of checks (see `conclude`). */
export function fromChecks(checks: readonly VerificationCheck[], now: Date, extra: ResultExtra = {}): VerificationResult {
  const { outcome, reason } = conclude(checks);
  return build(outcome, reason, checks, now, extra, extra.method === 'hosted');
}

/** A result decided before any check could run (not a credential, unsupported proof, …): one proof check. */
export function result(outcome: 'invalid' | 'unverifiable', reason: string, now: Date, extra: ResultExtra = {}): VerificationResult {
  return build(outcome, reason, [check('proof', outcome === 'invalid' ? 'fail' : 'unknown', reason)], now, extra);
}
