/**
 * Validity windows of credentials (VC 2.0 `validFrom`/`validUntil`, VC 1.1 `issuanceDate`/
 * `expirationDate`, JWT `nbf`/`exp`, OB2 `expires`), checked against a passed-in `now`. Pure.
 */

export interface ValidityWindow {
  readonly validFrom: Date | null;
  readonly validUntil: Date | null;
}

export type WindowRead =
  | { readonly ok: true; readonly window: ValidityWindow }
  | { readonly ok: false; readonly field: string; readonly value: unknown };

export type Validity = 'valid' | 'expired' | 'not-yet-valid';

/** XSD dateTime as VC requires (date, `T`, time, optional fraction, optional zone). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i;
/** OB2 also allows a plain date. */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: unknown, allowDateOnly: boolean): Date | null {
  if (typeof value !== 'string') return null;
  if (!DATE_TIME.test(value) && !(allowDateOnly && DATE_ONLY.test(value))) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function readField(doc: Readonly<Record<string, unknown>>, field: string, allowDateOnly: boolean): Date | null | { bad: unknown } {
  if (!(field in doc) || doc[field] === undefined || doc[field] === null) return null;
  const date = parseDate(doc[field], allowDateOnly);
  return date ?? { bad: doc[field] };
}

/**
 * Reads the window of a credential object. VC 2.0 fields win over VC 1.1 ones; for OB2 assertions
 * `expires` is the end. Numeric JWT claims (`nbf`, `exp`, seconds) are read when `claims` is given.
 */
export function readValidityWindow(
  doc: Readonly<Record<string, unknown>>,
  claims?: { readonly nbf?: unknown; readonly exp?: unknown },
): WindowRead {
  const from: Array<[string, boolean]> = [['validFrom', false], ['issuanceDate', false], ['issuedOn', true]];
  const until: Array<[string, boolean]> = [['validUntil', false], ['expirationDate', false], ['expires', true]];
  const pick = (fields: Array<[string, boolean]>): Date | null | { field: string; value: unknown } => {
    for (const [field, dateOnly] of fields) {
      const got = readField(doc, field, dateOnly);
      if (got === null) continue;
      if (got instanceof Date) return got;
      return { field, value: got.bad };
    }
    return null;
  };
  const validFrom = pick(from);
  if (validFrom !== null && !(validFrom instanceof Date)) return { ok: false, ...validFrom };
  const validUntil = pick(until);
  if (validUntil !== null && !(validUntil instanceof Date)) return { ok: false, ...validUntil };
  const claim = (name: 'nbf' | 'exp'): Date | null | { field: string; value: unknown } => {
    const value = claims?.[name];
    if (value === undefined) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) return { field: name, value };
    return new Date(value * 1000);
  };
  const nbf = claim('nbf');
  if (nbf !== null && !(nbf instanceof Date)) return { ok: false, ...nbf };
  const exp = claim('exp');
  if (exp !== null && !(exp instanceof Date)) return { ok: false, ...exp };
  // The later start and the earlier end bind when both the credential and the JWT state one.
  const later = (a: Date | null, b: Date | null): Date | null => (a && b ? (a > b ? a : b) : (a ?? b));
  const earlier = (a: Date | null, b: Date | null): Date | null => (a && b ? (a < b ? a : b) : (a ?? b));
  return { ok: true, window: { validFrom: later(validFrom, nbf), validUntil: earlier(validUntil, exp) } };
}

/** Expired when `validUntil < now`; not yet valid when `validFrom > now`. No clock skew: `now` is exact. */
export function checkValidity(window: ValidityWindow, now: Date): Validity {
  if (window.validUntil && window.validUntil.getTime() < now.getTime()) return 'expired';
  if (window.validFrom && window.validFrom.getTime() > now.getTime()) return 'not-yet-valid';
  return 'valid';
}

/**
 * A time inside the window, for checking the signature on its own: signature libraries refuse
 * expired credentials, but an expired credential with a good signature is 'expired', not 'invalid'.
 */
export function signatureCheckTime(window: ValidityWindow, now: Date): Date {
  if (window.validUntil && now > window.validUntil) return window.validUntil;
  if (window.validFrom && now < window.validFrom) return window.validFrom;
  return now;
}
