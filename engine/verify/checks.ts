/**
 * Verification as the VC / Open Badges standards define it: the proof and the validity dates are always
 * checked first, then the status; the issuer binding is reported beside them. Pure: adapters report what
 * each check found and `conclude` decides the outcome the same way for every proof format.
 */
import type { VerificationStatus } from '../../taxonomy/model/types.ts';
import { checkValidity, type ValidityWindow, type WindowRead } from './validity.ts';

/** The one-word outcome of `skillgraph verify --json` and the `verifyCredential` query. */
export type VerifyOutcome = 'verified' | 'invalid' | 'expired' | 'not-yet-valid' | 'revoked' | 'unverifiable';
export const VERIFY_OUTCOMES: readonly VerifyOutcome[] = ['verified', 'invalid', 'expired', 'not-yet-valid', 'revoked', 'unverifiable'];

export type CheckName = 'proof' | 'dates' | 'status' | 'issuer';
/** pass / fail; unknown = could not be checked (offline, unsupported); none = nothing to check (no status entry). */
export type CheckResult = 'pass' | 'fail' | 'unknown' | 'none';

export interface VerificationCheck {
  readonly name: CheckName;
  readonly result: CheckResult;
  readonly reason: string;
}

/** What the proof check found. `controllers`: the DIDs / URLs that control the keys that signed. */
export interface ProofFinding {
  readonly result: 'pass' | 'fail' | 'unknown';
  readonly reason: string;
  readonly controllers: readonly string[];
}

/** What the status check found. `revoked`: a revocation or suspension bit is set (or the id is on a revocation list). */
export interface StatusFinding {
  readonly result: 'pass' | 'fail' | 'unknown' | 'none';
  readonly reason: string;
}

export function check(name: CheckName, result: CheckResult, reason: string): VerificationCheck {
  return { name, result, reason };
}

/** The dates check of a window read at `now`. */
export function datesCheck(read: WindowRead, now: Date): VerificationCheck & { readonly validity: 'valid' | 'expired' | 'not-yet-valid' | 'malformed' } {
  if (!read.ok) return { ...check('dates', 'fail', `malformed ${read.field}: ${JSON.stringify(read.value)}`), validity: 'malformed' };
  const validity = checkValidity(read.window, now);
  if (validity === 'expired') return { ...check('dates', 'fail', `expired at ${read.window.validUntil?.toISOString()}`), validity };
  if (validity === 'not-yet-valid') return { ...check('dates', 'fail', `not valid before ${read.window.validFrom?.toISOString()}`), validity };
  return { ...check('dates', 'pass', describeWindow(read.window)), validity };
}

function describeWindow(window: ValidityWindow): string {
  const from = window.validFrom ? `from ${window.validFrom.toISOString()}` : 'no start date';
  const until = window.validUntil ? `until ${window.validUntil.toISOString()}` : 'no end date';
  return `valid (${from}, ${until})`;
}

/**
 * Issuer binding (VC Data Model: the issuer must control the key; vc.js checks it too): pass when the
 * issuer is the controller of a signing key; fail when every key has a known controller and none is the
 * issuer (someone else signed, e.g. an https issuer over a did:key); unknown when the key's controller is
 * not known offline (a JWT header `jwk` that is not among the issuer's keys in the verification store).
 */
export function issuerCheck(issuer: string | undefined, controllers: readonly string[]): VerificationCheck {
  if (controllers.length === 0) return check('issuer', 'unknown', `key provenance not established offline: the signing key is not among ${issuer ?? 'the issuer'}'s keys in the verification store`);
  if (issuer === undefined) return check('issuer', 'fail', `credential names no issuer; signed by ${controllers.join(', ')}`);
  if (controllers.includes(issuer)) return check('issuer', 'pass', `issuer ${issuer} controls the signing key`);
  return check('issuer', 'fail', `signed by ${controllers.join(', ')}, not by the issuer ${issuer}`);
}

export interface Conclusion {
  readonly outcome: VerifyOutcome;
  readonly reason: string;
}

/**
 * The outcome from the checks, in the standards' order. A failed proof (or malformed dates, or an
 * issuer that is not the signer) is `invalid` whatever else the document says. With a good proof:
 * `revoked` (a set revocation/suspension bit) > `expired` > `not-yet-valid` > `unverifiable` (key provenance
 * unknown) > `verified` (status unknown is reported in the checks, not in the outcome). Without a checkable proof: `expired` / `not-yet-valid`
 * when the dates say so (the document is refused either way), else `unverifiable`.
 */
export function conclude(checks: readonly VerificationCheck[]): Conclusion {
  const find = (name: CheckName): VerificationCheck | undefined => checks.find((c) => c.name === name);
  const proof = find('proof');
  const dates = find('dates');
  const status = find('status');
  const issuer = find('issuer');
  const datesVerdict = (): VerifyOutcome | null => {
    if (!dates || dates.result !== 'fail') return null;
    if (dates.reason.startsWith('expired')) return 'expired';
    if (dates.reason.startsWith('not valid before')) return 'not-yet-valid';
    return 'invalid';
  };
  if (!proof || proof.result === 'fail') return { outcome: 'invalid', reason: `proof: ${proof?.reason ?? 'not checked'}` };
  if (proof.result !== 'pass') {
    const byDates = datesVerdict();
    if (byDates) return { outcome: byDates, reason: `dates: ${dates?.reason} (proof not checked: ${proof.reason})` };
    return { outcome: 'unverifiable', reason: `proof: ${proof.reason}` };
  }
  const byDates = datesVerdict();
  if (byDates === 'invalid') return { outcome: 'invalid', reason: `dates: ${dates?.reason}` };
  if (issuer?.result === 'fail') return { outcome: 'invalid', reason: `issuer: ${issuer.reason}` };
  if (status?.result === 'fail') return { outcome: 'revoked', reason: `status: ${status.reason}` };
  if (byDates) return { outcome: byDates, reason: `signature valid, but ${dates?.reason}` };
  if (issuer?.result === 'unknown') return { outcome: 'unverifiable', reason: `signature valid, but ${issuer.reason}` };
  const unknownStatus = status?.result === 'unknown' ? `; status unknown: ${status.reason}` : '';
  return { outcome: 'verified', reason: `${proof.reason}${unknownStatus}` };
}

/**
 * The status stored on an award (and weighted by fit): verified → 'verified' ('self-claimed' when the
 * issuer is its own subject), expired → 'expired', invalid / revoked / not-yet-valid → 'invalid'
 * (refused by awardCredential), unverifiable → 'unverifiable'. A good signature whose status list could
 * not be consulted is stored 'verified' (the checks say "status unknown").
 */
export function storedStatus(outcome: VerifyOutcome, selfIssued: boolean): VerificationStatus {
  switch (outcome) {
    case 'verified':
      return selfIssued ? 'self-claimed' : 'verified';
    case 'expired':
      return 'expired';
    case 'unverifiable':
      return 'unverifiable';
    default:
      return 'invalid';
  }
}
