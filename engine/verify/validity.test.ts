import { describe, expect, it } from 'vitest';
import { check } from './checks.ts';
import { fromChecks } from './outcome.ts';
import { checkValidity, readValidityWindow, signatureCheckTime } from './validity.ts';

const d = (iso: string) => new Date(iso);

describe('readValidityWindow', () => {
  it('reads VC 2.0 validFrom/validUntil, VC 1.1 issuanceDate/expirationDate and OB2 issuedOn/expires', () => {
    expect(readValidityWindow({ validFrom: '2025-01-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' })).toEqual({ ok: true, window: { validFrom: d('2025-01-01T00:00:00Z'), validUntil: d('2026-01-01T00:00:00Z') } });
    expect(readValidityWindow({ issuanceDate: '2025-01-01T00:00:00Z', expirationDate: '2026-01-01T00:00:00Z' })).toMatchObject({ ok: true, window: { validUntil: d('2026-01-01T00:00:00Z') } });
    expect(readValidityWindow({ issuedOn: '2025-01-01', expires: '2026-01-01' })).toMatchObject({ ok: true, window: { validFrom: d('2025-01-01') } });
    expect(readValidityWindow({})).toEqual({ ok: true, window: { validFrom: null, validUntil: null } });
  });

  it('takes the tighter of credential dates and JWT nbf/exp', () => {
    const read = readValidityWindow({ validUntil: '2030-01-01T00:00:00Z' }, { exp: Date.parse('2027-01-01T00:00:00Z') / 1000, nbf: Date.parse('2025-01-01T00:00:00Z') / 1000 });
    expect(read).toEqual({ ok: true, window: { validFrom: d('2025-01-01T00:00:00Z'), validUntil: d('2027-01-01T00:00:00Z') } });
  });

  it('reports the malformed field', () => {
    expect(readValidityWindow({ validUntil: 'next year' })).toEqual({ ok: false, field: 'validUntil', value: 'next year' });
    expect(readValidityWindow({ validFrom: '2025-01-01' })).toMatchObject({ ok: false, field: 'validFrom' });
    expect(readValidityWindow({}, { exp: 'soon' })).toMatchObject({ ok: false, field: 'exp' });
  });
});

describe('checkValidity / signatureCheckTime', () => {
  const window = { validFrom: d('2025-01-01T00:00:00Z'), validUntil: d('2026-01-01T00:00:00Z') };

  it('is expired only when validUntil < now, not yet valid when validFrom > now', () => {
    expect(checkValidity(window, d('2026-01-01T00:00:00Z'))).toBe('valid');
    expect(checkValidity(window, d('2026-01-01T00:00:00.001Z'))).toBe('expired');
    expect(checkValidity(window, d('2024-12-31T23:59:59Z'))).toBe('not-yet-valid');
  });

  it('clamps the signature check time into the window', () => {
    expect(signatureCheckTime(window, d('2030-01-01T00:00:00Z'))).toEqual(window.validUntil);
    expect(signatureCheckTime(window, d('2020-01-01T00:00:00Z'))).toEqual(window.validFrom);
    expect(signatureCheckTime(window, d('2025-06-01T00:00:00Z'))).toEqual(d('2025-06-01T00:00:00Z'));
  });
});

describe('fromChecks (proof and dates first, then status)', () => {
  const now = d('2025-06-01T00:00:00Z');
  const extra = { method: 'data-integrity' as const, issuer: 'did:key:z6Mkissuer', subject: 'did:example:alice' };
  const good = check('proof', 'pass', 'proof verified');
  const valid = check('dates', 'pass', 'valid');
  it('gives verified, expired, not-yet-valid, revoked or self-claimed', () => {
    expect(fromChecks([good, valid, check('status', 'none', '')], now, extra)).toMatchObject({ outcome: 'verified', status: 'verified', method: 'data-integrity', issuer: 'did:key:z6Mkissuer', checkedAt: now.toISOString() });
    expect(fromChecks([good, check('dates', 'fail', 'expired at x')], now, extra)).toMatchObject({ outcome: 'expired', status: 'expired' });
    expect(fromChecks([good, check('dates', 'fail', 'not valid before x')], now, extra)).toMatchObject({ outcome: 'not-yet-valid', status: 'invalid' });
    expect(fromChecks([good, valid, check('status', 'fail', 'revoked')], now, extra)).toMatchObject({ outcome: 'revoked', status: 'invalid' });
    expect(fromChecks([good, valid], now, { ...extra, subject: extra.issuer }).status).toBe('self-claimed');
  });
  it('is invalid after a failed proof whatever the status or dates say', () => {
    const bad = check('proof', 'fail', 'signature mismatch');
    expect(fromChecks([bad, valid, check('status', 'fail', 'revoked')], now, extra).outcome).toBe('invalid');
    expect(fromChecks([bad, check('dates', 'fail', 'expired at x')], now, extra).outcome).toBe('invalid');
  });
  it('keeps a good proof with an unknown status verified and says so; refuses an expired document without a proof', () => {
    const r = fromChecks([good, valid, check('status', 'unknown', 'list not in the store')], now, extra);
    expect(r).toMatchObject({ outcome: 'verified', reason: expect.stringContaining('status unknown') });
    expect(fromChecks([check('proof', 'unknown', 'no proof'), check('dates', 'fail', 'expired at x')], now, extra).outcome).toBe('expired');
    expect(fromChecks([check('proof', 'unknown', 'no proof'), valid], now, extra).outcome).toBe('unverifiable');
  });
});
