import { describe, expect, it } from 'vitest';
import type { Occupation, OccupationSkill } from '../../taxonomy/model/types.ts';
import { evalPostings, goldPosition, profileScores, type PostingRow, type PostingSignals } from './eval-postings.ts';
import { accuracyAtK, mean, reciprocalRank } from './metrics.ts';
import { evalTitles } from './eval-titles.ts';

const occ = (id: string, code: string): Occupation => ({ id, source: 'esco', code, iscoGroup: '', preferredLabel: id, altLabels: [], description: '', parentIds: [] });
const rel = (occupationId: string, skillId: string, relationType: 'essential' | 'optional'): OccupationSkill => ({ occupationId, skillId, relationType, importance: null, level: null });
const OCCS = [occ('cook', '5120.1'), occ('dev', '2512.4')];
const RELS = [rel('cook', 'knives', 'essential'), rel('cook', 'hygiene', 'essential'), rel('dev', 'python', 'essential'), rel('dev', 'sql', 'optional')];

describe('evalPostings', () => {
  it('profileScores() sums confidence × weight over the profile, divided by √(Σ weights)', () => {
    const s = profileScores(RELS)([{ skillId: 'python', confidence: 0.8 }, { skillId: 'sql', confidence: 0.4 }]);
    expect(s.get('dev')).toBeCloseTo((0.8 * 1 + 0.4 * 0.5) / Math.sqrt(1.5));
    expect(s.has('cook')).toBe(false);
  });

  it('evalPostings() scores skills, title and combined rankings against the gold code', async () => {
    const rows = [
      { title: 'Chef', description: 'knives', occupationCode: '5120.1' },
      { title: 'Developer', description: 'python', occupationCode: '2512.4' },
      { title: 'x', description: 'y', occupationCode: '9999.9' },
    ];
    const m = await evalPostings(rows, OCCS, RELS, async (r) => ({
      skills: r.description === 'knives' ? [{ skillId: 'knives', confidence: 1 }] : [{ skillId: 'knives', confidence: 0.9 }],
      titleSimilarity: new Map([['cook', r.title === 'Chef' ? 0.9 : 0.1], ['dev', r.title === 'Chef' ? 0.2 : 0.8]]),
    }));
    expect(m.queries).toBe(2);
    expect(m.skipped).toBe(1);
    expect(m.skills).toEqual({ top1: 0.5, top5: 1, mrr: 0.75 });
    expect(m.title).toEqual({ top1: 1, top5: 1, mrr: 1 });
    expect(Object.keys(m.combinedByWeight).sort()).toEqual(['0.25', '0.5', '1']);
  });

  it('goldPosition() is the position of the gold id in the full sort by score, best first, ties by id', () => {
    const ids = ['d', 'b', 'a', 'c', 'e'];
    const scores = Float64Array.from([0.5, 0.9, 0.5, 0.5, 0.1]);
    // sorted: b 0.9, a 0.5, c 0.5, d 0.5, e 0.1
    expect([0, 1, 2, 3, 4].map((g) => goldPosition(ids, scores, g))).toEqual([3, 0, 1, 2, 4]);
  });

  it('evalPostings() (issue 18: gold positions counted, not sorted) gives the metrics of full sorts on a tied random set', async () => {
    // A seeded set: 60 occupations, 40 postings, scores on a coarse grid so many tie.
    let seed = 7;
    const rand = () => {
      // mulberry32
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const occs = Array.from({ length: 60 }, (_, i) => occ(`occ${(i * 37) % 60}`, `${1000 + i}.1`));
    const skillIds = Array.from({ length: 30 }, (_, i) => `s${i}`);
    const rels = occs.flatMap((o) => skillIds.filter(() => rand() < 0.15).map((s) => rel(o.id, s, rand() < 0.5 ? 'essential' : 'optional')));
    const rows: PostingRow[] = Array.from({ length: 40 }, (_, i) => ({ title: `t${i}`, description: '', occupationCode: i % 13 === 0 ? '9999.9' : occs[Math.floor(rand() * occs.length)]!.code }));
    const signals = new Map<PostingRow, PostingSignals>(
      rows.map((r) => [
        r,
        {
          skills: skillIds.filter(() => rand() < 0.2).map((skillId) => ({ skillId, confidence: Math.round(rand() * 4) / 4 })),
          // the gold occupation's title scores at the top of the grid half the time (ties with others there)
          titleSimilarity: new Map(occs.filter(() => rand() < 0.8).map((o) => [o.id, o.code === r.occupationCode && rand() < 0.5 ? 1 : Math.round(rand() * 5) / 5])),
        },
      ]),
    );
    // The reference: every ranking sorted in full (the evaluation before the change).
    const profile = profileScores(rels);
    const sorted = (score: (id: string) => number) => occs.map((o) => o.id).sort((a, b) => score(b) - score(a) || (a < b ? -1 : 1));
    const acc = { skills: [] as number[][], title: [] as number[][], combined: [] as number[][], w1: [] as number[][] };
    for (const r of rows) {
      const gold = occs.find((o) => o.code === r.occupationCode)?.id;
      if (!gold) continue;
      const sig = signals.get(r)!;
      const prof = profile(sig.skills);
      const maxProf = Math.max(1e-9, ...prof.values());
      const rel = new Set([gold]);
      const m = (ranked: string[]) => [accuracyAtK(ranked, rel, 1), accuracyAtK(ranked, rel, 5), reciprocalRank(ranked, rel)];
      acc.skills.push(m(sorted((id) => prof.get(id) ?? 0)));
      acc.title.push(m(sorted((id) => sig.titleSimilarity.get(id) ?? 0)));
      acc.combined.push(m(sorted((id) => (sig.titleSimilarity.get(id) ?? 0) + (0.1 * (prof.get(id) ?? 0)) / maxProf)));
      acc.w1.push(m(sorted((id) => (sig.titleSimilarity.get(id) ?? 0) + (1 * (prof.get(id) ?? 0)) / maxProf)));
    }
    const summary = (m: number[][]) => ({ top1: mean(m.map((x) => x[0]!)), top5: mean(m.map((x) => x[1]!)), mrr: mean(m.map((x) => x[2]!)) });
    const got = await evalPostings(rows, occs, rels, async (r) => signals.get(r)!, 0.1, [1]);
    expect(got.queries).toBe(acc.skills.length);
    expect(got.skipped).toBe(rows.length - acc.skills.length);
    expect(got.skills).toEqual(summary(acc.skills));
    expect(got.title).toEqual(summary(acc.title));
    expect(got.combined).toEqual(summary(acc.combined));
    expect(got.combinedByWeight).toEqual({ '1': summary(acc.w1) });
    // the set is not degenerate: the gold is first in some rankings and not in others
    for (const m of [got.skills, got.title, got.combined]) expect(m.mrr).toBeGreaterThan(0);
    expect(got.title.top1).toBeGreaterThan(0);
    expect(got.title.top1).toBeLessThan(1);
  });

  it('evalTitles() gives MRR and top-k over rows with a known gold occupation', async () => {
    const m = await evalTitles(
      [{ title: 'a', occupationId: 'cook' }, { title: 'b', occupationId: 'dev' }, { title: 'c', occupationId: 'gone' }],
      new Set(['cook', 'dev']),
      async (titles) => titles.map(() => ['dev', 'cook']),
    );
    expect(m).toEqual({ queries: 2, mrr: 0.75, top1: 0.5, top5: 1, skipped: 1 });
  });
});
