import { describe, expect, it } from 'vitest';
import { SkillGraph } from './skill-graph.ts';
import type { BroaderEdge, Skill, SkillGroup, TaxonomyData } from './types.ts';

const skill = (id: string, preferredLabel: string, altLabels: string[] = [], hiddenLabels: string[] = []): Skill => ({
  id,
  source: 'custom',
  preferredLabel,
  altLabels,
  hiddenLabels,
  description: '',
  skillType: 'skill/competence',
  reuseLevel: '',
});
const group = (id: string): SkillGroup => ({ id, source: 'custom', code: id, preferredLabel: `group ${id}`, description: '' });
const edge = (childId: string, parentId: string): BroaderEdge => ({ childId, parentId });

/**
 *        P
 *      /   \
 *     G1    G2        s5 (no parents; related to s1)
 *    /  \  /
 *   s1   s2
 *   |     |
 *   s3    |
 *     \   |
 *       s4
 */
function data(overrides: Partial<TaxonomyData> = {}): TaxonomyData {
  return {
    skills: [
      skill('s1', 'Python (computer programming)', ['python'], ['py3']),
      skill('s2', ' Data\u00a0Analysis '),
      skill('s3', 'Django'),
      skill('s4', 'REST APIs', ['Python']),
      skill('s5', 'numpy'),
    ],
    groups: [group('P'), group('G1'), group('G2')],
    broader: [edge('G1', 'P'), edge('G2', 'P'), edge('s1', 'G1'), edge('s2', 'G1'), edge('s2', 'G2'), edge('s3', 's1'), edge('s4', 's3'), edge('s4', 's2')],
    skillRelations: [{ fromId: 's1', toId: 's5', relationType: 'optional' }],
    occupations: [
      { id: 'o2', source: 'custom', code: '2512.2', iscoGroup: '2512', preferredLabel: 'backend developer', altLabels: [], description: '', parentIds: [] },
      { id: 'o1', source: 'custom', code: '2512.1', iscoGroup: '2512', preferredLabel: 'web developer', altLabels: ['Backend Developer'], description: '', parentIds: [] },
    ],
    occupationSkills: [
      { occupationId: 'o1', skillId: 's1', relationType: 'essential', importance: null, level: null },
      { occupationId: 'o1', skillId: 's3', relationType: 'optional', importance: 2.5, level: 3 },
      { occupationId: 'o2', skillId: 's3', relationType: 'essential', importance: null, level: null },
    ],
    crosswalk: [
      { escoOccupationId: 'o1', onetCode: '15-1252.00', confidence: 1, mapped: true },
      { escoOccupationId: 'o1', onetCode: '15-1254.00', confidence: 2, mapped: true },
    ],
    ...overrides,
  };
}

describe('SkillGraph.findSkillsByLabel(label)', () => {
  const graph = SkillGraph.fromData(data());

  it('finds a skill by its alternative and hidden labels, sorted by id', () => {
    expect(graph.findSkillsByLabel('PYTHON')).toEqual(['s1', 's4']);
    expect(graph.findSkillsByLabel('py3')).toEqual(['s1']);
    expect(graph.findSkillsByLabel('python (Computer Programming)')).toEqual(['s1']);
  });

  it('ignores case, non-breaking spaces and padding', () => {
    expect(graph.findSkillsByLabel('data analysis')).toEqual(['s2']);
    expect(graph.findSkillsByLabel('  DATA \u00a0 analysis')).toEqual(['s2']);
    expect(graph.skill('s2')?.preferredLabel).toBe(' Data\u00a0Analysis ');
  });

  it('returns nothing for an unknown label', () => {
    expect(graph.findSkillsByLabel('cobol')).toEqual([]);
  });

  it('finds occupations by preferred and alternative labels, sorted by id', () => {
    expect(graph.findOccupationsByLabel('backend developer')).toEqual(['o1', 'o2']);
  });
});

describe('SkillGraph hierarchy', () => {
  const graph = SkillGraph.fromData(data());

  it('parents(id) and children(id) list every direct neighbour, sorted', () => {
    expect(graph.parents('s4')).toEqual(['s2', 's3']);
    expect(graph.children('G1')).toEqual(['s1', 's2']);
    expect(graph.parents('s5')).toEqual([]);
  });

  it('ancestorDistances(id) follows every parent and keeps the shortest distance', () => {
    expect(Object.fromEntries(graph.ancestorDistances('s4'))).toEqual({ s2: 1, s3: 1, s1: 2, G1: 2, G2: 2, P: 3 });
    expect(graph.ancestors('s4')).toEqual(['s2', 's3', 'G1', 'G2', 's1', 'P']);
  });

  it('descendants(id, maxDepth) lists each descendant once, nearest first', () => {
    expect(graph.descendants('P')).toEqual(['G1', 'G2', 's1', 's2', 's3', 's4']);
    expect(graph.descendants('P', 1)).toEqual(['G1', 'G2']);
    expect(graph.descendants('s4')).toEqual([]);
  });

  it('isNarrowerThan(narrower, broader) holds transitively and only downwards', () => {
    expect(graph.isNarrowerThan('s4', 'P')).toBe(true);
    expect(graph.isNarrowerThan('s4', 'G2')).toBe(true);
    expect(graph.isNarrowerThan('P', 's4')).toBe(false);
    expect(graph.isNarrowerThan('s1', 's2')).toBe(false);
  });

  it('distance(a, b) counts steps through the nearest common ancestor', () => {
    expect(graph.distance('s1', 's1')).toBe(0);
    expect(graph.distance('s3', 's1')).toBe(1);
    expect(graph.distance('s1', 's3')).toBe(1);
    expect(graph.distance('s1', 's2')).toBe(2); // via G1
    expect(graph.distance('s3', 's2')).toBe(3); // s3 → s1 → G1 ← s2
    expect(graph.distance('s4', 'G2')).toBe(2);
    expect(graph.distance('s5', 's1')).toBeNull();
  });

  it('neighbourhood(id, radius) spreads over parents, children and skill relations', () => {
    expect(Object.fromEntries(graph.neighbourhood('s1'))).toEqual({ G1: 1, s3: 1, s5: 1 });
    expect(Object.fromEntries(graph.neighbourhood('s1', 2))).toEqual({ G1: 1, s3: 1, s5: 1, P: 2, s2: 2, s4: 2 });
    expect(Object.fromEntries(graph.neighbourhood('s5'))).toEqual({ s1: 1 });
  });

  it('lists a parent once even when the data repeats an edge', () => {
    const repeated = SkillGraph.fromData(data({ broader: [...data().broader, edge('s4', 's3')] }));
    expect(repeated.parents('s4')).toEqual(['s2', 's3']);
    expect(repeated.children('s3')).toEqual(['s4']);
  });
});

describe('SkillGraph occupations', () => {
  const graph = SkillGraph.fromData(data());

  it('occupationSkills(occupationId) lists its requirements with weights', () => {
    expect(graph.occupationSkills('o1').map((r) => [r.skillId, r.relationType, r.importance])).toEqual([
      ['s1', 'essential', null],
      ['s3', 'optional', 2.5],
    ]);
    expect(graph.occupationSkills('nobody')).toEqual([]);
  });

  it('skillOccupations(skillId) lists the occupations requiring a skill', () => {
    expect(graph.skillOccupations('s3').map((r) => r.occupationId)).toEqual(['o1', 'o2']);
    expect(graph.skillOccupations('s5')).toEqual([]);
  });

  it('onetFor(escoId) ranks crosswalk entries by confidence; escoFor(code) maps back', () => {
    expect(graph.onetFor('o1').map((c) => c.onetCode)).toEqual(['15-1254.00', '15-1252.00']);
    expect(graph.escoFor('15-1252.00').map((c) => c.escoOccupationId)).toEqual(['o1']);
  });

  it('labelOf(id) names skills, groups and occupations, and is empty for unknown ids', () => {
    expect(graph.labelOf('s3')).toBe('Django');
    expect(graph.labelOf('G1')).toBe('group G1');
    expect(graph.labelOf('o2')).toBe('backend developer');
    expect(graph.labelOf('zzz')).toBe('');
    expect(graph.occupationByCodeOf('2512.2')?.id).toBe('o2');
  });
});
