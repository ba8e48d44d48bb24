import { describe, expect, it } from 'vitest';
import type { Occupation, OccupationSkill } from '../../taxonomy/model/types.ts';
import { evalPostings, profileScores } from './eval-postings.ts';
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

  it('evalTitles() gives MRR and top-k over rows with a known gold occupation', async () => {
    const m = await evalTitles(
      [{ title: 'a', occupationId: 'cook' }, { title: 'b', occupationId: 'dev' }, { title: 'c', occupationId: 'gone' }],
      new Set(['cook', 'dev']),
      async (titles) => titles.map(() => ['dev', 'cook']),
    );
    expect(m).toEqual({ queries: 2, mrr: 0.75, top1: 0.5, top5: 1, skipped: 1 });
  });
});
