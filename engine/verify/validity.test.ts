import { describe, expect, it } from 'vitest';
import { afterGoodProof } from './outcome.ts';
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

describe('afterGoodProof', () => {
  const now = d('2025-06-01T00:00:00Z');
  const facts = { method: 'data-integrity' as const, issuer: 'did:key:z6Mkissuer', subject: 'did:example:alice', window: { validFrom: null, validUntil: null } };

  it('gives verified, expired, invalid (not yet valid) or self-claimed', () => {
    expect(afterGoodProof(facts, now)).toMatchObject({ status: 'verified', method: 'data-integrity', issuer: 'did:key:z6Mkissuer', checkedAt: now.toISOString() });
    expect(afterGoodProof({ ...facts, window: { validFrom: null, validUntil: d('2025-01-01T00:00:00Z') } }, now).status).toBe('expired');
    expect(afterGoodProof({ ...facts, window: { validFrom: d('2026-01-01T00:00:00Z'), validUntil: null } }, now).status).toBe('invalid');
    expect(afterGoodProof({ ...facts, subject: facts.issuer }, now).status).toBe('self-claimed');
  });
});
