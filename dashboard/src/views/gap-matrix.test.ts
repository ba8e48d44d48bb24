import { describe, expect, it } from 'vitest';
import type { GapSkillCell, RoleProfile } from '../data/model.ts';
import { buildTree, type FlatTreeNode } from '../charts/tree.ts';
import { gapMatrix, topRows } from './gap-matrix.ts';
import { toFitBar, withGaps } from './shape.ts';

const node = (id: string, parentId: string | null, isGroup: boolean): FlatTreeNode => ({ id, label: id, parentId, isGroup, demand: 0, gap: null });
const cell = (skillId: string, supply: number | null, suppressed = false): GapSkillCell => ({ skillId, label: skillId, demand: 0.5, supply, verifiedSupply: supply, gap: supply === null ? null : 0.5 - supply, suppressed });

const tree = buildTree([
  node('P', null, true),
  ...['G1', 'G2', 'G3', 'G4', 'G5'].map((g) => node(g, 'P', true)),
  node('s1', 'G1', false),
  node('s1n', 's1', false),
  node('s2', 'G2', false),
  node('s3', 'G3', false),
]);

describe('gapMatrix', () => {
  const role: RoleProfile = { id: 'r', title: 'Role', requirements: [
    { skillId: 's1n', weight: 2, essential: true },
    { skillId: 's2', weight: 1, essential: false },
    { skillId: 's3', weight: 1, essential: false },
  ] };
  it('topRows skips levels with fewer than 5 groups', () => {
    expect(topRows(tree).map((r) => r.id)).toEqual(['G1', 'G2', 'G3', 'G4', 'G5']);
  });

  it('demand = share of the role weight under the row; supply = weights × cohort supply; suppressed when no supply is known', () => {
    const cells = gapMatrix(tree, [role], [cell('s1n', 0.25), cell('s3', null, true)], topRows(tree));
    const by = new Map(cells.map((c) => [c.rowId, c]));
    expect(by.get('G1')).toMatchObject({ demand: 0.5, supply: 0.125, gap: 0.375, suppressed: false });
    // s2 has no gaps cell: counted with supply 0
    expect(by.get('G2')).toMatchObject({ demand: 0.25, supply: 0, gap: 0.25 });
    expect(by.get('G3')).toMatchObject({ demand: 0.25, supply: null, gap: null, suppressed: true });
    expect(by.get('G4')).toMatchObject({ demand: 0, gap: 0, suppressed: false });
  });
});

describe('shape', () => {
  it('withGaps puts demand and gap on the skills the gaps cells name, nulls the gap of suppressed ones', () => {
    const out = withGaps([node('G1', null, true), node('s1', 'G1', false), node('s2', 'G1', false)], [cell('s1', 0.1), cell('s2', null, true)]);
    expect(out[0]).toMatchObject({ demand: 0, gap: null });
    expect(out[1]).toMatchObject({ demand: 0.5, gap: 0.4 });
    expect(out[2]).toMatchObject({ demand: 0.5, gap: null });
  });

  it('toFitBar: missing = 1 − essential − optional, never negative', () => {
    const bar = toFitBar({ candidate: { id: 'c', name: 'C' }, fit: 0.7, score: 0.5, essentialCovered: 0.5, optionalCovered: 0.2, missingEssentials: [{ id: 'x', label: 'x' }], requirements: [] });
    expect(bar.missing).toBeCloseTo(0.3);
    expect(bar.missingEssentials).toBe(1);
  });
});
