import { describe, expect, it } from 'vitest';
import type { Skill } from '../../taxonomy/model/types.ts';
import { contentWords, F, FEATURES, N_FEATURES, putNeighbours, putRelative, skillPriors } from './features.ts';

const skill = (n: number, skillType: string, reuseLevel: string): Skill => ({
  id: `s${n}`,
  source: 'esco',
  preferredLabel: `skill ${n}`,
  altLabels: [],
  hiddenLabels: [],
  description: '',
  skillType,
  reuseLevel,
});
const SKILLS = [skill(0, 'knowledge', 'transversal'), skill(1, 'skill/competence', 'occupation-specific'), skill(2, 'skill/competence', 'cross-sector'), skill(3, '', '')];

describe('skillPriors', () => {
  it('skillPriors() log-scales essential counts to [0, 1] and flags type and reuse level', () => {
    const rel = (o: string, s: string, relationType: 'essential' | 'optional') => ({ occupationId: o, skillId: s, relationType, importance: null, level: null });
    const p = skillPriors(SKILLS, [rel('o1', 's0', 'essential'), rel('o2', 's0', 'essential'), rel('o3', 's0', 'essential'), rel('o1', 's1', 'essential'), rel('o2', 's2', 'optional'), rel('o9', 'unknown', 'essential')]);
    expect(Array.from(p.essential).map((x) => +x.toFixed(3))).toEqual([1, 0.5, 0, 0]);
    expect(Array.from(p.knowledge)).toEqual([1, 0, 0, 0]);
    expect(Array.from(p.transversal)).toEqual([1, 0, 0, 0]);
    expect(Array.from(p.occupationSpecific)).toEqual([0, 1, 0, 0]);
    expect(skillPriors(SKILLS, []).essential.every((x) => x === 0)).toBe(true);
  });

  it('skillPriors() makes broader edges and skill relations symmetric neighbours, ignoring unknown ids and groups', () => {
    const p = skillPriors(SKILLS, [], {
      broader: [
        { childId: 's1', parentId: 's0' },
        { childId: 's2', parentId: 'group-x' },
      ],
      relations: [{ fromId: 's2', toId: 's3', relationType: 'optional' }],
    });
    expect(p.neighbours!.map((n) => Array.from(n))).toEqual([[1], [0], [3], [2]]);
  });
});

describe('feature rows', () => {
  const rows = (values: Partial<Record<(typeof FEATURES)[number], number>>[]) => {
    const f = new Float32Array(values.length * N_FEATURES);
    values.forEach((v, c) => Object.entries(v).forEach(([k, x]) => (f[c * N_FEATURES + F[k as (typeof FEATURES)[number]]] = x!)));
    return f;
  };

  it('putRelative() writes each signal minus its best value over the rows (0 for the best)', () => {
    const f = rows([{ sentence: 0.5, phrase: 0.9, lexical: 0.1 }, { sentence: 0.7, phrase: 0.4, lexical: 0.3 }]);
    putRelative(f, 2);
    expect(+f[F.sentenceRel]!.toFixed(3)).toBe(-0.2);
    expect(f[N_FEATURES + F.sentenceRel]).toBe(0);
    expect(f[F.phraseRel]).toBe(0);
    expect(+f[N_FEATURES + F.phraseRel]!.toFixed(3)).toBe(-0.5);
    expect(+f[F.lexicalRel]!.toFixed(3)).toBe(-0.2);
  });

  it('putNeighbours() takes the best phrase signal among ranked neighbours only', () => {
    const f = rows([{ phrase: 0.2 }, { phrase: 0.8 }, { phrase: 0.6 }]);
    // Ranked skills 0, 1, 3 (rows 0..2); skill 0 neighbours 1 and 2 (2 not ranked), skill 3 has none ranked.
    putNeighbours(f, Int32Array.of(0, 1, 3), [Int32Array.of(1, 2), Int32Array.of(0), Int32Array.of(0), Int32Array.of(2)]);
    expect(f[F.neighbour]).toBeCloseTo(0.8);
    expect(f[N_FEATURES + F.neighbour]).toBeCloseTo(0.2);
    expect(f[2 * N_FEATURES + F.neighbour]).toBe(0);
  });

  it('contentWords() drops stop words and a plural s', () => {
    expect(contentWords('Manage the budgets of projects and teams')).toEqual(['manage', 'budget', 'project']);
    expect(contentWords('process')).toEqual(['process']);
  });
});
