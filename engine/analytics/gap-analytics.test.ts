import { describe, expect, it } from 'vitest';
import type { Credential, JobPosting } from '../../taxonomy/model/types.ts';
import { SkillGraph } from '../../taxonomy/model/skill-graph.ts';
import { createFitScorer } from '../fit/fit-scorer.ts';
import { profile, tinyGraph } from '../fit/test-fixtures.ts';
import { AnalyticsErrorCode } from './errors.ts';
import { createGapAnalytics } from './gap-analytics.ts';
import { monthsOf, windowEndingAt } from './window.ts';

const graph = tinyGraph();
const scorer = createFitScorer({ graph });
const posting = (id: string, date: string, skills: string[], occupationId: string | null = null): JobPosting => ({
  id,
  title: id,
  description: '',
  organisationId: 'o',
  datePosted: date,
  occupationId,
  location: '',
  skills: skills.map((skillId) => ({ skillId, confidence: 0.9, provenance: { kind: 'text', source: '', span: null } })),
});
const postings = [
  posting('p1', '2026-01-10', ['py', 'sql']),
  posting('p2', '2026-02-10', ['py']),
  posting('p3', '2026-03-10', ['py', 'comm']),
  posting('p4', '2026-03-20', ['py', 'comm']),
  posting('old', '2024-01-01', ['js']),
];
const window = { from: '2026-01-01', to: '2026-04-01' };
// 6 people know python (3 verified, 3 claimed), 2 know sql, nobody communication
const cohort = [
  ...['a', 'b', 'c'].map((id) => profile(id, [['py', 0.9, 'verified']])),
  ...['d', 'e', 'f'].map((id) => profile(id, [['py', 0.9, 'self-claimed']])),
  profile('g', [['sql', 0.9]]),
  profile('h', [['sql', 0.9], ['django', 0.2]]),
];

describe('createGapAnalytics().gaps', () => {
  it('computes demand in the window and supply split verified vs claimed', () => {
    const rows = createGapAnalytics(scorer, { k: 3, coverageThreshold: 0.5 }).gaps({ cohort, postings, window });
    const py = rows.find((r) => r.key === 'py')!;
    expect(py).toMatchObject({ demand: 1, demandCount: 4, postings: 4, supply: 6 / 8, verifiedSupply: 3 / 8, claimedSupply: 3 / 8, suppressed: false });
    expect(py.gap).toBeCloseTo(0.25);
    expect(rows.find((r) => r.key === 'js')).toBeUndefined();
    expect(rows.find((r) => r.key === 'comm')).toMatchObject({ supply: 0, gap: 0.5 });
  });

  it('suppresses aggregates over fewer than k people (k-anonymity)', () => {
    const rows = createGapAnalytics(scorer, { k: 5, coverageThreshold: 0.5 }).gaps({ cohort, postings, window });
    // 2 people cover sql (0 < 2 < 5): suppressed; python's 3 verified / 3 claimed split hidden
    expect(rows.find((r) => r.key === 'sql')).toMatchObject({ supply: null, gap: null, suppressed: true });
    expect(rows.find((r) => r.key === 'py')).toMatchObject({ supply: 6 / 8, verifiedSupply: null, claimedSupply: null });
    const small = createGapAnalytics(scorer).gaps({ cohort: cohort.slice(0, 4), postings, window });
    expect(small.every((r) => r.suppressed && r.supply === null)).toBe(true);
  });

  it('rolls skills up to a group level and splits by month', () => {
    const a = createGapAnalytics(scorer, { k: 1, groupLevel: 0 });
    const groups = a.gaps({ cohort, postings, window }, 'group');
    expect(groups.map((r) => r.key)).toEqual(['G']);
    expect(groups[0]).toMatchObject({ demand: 1, supply: 1 });
    const months = a.gaps({ cohort, postings, window }, 'month');
    expect(months.filter((r) => r.month === '2026-03').map((r) => r.key)).toEqual(['comm@2026-03', 'py@2026-03']);
  });

  it('rejects a bad window and a bad dimension with coded errors', () => {
    const a = createGapAnalytics(scorer);
    expect(() => a.gaps({ cohort, postings, window: { from: '2026-05-01', to: '2026-01-01' } })).toThrow(expect.objectContaining({ code: AnalyticsErrorCode.InvalidWindow }));
    expect(() => a.gaps({ cohort, postings, window }, 'x' as 'skill')).toThrow(expect.objectContaining({ code: AnalyticsErrorCode.InvalidOption, field: 'by' }));
    expect(() => createGapAnalytics(scorer, { k: 0 })).toThrow(expect.objectContaining({ code: AnalyticsErrorCode.InvalidOption, field: 'k' }));
    expect(() => createGapAnalytics(scorer, { k: 0 })).toThrow(/^invalid k: 0/);
  });
});

describe('createGapAnalytics().trends', () => {
  // issue 15: months without postings counted as 0%, so almost every skill came out flat or falling
  it('treats months without postings as missing data: share null, left out of the slope', () => {
    const gappy = [posting('a', '2026-01-10', ['py']), posting('b', '2026-01-12', ['sql']), posting('c', '2026-06-10', ['py']), posting('d', '2026-06-11', ['py'])];
    const trends = createGapAnalytics(scorer).trends({ postings: gappy, window: { from: '2026-01-01', to: '2026-07-01' } });
    const py = trends.find((t) => t.skillId === 'py')!;
    expect(py.series.map((p) => p.share)).toEqual([0.5, null, null, null, null, 1]);
    expect(py.slope).toBeCloseTo(0.1, 12); // (1 − 0.5) over 5 months, not dragged to 0 by the empty ones
    expect(py.direction).toBe('rising');
    expect(trends.find((t) => t.skillId === 'sql')!.direction).toBe('falling');
  });

  // issue 15: supply counted people with fit ≥ 0.5 against the whole profile, which nobody reached
  it('counts occupation supply as the people holding at least half of its essential weight', () => {
    const occGraph = { ...graph.data, occupations: [{ id: 'dev', source: 'esco' as const, code: 'D', iscoGroup: '', preferredLabel: 'developer', altLabels: [], description: '', parentIds: [] }],
      occupationSkills: ['py', 'sql', 'js', 'comm'].map((skillId, i) => ({ occupationId: 'dev', skillId, relationType: i < 2 ? ('essential' as const) : ('optional' as const), importance: null, level: null })) };
    const s = createFitScorer({ graph: SkillGraph.fromData(occGraph) });
    const people = [
      ...['a', 'b', 'c'].map((id) => profile(id, [['py', 0.9]])), // half the essentials: supply
      profile('d', [['js', 0.9], ['comm', 0.9]]), // optional skills only: not supply
      profile('e', [['py', 0.3]]), // below the coverage threshold
    ];
    const rows = createGapAnalytics(s, { k: 1, coverageThreshold: 0.5, occupationShare: 0.5 }).gaps({ cohort: people, postings: [posting('p', '2026-01-10', ['py'], 'dev')], window }, 'occupation');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: 'dev', supplyCount: 3, supply: 3 / 5 });
    expect(createGapAnalytics(s, { k: 1, coverageThreshold: 0.5, occupationShare: 1 }).gaps({ cohort: people, postings: [posting('p', '2026-01-10', ['py'], 'dev')], window }, 'occupation')[0]!.supplyCount).toBe(0);
  });

  it('finds rising and falling skills by the slope of the monthly share', () => {
    const t = createGapAnalytics(scorer).trends({ postings, window });
    expect(t.find((x) => x.skillId === 'comm')!.direction).toBe('rising');
    expect(t.find((x) => x.skillId === 'sql')!.direction).toBe('falling');
    expect(t.find((x) => x.skillId === 'py')!.direction).toBe('flat');
    expect(t.find((x) => x.skillId === 'py')!.series.map((p) => p.month)).toEqual(['2026-01', '2026-02', '2026-03']);
  });
});

describe('createGapAnalytics().whatIf', () => {
  const course: Credential = {
    id: 'comm-course',
    format: 'sample',
    name: 'Communication',
    description: '',
    issuer: { id: 'i', name: 'I' },
    credentialType: 'course',
    level: '',
    cost: 10,
    hours: 5,
    skills: [{ skillId: 'comm', confidence: 1, provenance: { kind: 'alignment', source: 'a', span: null } }],
    requires: [],
    isPartOf: [],
  };

  it('moves the gap of the skills the credential teaches, choosing people deterministically', () => {
    const a = createGapAnalytics(scorer, { k: 2 });
    const r = a.whatIf({ cohort, postings, window, credential: course, count: 4 });
    expect(r.chosen).toEqual(['a', 'b', 'c', 'd']);
    const before = r.before.find((x) => x.key === 'comm')!;
    const after = r.after.find((x) => x.key === 'comm')!;
    expect(before.supply).toBe(0);
    expect(after.supply).toBe(4 / 8);
    expect(after.gap!).toBeLessThan(before.gap!);
    expect(JSON.stringify(a.whatIf({ cohort, postings, window, credential: course, count: 4 }))).toBe(JSON.stringify(r));
  });
});

describe('window helpers', () => {
  it('windowEndingAt covers whole months ending with the month of now', () => {
    expect(windowEndingAt('2026-03-15T10:00:00Z', 3)).toEqual({ from: '2026-01-01', to: '2026-04-01' });
    expect(monthsOf({ from: '2025-11-01', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01']);
  });
});
