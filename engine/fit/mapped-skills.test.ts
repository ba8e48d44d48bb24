import { describe, expect, it } from 'vitest';
import { SkillGraph } from '../../taxonomy/model/skill-graph.ts';
import { createFitScorer } from './fit-scorer.ts';
import { profile, skill, tinyGraph } from './test-fixtures.ts';

// Issue 15: O*NET requirements were never covered by ESCO evidence (every fit 0.000).
describe('fit with cross-taxonomy skill mappings', () => {
  const base = tinyGraph().data;
  const graph = SkillGraph.fromData({
    ...base,
    skills: [...base.skills, { ...skill('onet:2.B.3.e', 'Programming'), source: 'onet' }],
    skillMappings: [{ fromSkillId: 'onet:2.B.3.e', toSkillId: 'prog', confidence: 0.8, method: 'both' }],
  });
  const role = { id: 'r', requirements: [{ skillId: 'onet:2.B.3.e', weight: 1, essential: true }] };

  it('covers an O*NET requirement by the mapped ESCO skill at the mapping confidence, and by narrower skills with taxonomy credit', () => {
    const scorer = createFitScorer({ graph });
    const direct = scorer.score(role, profile('a', [['prog', 1]]));
    expect(direct.fit).toBeCloseTo(0.8, 6);
    expect(direct.requirements[0]!.best).toMatchObject({ kind: 'mapped', heldSkillId: 'prog' });
    const narrower = scorer.score(role, profile('b', [['py', 1]]));
    expect(narrower.fit).toBeCloseTo(0.8 * 0.9, 6);
    const twoDown = scorer.score(role, profile('c', [['django', 1]]));
    expect(twoDown.fit).toBeCloseTo(0.8 * 0.9 * 0.7, 6);
    expect(scorer.score(role, profile('d', [['comm', 1]])).fit).toBe(0);
  });

  it('scales the credit with mappedScale and ignores mappings when there are none', () => {
    expect(createFitScorer({ graph, mappedScale: 0.5 }).score(role, profile('a', [['prog', 1]])).fit).toBeCloseTo(0.4, 6);
    const without = SkillGraph.fromData({ ...graph.data, skillMappings: [] });
    expect(createFitScorer({ graph: without }).score(role, profile('a', [['prog', 1]])).fit).toBe(0);
  });
});
