import { describe, expect, it } from 'vitest';
import { createFitScorer } from '../fit/fit-scorer.ts';
import { profile, tinyGraph } from '../fit/test-fixtures.ts';
import type { RoleLike } from '../fit/types.ts';
import { rankRoles } from './rank-roles.ts';

describe('rankRoles', () => {
  it('orders a candidate\'s roles by score, ties by role id, and applies top / minScore', () => {
    const scorer = createFitScorer({ graph: tinyGraph() });
    const role = (id: string, skillId: string): RoleLike => ({ id, requirements: [{ skillId, weight: 1, essential: false }] });
    const roles = [role('r-comm', 'comm'), role('r-py-b', 'py'), role('r-py-a', 'py'), role('r-prog', 'prog')];
    const p = profile('c', [['py', 1]]);
    expect(rankRoles(scorer, p, roles).map((f) => f.roleId)).toEqual(['r-py-a', 'r-py-b', 'r-prog', 'r-comm']);
    expect(rankRoles(scorer, p, roles, { top: 1 }).map((f) => f.roleId)).toEqual(['r-py-a']);
    expect(rankRoles(scorer, p, roles, { minScore: 1 }).map((f) => f.roleId)).toEqual(['r-py-a', 'r-py-b']);
    expect(() => rankRoles(scorer, p, roles, { top: 0 })).toThrow(/invalid top: 0/);
  });
});
