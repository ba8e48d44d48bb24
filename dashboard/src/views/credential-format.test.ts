import { describe, expect, it } from 'vitest';
import type { CredentialPoint } from '../data/model.ts';
import { credentialVariables, toCredentialPoint } from '../data/credential-queries.ts';
import { itemHash, parseHash } from '../router.ts';
import { costText, credibilityDetail, holdersText, paramsFromState, perCostText, scopeText, sortPoints, stateFromParams } from './credential-format.ts';

const point = (id: string, over: Partial<CredentialPoint> = {}): CredentialPoint => ({
  id,
  name: id,
  issuerName: 'Issuer',
  credentialType: 'Badge',
  cost: 100,
  hours: 10,
  free: false,
  value: 0.1,
  valuePerCost: 0.001,
  valuePerHour: 0.01,
  level: 'UNVERIFIED',
  verifiedIssuer: false,
  recognition: 0,
  assessment: 0,
  ...over,
});

describe('credential comparison: wording', () => {
  it('costText says free, a price, or cost unknown (never $0 for unknown)', () => {
    expect(costText({ cost: 0, free: true })).toBe('free');
    expect(costText({ cost: 1250, free: false })).toBe('$1,250');
    expect(costText({ cost: null, free: false })).toBe('cost unknown');
  });

  it('perCostText gives demand covered per $100, free and unknown in words', () => {
    expect(perCostText({ valuePerCost: 0.0004, free: false })).toBe('4% per $100');
    expect(perCostText({ valuePerCost: null, free: true })).toBe('free (no cost)');
    expect(perCostText({ valuePerCost: null, free: false })).toBe('cost unknown');
  });

  it('credibilityDetail names the level in words and what the document states', () => {
    expect(credibilityDetail({ level: 'VERIFIED_RECOGNISED', recognition: 2, assessment: 1 })).toBe('Verified issuer, recognition stated; 2 recognitions stated; assessment stated');
    expect(credibilityDetail({ level: 'UNVERIFIED', recognition: 0, assessment: 0 })).toBe('Issuer not verified');
  });

  it('holdersText labels exact, noised and suppressed counts', () => {
    expect(holdersText({ count: 12, exact: true, suppressed: false })).toEqual({ count: '12', release: 'exact' });
    expect(holdersText({ count: 11.6, exact: false, suppressed: false })).toEqual({ count: '≈ 12', release: 'noised (differential privacy)' });
    expect(holdersText({ count: null, exact: false, suppressed: true }).count).toBe('suppressed');
  });
});

describe('sortPoints', () => {
  const rows = [
    point('a', { cost: 300, value: 0.3, valuePerCost: 0.001 }),
    point('b', { cost: null, value: 0.5, valuePerCost: null }),
    point('c', { cost: 0, free: true, value: 0.2, valuePerCost: null }),
    point('d', { cost: 50, value: 0.1, valuePerCost: 0.002, level: 'VERIFIED' }),
  ];
  it('by cost ascending: free first, unknown cost last', () => {
    expect(sortPoints(rows, 'cost', 'ascending').map((p) => p.id)).toEqual(['c', 'd', 'a', 'b']);
    expect(sortPoints(rows, 'cost', 'descending').map((p) => p.id)).toEqual(['a', 'd', 'c', 'b']);
  });
  it('by value per cost descending: a free credential covering demand first, unknown cost last', () => {
    expect(sortPoints(rows, 'valuePerCost', 'descending').map((p) => p.id)).toEqual(['c', 'd', 'a', 'b']);
  });
  it('rank keeps the API order; ties keep it too', () => {
    expect(sortPoints(rows, 'rank', 'ascending').map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(sortPoints(rows, 'rank', 'descending').map((p) => p.id)).toEqual(['d', 'c', 'b', 'a']);
    expect(sortPoints(rows, 'credibility', 'descending').map((p) => p.id)).toEqual(['d', 'a', 'b', 'c']);
  });
});

describe('comparison state in the URL', () => {
  it('round-trips filters, order and scope; drops bad values', () => {
    const s = stateFromParams(new URLSearchParams('order=VALUE_PER_COST&skill=s1&maxCost=500&maxHours=x&verified=1&from=2025-01-01&to=bad'));
    expect(s).toEqual({ order: 'VALUE_PER_COST', filter: { skill: 's1', maxCost: 500, maxHours: null, verifiedIssuer: true }, scope: { from: '2025-01-01', to: null, occupationId: null, organisationId: null } });
    expect(paramsFromState(s)).toEqual({ order: 'VALUE_PER_COST', skill: 's1', maxCost: '500', maxHours: null, verified: '1', from: '2025-01-01', to: null, occupation: null, org: null });
    const scoped = stateFromParams(new URLSearchParams('occupation=http%3A%2F%2Fesco%2Fo1&org=org%3Ahahu'));
    expect(scoped.scope).toEqual({ from: null, to: null, occupationId: 'http://esco/o1', organisationId: 'org:hahu' });
    expect(scopeText(scoped.scope, 'data analyst')).toBe('postings for data analyst, of org:hahu');
    expect(scopeText({})).toBe('all postings you may see');
    expect(stateFromParams(new URLSearchParams('order=BOGUS')).order).toBe('VALUE');
  });

  it('credentialVariables leaves out empty filter and scope fields', () => {
    expect(credentialVariables('VALUE', { skill: null, maxCost: 0, maxHours: null, verifiedIssuer: false }, { from: null })).toEqual({ orderBy: 'VALUE', filter: { maxCost: 0 }, scope: null });
  });
});

describe('router: #/credentials/<id>', () => {
  it('itemHash encodes a URI id so parseHash gets it back whole', () => {
    const id = 'https://example.org/badges/1?x=1#a';
    const hash = itemHash('credentials', id, { from: '2025-01-01' });
    expect(hash).toBe(`#/credentials/${encodeURIComponent(id)}?from=2025-01-01`);
    const route = parseHash(hash, 'gaps');
    expect(route.name).toBe('credentials');
    expect(route.item).toBe(id);
    expect(route.params.get('from')).toBe('2025-01-01');
    expect(parseHash('#/credentials?order=VALUE', 'gaps')).toMatchObject({ name: 'credentials', item: '' });
  });
});

describe('toCredentialPoint', () => {
  it('maps the API node to a comparison row', () => {
    const p = toCredentialPoint({
      id: 'c1', name: ' SQL ', cost: null, hours: 4, credentialType: 'Badge', issuer: { id: 'i', name: 'Org ' },
      value: { value: 0.25, valuePerCost: null, valuePerHour: 0.0625, free: false, credibility: { level: 'VERIFIED', verifiedIssuer: true, recognition: [{ kind: 'accreditedBy' }], assessment: [] } },
    });
    expect(p).toMatchObject({ id: 'c1', name: 'SQL', issuerName: 'Org', cost: null, level: 'VERIFIED', recognition: 1, assessment: 0, value: 0.25 });
  });
});
