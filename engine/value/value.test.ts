/**
 * Issue 20 acceptance (engine): demand coverage equals a hand computation on a small fixture;
 * equivalents are credentials whose skills cover the same demanded requirements; roles served and the
 * typical holder's fit gain.
 */
import { describe, expect, it } from 'vitest';
import type { Credential, JobPosting } from '../../taxonomy/model/types.ts';
import { createFitScorer } from '../fit/fit-scorer.ts';
import { profile, tinyGraph } from '../fit/test-fixtures.ts';
import { DEFAULT_RECOMMEND_OPTIONS } from '../recommend/options.ts';
import { describeFigures } from './figures.ts';
import { buildRoleIndex, rankedFits, rolesServed, typicalHolderFit } from './roles-served.ts';
import { buildValueContext, catalogueValues, costReport, credibilityReport, demandReport } from './report.ts';

// tinyGraph: G (group) ⊃ prog ⊃ py ⊃ django; prog ⊃ js; sql related to py; comm alone.
// Fit engine credits (defaults): exact 1, narrower 0.9 × 0.7^(d−1), broader 0.5 × 0.7^(d−1), related 0.4.
const graph = tinyGraph();
const scorer = createFitScorer({ graph });

const posting = (id: string, skills: [string, number][], date = '2026-05-01'): JobPosting => ({
  id,
  title: id,
  description: '',
  organisationId: 'org',
  datePosted: date,
  occupationId: null,
  location: '',
  skills: skills.map(([skillId, confidence]) => ({ skillId, confidence, provenance: { kind: 'text', source: 'we want', span: null } })),
});
const postings = [
  posting('p1', [['py', 1], ['comm', 1]]), // normalised: py 1/2, comm 1/2
  posting('p2', [['prog', 0.6], ['sql', 0.3], ['js', 0.9]]), // total 1.8: prog 1/3, sql 1/6, js 1/2
  posting('p3', [['django', 0.8]]), // django 1
  posting('p4', [['py', 0.2]]), // below the 0.3 link floor: no requirement, not in the denominator
];

const cred = (id: string, skills: string[], cost: number | null, hours: number | null, issuer = 'i1'): Credential => ({
  id,
  format: 'sample',
  name: id.toUpperCase(),
  description: '',
  issuer: { id: issuer, name: issuer },
  credentialType: 'badge',
  level: '',
  cost,
  hours,
  skills: skills.map((skillId) => ({ skillId, confidence: 1, provenance: { kind: 'alignment', source: 'alignment[0]', span: null } })),
  requires: [],
  isPartOf: [],
});
const A = cred('a', ['py'], 100, 10);
const B = cred('b', ['django', 'js'], 50, 20);
const C = cred('c', ['py', 'sql'], 80, 12);
const D = cred('d', ['comm'], 10, 1);
const E = cred('e', ['py'], 200, 40);
const catalogue = [A, B, C, D, E];

describe('demand coverage (hand computation)', () => {
  const ctx = buildValueContext(scorer, catalogue, postings, []);

  it('demand shares: each posting with requirements weighs 1, P = 3', () => {
    expect(ctx.demand.postings).toBe(4);
    expect(ctx.demand.postingsWithSkills).toBe(3);
    const D_ = Object.fromEntries([...ctx.demand.skills].map(([k, v]) => [k, v.share]));
    // D(py) = (1/2)/3, D(comm) = (1/2)/3, D(prog) = (1/3)/3, D(sql) = (1/6)/3, D(js) = (1/2)/3, D(django) = 1/3
    expect(D_['py']).toBeCloseTo(1 / 6, 12);
    expect(D_['comm']).toBeCloseTo(1 / 6, 12);
    expect(D_['prog']).toBeCloseTo(1 / 9, 12);
    expect(D_['sql']).toBeCloseTo(1 / 18, 12);
    expect(D_['js']).toBeCloseTo(1 / 6, 12);
    expect(D_['django']).toBeCloseTo(1 / 3, 12);
    expect(Object.values(D_).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });

  it('credential A (py): py exact 1, prog narrower 0.9, django broader 0.5, sql related 0.4, js and comm 0', () => {
    // value = 1/6·1 + 1/9·0.9 + 1/3·0.5 + 1/18·0.4 = 0.1666… + 0.1 + 0.1666… + 0.0222… = 0.4555…
    expect(ctx.coverOf('a').value).toBeCloseTo(1 / 6 + 0.1 + 1 / 6 + 0.4 / 18, 12);
    expect(ctx.coverOf('a').value).toBeCloseTo(0.455556, 6);
    expect([...ctx.coverOf('a').covers.keys()].sort()).toEqual(['django', 'prog', 'py', 'sql']);
  });

  it('credential B (django, js): py narrower 0.9, prog 0.9 (js, one step), django 1, js 1', () => {
    // value = 1/6·0.9 + 1/9·0.9 + 1/3·1 + 1/6·1 = 0.15 + 0.1 + 0.3333… + 0.1666… = 0.75
    expect(ctx.coverOf('b').value).toBeCloseTo(0.75, 12);
  });

  it('skill shares add up to the value; postings = postings with a requirement the skill covers', () => {
    const r = demandReport(ctx, A, { index: buildRoleIndex(scorer, []), source: 'stored roles' }, () => ({ fitBefore: 0, fitAfter: 0, field: 0 }));
    expect(r.covered).toBeCloseTo(0.455556, 6);
    expect(r.skills).toEqual([{ skillId: 'py', share: expect.closeTo(0.455556, 6) as number, postings: 3 }]);
    expect(r.fitGain).toBeNull();
    expect(r.rolesServed).toEqual([]);
  });
});

describe('cost-effectiveness and equivalents', () => {
  const ctx = buildValueContext(scorer, catalogue, postings, []);
  const values = catalogueValues(ctx);

  it('equivalents cover the same demanded requirements at least as well, and are cheaper or shorter', () => {
    const r = costReport(ctx, A, values);
    // A's demanded: py 1, prog 0.9, django 0.5, sql 0.4.
    // C (py, sql; cheaper): py 1, prog 0.9, django 0.5, sql 1 → all 4 (sameSkills).
    // B (django, js; cheaper): py 0.9 < 1 ✗, prog 0.9 ✓, django 1 ✓, sql 0 ✗ → 2 of 4 (half: listed).
    // D (comm; cheaper): 0 shared → not listed. E (py): dearer and longer → not listed.
    expect(r.equivalents.map((e) => [e.credentialId, e.sameSkills, e.shared, e.cheaper, e.shorter])).toEqual([
      ['c', true, 4, true, false],
      ['b', false, 2, true, false],
    ]);
    // fewer than 5 of a type? all 5 are badges: compared within the type
    expect(r.comparable).toBe(5);
    expect(r.comparableType).toBe('badge');
  });

  it('value per USD and per hour rank among comparable credentials', () => {
    // value/cost: A 0.4556/100, B 0.75/50 = 0.015, C (py, sql) = (1/6 + 0.1 + 1/6 + 1/18)/80, D (1/6)/10 = 0.01667, E 0.4556/200
    const r = costReport(ctx, A, values);
    const vpc = (id: string): number => values.get(id)!.valuePerCost!;
    expect(vpc('d')).toBeCloseTo(1 / 60, 12);
    expect(vpc('b')).toBeCloseTo(0.015, 12);
    const better = ['b', 'c', 'd', 'e'].filter((id) => vpc(id) > vpc('a')).length;
    expect(r.valuePerCostRank).toBe(better + 1);
    expect(r.valuePerHourRank).not.toBeNull();
  });
});

describe('roles served and the typical holder', () => {
  const roles = [
    { id: 'r1', title: 'Python dev', requirements: [{ skillId: 'py', weight: 2, essential: true }, { skillId: 'comm', weight: 1, essential: false }] },
    { id: 'r2', title: 'Communicator', requirements: [{ skillId: 'comm', weight: 1, essential: true }] },
    { id: 'r3', title: 'Web', requirements: [{ skillId: 'js', weight: 1, essential: true }, { skillId: 'sql', weight: 1, essential: true }] },
  ];
  const index = buildRoleIndex(scorer, roles);

  it('roles ordered by the share of their weighted requirements the credential covers', () => {
    // A (py): r1 = 2·1/3 = 0.667; r3 = sql related 0.4 → 0.4/2 = 0.2; r2 nothing
    expect(rolesServed(index, ['py']).map((r) => [r.roleId, +r.coverage.toFixed(4)])).toEqual([
      ['r1', 0.6667],
      ['r3', 0.2],
    ]);
  });

  it('typical holder: the middle half of non-holders; an empty profile below k', () => {
    const empty = typicalHolderFit(scorer, roles[0]!, [], new Set(), () => profile('x', []), A, DEFAULT_RECOMMEND_OPTIONS);
    // empty profile: fit 0 → after = 2 · 1 · fround(0.6 · 1) / 3
    expect(empty.fitBefore).toBe(0);
    expect(empty.fitAfter).toBeCloseTo((2 * Math.fround(0.6)) / 3, 9);
    expect(empty.field).toBe(0);
    // 8 candidates: fits ascending; holders h1 excluded; the middle half of 8 non-holders = ranks 2..5
    const profiles = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'].map((id, i) => profile(id, [['comm', i / 8]]));
    const byId = new Map(profiles.map((p) => [p.candidateId, p]));
    const ranked = rankedFits(scorer, roles[0]!, [...profiles, profile('h1', [['py', 1]])]);
    const r = typicalHolderFit(scorer, roles[0]!, ranked, new Set(['h1']), (id) => byId.get(id)!, A, DEFAULT_RECOMMEND_OPTIONS, 4);
    expect(r.field).toBe(4);
    // before: mean of comm strengths 2/8..5/8 × weight 1 / 3; after adds py at 0.6 × 2 / 3
    const meanComm = (2 + 3 + 4 + 5) / 8 / 4;
    expect(r.fitBefore).toBeCloseTo(Math.fround(meanComm) / 3, 5);
    expect(r.fitAfter - r.fitBefore).toBeCloseTo((2 * Math.fround(0.6)) / 3, 5);
    // k = 5 > the middle half (4): widened, centred, to ranks 1..5 (comm 1/8..5/8)
    const wide = typicalHolderFit(scorer, roles[0]!, ranked, new Set(['h1']), (id) => byId.get(id)!, A, DEFAULT_RECOMMEND_OPTIONS, 5);
    expect(wide.field).toBe(5);
    expect(wide.fitBefore).toBeCloseTo(Math.fround((1 + 2 + 3 + 4 + 5) / 8 / 5) / 3, 5);
    // 5 non-holders of 6 with k = 5: all five (never a mean over fewer than k)
    const five = rankedFits(scorer, roles[0]!, profiles.slice(0, 5));
    expect(typicalHolderFit(scorer, roles[0]!, five, new Set(), (id) => byId.get(id)!, A, DEFAULT_RECOMMEND_OPTIONS, 5).field).toBe(5);
    expect(typicalHolderFit(scorer, roles[0]!, five.slice(0, 4), new Set(), (id) => byId.get(id)!, A, DEFAULT_RECOMMEND_OPTIONS, 5).field).toBe(0);
  });
});

describe('figures', () => {
  it('every figure names its data and method', () => {
    const ctx = buildValueContext(scorer, catalogue, postings, []);
    const demand = demandReport(ctx, A, { index: buildRoleIndex(scorer, []), source: 'stored roles' }, () => ({ fitBefore: 0, fitAfter: 0, field: 0 }));
    const cost = costReport(ctx, A, catalogueValues(ctx));
    const credibility = credibilityReport(ctx, A, { awards: 0, verifiedAwards: 0, verifiedShare: null });
    const figures = describeFigures({
      name: 'A',
      credentialType: 'badge',
      value: demand.covered,
      valuePerCost: demand.covered / 100,
      valuePerHour: demand.covered / 10,
      free: false,
      demand,
      cost,
      credibility,
      holders: { count: null, exact: true, suppressed: true, note: 'suppressed under k' },
      scope: 'all postings',
      issuerCountsExact: true,
      nameOf: (id) => id,
      labelOf: (id) => id,
    });
    expect(figures.map((f) => f.name)).toEqual(['demand covered', 'skills in demand', 'fit gain of a typical holder', 'value per USD', 'value per hour', 'equivalents', 'issuer identity', 'awards verified', 'credibility level', 'recognition', 'assessment', 'skill basis', 'holders']);
    for (const f of figures) {
      expect(f.value, f.name).not.toBe('');
      expect(f.data, f.name).not.toBe('');
      expect(f.method, f.name).not.toBe('');
    }
    expect(figures[0]!.value).toBe('45.6%');
    expect(credibility.level).toBe('UNVERIFIED');
  });
});
