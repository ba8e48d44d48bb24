import { describe, expect, it } from 'vitest';
import { fitBars } from './fit-bars.ts';
import { heatmap } from './heatmap.ts';
import { icicle } from './icicle.ts';
import { trendLines, topTrends } from './trends.ts';
import { buildTree, pathTo, searchTree, TREE_ROOT_ID, type FlatTreeNode } from './tree.ts';

const n = (id: string, parentId: string | null, demand = 0, gap: number | null = null, isGroup = false): FlatTreeNode => ({ id, label: id, parentId, isGroup, demand, gap });

describe('buildTree', () => {
  it('aggregates value (own + children), size (skills) and a value-weighted gap for groups', () => {
    const t = buildTree([n('g', null, 0, null, true), n('a', 'g', 0.3, 0.1), n('b', 'g', 0.1, -0.3), n('a1', 'a', 0.2, 0.2)]);
    const g = t.byId.get('g')!;
    expect(g.value).toBeCloseTo(0.6);
    expect(g.size).toBe(3);
    expect(t.byId.get('a')!.gap).toBe(0.1);
    expect(g.gap).toBeCloseTo((0.5 * 0.1 + 0.1 * -0.3) / 0.6);
    expect(pathTo(t.byId.get('a1')!).map((x) => x.id)).toEqual([TREE_ROOT_ID, 'g', 'a', 'a1']);
  });

  it('keeps a node listed twice (DAG) under its first parent and hangs unknown parents and cycles under the root', () => {
    const t = buildTree([n('g1', null, 0, 0, true), n('g2', null, 0, 0, true), n('s', 'g1'), n('s', 'g2'), n('o', 'missing'), n('x', 'y'), n('y', 'x')]);
    expect(t.byId.get('s')!.parent!.id).toBe('g1');
    expect(t.byId.get('g2')!.children).toEqual([]);
    expect(t.byId.get('o')!.parent!.id).toBe(TREE_ROOT_ID);
    expect(t.count).toBe(6);
    const x = t.byId.get('x')!;
    const y = t.byId.get('y')!;
    expect(x.parent === t.root || y.parent === t.root).toBe(true);
  });

  it('searchTree ranks prefix matches first, then shorter labels', () => {
    const t = buildTree([n('manage data', null), n('data', null), n('big data analysis', null), n('other', null)]);
    expect(searchTree(t, 'DATA').map((x) => x.id)).toEqual(['data', 'manage data', 'big data analysis']);
    expect(searchTree(t, '  ')).toEqual([]);
  });
});

describe('chart options are checked before drawing', () => {
  const tree = buildTree([n('a', null, 1, 0)]);
  it.each([
    ['heatmap width', () => heatmap([], { width: 10 }), 'invalid width: 10'],
    ['heatmap sort', () => heatmap([], { sort: 'x' as never }), 'invalid sort: x'],
    ['icicle levels', () => icicle(tree, { levels: 0 }), 'invalid levels: 0'],
    ['icicle sizeBy', () => icicle(tree, { sizeBy: 'x' as never }), 'invalid sizeBy: x'],
    ['fitBars width', () => fitBars([], { width: Number.NaN }), 'invalid width: NaN'],
    ['trendLines top', () => trendLines([], { top: 0 }), 'invalid top: 0'],
  ])('%s → RangeError', (_name, fn, message) => {
    expect(fn).toThrow(new RangeError(message));
  });
});

describe('topTrends', () => {
  it('picks the steepest rising and falling, ties by label', () => {
    const s = (id: string, slope: number) => ({ id, label: id, slope, points: [] });
    const { rising, falling } = topTrends([s('b', 0.1), s('a', 0.1), s('c', 0.2), s('d', -0.1), s('e', 0)], 2);
    expect(rising.map((x) => x.id)).toEqual(['c', 'a']);
    expect(falling.map((x) => x.id)).toEqual(['d']);
  });
});
