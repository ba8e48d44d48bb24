import { describe, expect, it } from 'vitest';
import { SkillGraph } from '../../taxonomy/model/skill-graph.ts';
import type { JobPosting, SkillLink } from '../../taxonomy/model/types.ts';
import { FitErrorCode } from '../fit/errors.ts';
import { skill } from '../fit/test-fixtures.ts';
import { requirementsFromOccupation } from './from-occupation.ts';
import { requirementsFromPosting } from './from-posting.ts';
import { requirementsFromPostingAndOccupation } from './role-profile.ts';

const link = (skillId: string, confidence: number, source: string): SkillLink => ({ skillId, confidence, provenance: { kind: 'text', source, span: null } });

const posting = (skills: SkillLink[], occupationId: string | null = null): JobPosting => ({
  id: 'p1',
  title: 'Data engineer',
  description: '',
  organisationId: 'acme',
  datePosted: '2026-01-01',
  occupationId,
  location: '',
  skills,
});

const graph = SkillGraph.fromData({
  skills: ['py', 'sql', 'comm', 'onet:2.A.2.a', 'onet:2.B.1.a'].map((id) => skill(id)),
  groups: [],
  broader: [],
  skillRelations: [],
  occupations: [
    { id: 'esco:dev', source: 'esco', code: '2512.4', iscoGroup: '2512', preferredLabel: 'software developer', altLabels: [], description: '', parentIds: [] },
    { id: 'onet:15-1252.00', source: 'onet', code: '15-1252.00', iscoGroup: '', preferredLabel: 'Software Developers', altLabels: [], description: '', parentIds: [] },
  ],
  occupationSkills: [
    { occupationId: 'esco:dev', skillId: 'py', relationType: 'essential', importance: null, level: null },
    { occupationId: 'esco:dev', skillId: 'comm', relationType: 'optional', importance: null, level: null },
    { occupationId: 'onet:15-1252.00', skillId: 'onet:2.A.2.a', relationType: 'essential', importance: 4, level: 4.5 },
    { occupationId: 'onet:15-1252.00', skillId: 'onet:2.B.1.a', relationType: 'optional', importance: 2.5, level: 3 },
  ],
  crosswalk: [{ escoOccupationId: 'esco:dev', onetCode: '15-1252.00', confidence: 2, mapped: true }],
});

describe('requirementsFromPosting', () => {
  it('weights by link confidence and marks required / confident skills essential, "nice to have" optional', () => {
    const p = requirementsFromPosting(
      posting([
        link('py', 0.6, 'Python is required.'),
        link('sql', 0.95, 'SQL would be nice to have.'),
        link('comm', 0.85, 'Good communication.'),
        link('py', 0.4, 'More Python.'),
      ]),
    );
    expect(p.requirements.map((r) => [r.skillId, r.weight, r.essential])).toEqual([
      ['sql', 0.95, false],
      ['comm', 0.85, true],
      ['py', 0.6, true],
    ]);
  });

  it('drops links below minConfidence', () => {
    expect(requirementsFromPosting(posting([link('py', 0.2, 'x')])).requirements).toEqual([]);
  });
});

describe('requirementsFromOccupation', () => {
  it('uses ESCO essential/optional; O*NET importance joins through the crosswalk only when asked, as optional', () => {
    const p = requirementsFromOccupation(graph, '2512.4', { useOnet: true });
    expect(p.requirements.map((r) => [r.skillId, r.weight, r.essential, r.origins.join()])).toEqual([
      ['py', 1, true, 'esco'],
      ['onet:2.A.2.a', 0.8, false, 'onet'],
      ['comm', 0.5, false, 'esco'],
    ]);
    expect(requirementsFromOccupation(graph, 'esco:dev').requirements).toHaveLength(2);
  });

  it('throws a coded error for an unknown occupation', () => {
    expect(() => requirementsFromOccupation(graph, 'nope')).toThrow(expect.objectContaining({ code: FitErrorCode.UnknownOccupation }));
  });

  it('merges a posting with its occupation (max weight, essential if either says so)', () => {
    const p = requirementsFromPostingAndOccupation(graph, posting([link('comm', 0.9, 'Communication is a must.')], 'esco:dev'));
    expect(p.requirements.find((r) => r.skillId === 'comm')).toMatchObject({ weight: 0.9, essential: true, origins: ['esco', 'posting'] });
    expect(p.requirements.map((r) => r.skillId)).toContain('py');
  });
});
