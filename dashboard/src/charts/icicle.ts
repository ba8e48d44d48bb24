import { bindGridKeys, markFocusable } from './focus.ts';
import { gapScale, inkOn } from './palette.ts';
import { checkWidth, clip, createSvg, pct, pp, r, type BaseChartOptions } from './svg.ts';
import { pathTo, type SkillTree, type TreeNode } from './tree.ts';

export interface IcicleOptions extends BaseChartOptions {
  /** Node shown as the full-height first column (zoom). Default: the root. */
  readonly focusId?: string | null;
  /** How many levels are drawn from the focus (the rest is aggregated into them). Default 3. */
  readonly levels?: number;
  readonly width?: number;
  readonly height?: number;
  /** 'demand' sizes by aggregated demand; 'count' by number of skills. Default: demand, or count when no demand is known. */
  readonly sizeBy?: 'demand' | 'count';
  /** Colour domain ±max of gap; default max |gap| over drawn nodes. */
  readonly maxAbsGap?: number;
  /** Nodes thinner than this many px are merged into one "+N more" block per parent. Default 3. */
  readonly minHeight?: number;
  /** Zoom request (Enter/click on a node or a breadcrumb item). */
  readonly onZoom?: (id: string) => void;
  /** Highlighted node (search hit). */
  readonly highlightId?: string | null;
}

interface Block {
  readonly node: TreeNode | null;
  /** For a merged block: the merged nodes. */
  readonly merged: readonly TreeNode[];
  readonly parent: TreeNode | null;
  readonly level: number;
  readonly y0: number;
  readonly y1: number;
  readonly label: string;
  readonly gap: number;
  readonly value: number;
  readonly size: number;
}

const CRUMB_HEIGHT = 28;

/** Zoomable icicle of the skill hierarchy: columns are levels, height is demand, colour is gap. */
export function icicle(tree: SkillTree, options: IcicleOptions = {}): SVGSVGElement {
  const width = checkWidth('width', options.width, 960, 200);
  const height = checkWidth('height', options.height, 520, 120);
  const levels = options.levels ?? 3;
  if (!Number.isInteger(levels) || levels < 1 || levels > 8) throw new RangeError(`invalid levels: ${String(options.levels)}`);
  const focus = (options.focusId && tree.byId.get(options.focusId)) || tree.root;
  const sizeBy = options.sizeBy ?? (focus.value > 0 ? 'demand' : 'count');
  if (sizeBy !== 'demand' && sizeBy !== 'count') throw new RangeError(`invalid sizeBy: ${String(options.sizeBy)}`);
  const minHeight = options.minHeight ?? 3;
  const valueOf = (n: TreeNode): number => (sizeBy === 'demand' ? n.value : n.size);
  const plotHeight = height - CRUMB_HEIGHT;
  // the focus column only needs room for its label; the levels below share the rest
  const firstWidth = levels === 1 ? width : Math.min(width / levels, Math.max(90, width * 0.16));
  const colWidth = levels === 1 ? width : (width - firstWidth) / (levels - 1);
  const colX = (level: number): number => (level === 0 ? 0 : firstWidth + (level - 1) * colWidth);
  const colW = (level: number): number => (level === 0 ? firstWidth : colWidth);

  // layout only the visible part: O(drawn nodes), whatever the size of the tree
  const blocks: Block[] = [];
  const visit = (node: TreeNode, level: number, y0: number, y1: number): void => {
    blocks.push({ node, merged: [], parent: node.parent, level, y0, y1, label: node.label, gap: node.gap, value: node.value, size: node.size });
    if (level + 1 >= levels || node.children.length === 0) return;
    const total = valueOf(node);
    if (total <= 0) return;
    const k = (y1 - y0) / total;
    const kids = [...node.children].sort((a, b) => valueOf(b) - valueOf(a) || a.label.localeCompare(b.label, 'en'));
    let y = y0;
    const small: TreeNode[] = [];
    for (const c of kids) {
      const h = valueOf(c) * k;
      if (h < minHeight) {
        small.push(c);
        continue;
      }
      visit(c, level + 1, y, y + h);
      y += h;
    }
    if (small.length > 0 && y1 - y >= 0.5) {
      const value = small.reduce((s, c) => s + c.value, 0);
      const size = small.reduce((s, c) => s + c.size, 0);
      const weight = small.reduce((s, c) => s + Math.max(valueOf(c), 1e-9), 0);
      const gap = small.reduce((s, c) => s + c.gap * Math.max(valueOf(c), 1e-9), 0) / weight;
      blocks.push({ node: null, merged: small, parent: node, level: level + 1, y0: y, y1, label: `+${small.length} more`, gap, value, size });
    }
  };
  visit(focus, 0, 0, plotHeight);

  const maxAbs = options.maxAbsGap ?? blocks.reduce((m, b) => Math.max(m, Math.abs(b.gap)), 0);
  const colour = gapScale(maxAbs);
  const svg = createSvg(width, height, options, 'icicle', `Skill hierarchy from ${focus.label}: ${levels} levels, height by ${sizeBy}, colour by gap.`);
  svg.attr('data-max-abs-gap', r(maxAbs));

  // breadcrumb
  const crumbs = pathTo(focus);
  const crumbG = svg.append('g').attr('class', 'breadcrumb').attr('transform', 'translate(0,4)');
  let x = 0;
  const maxCrumb = Math.max(8, Math.floor(width / Math.max(1, crumbs.length) / 7.5));
  crumbs.forEach((c, i) => {
    const text = clip(c.label, maxCrumb);
    const w = text.length * 7 + 14;
    const g = crumbG.append('g').attr('class', 'crumb').attr('transform', `translate(${r(x)},0)`).attr('data-id', c.id);
    g.append('rect').attr('width', r(w)).attr('height', 20).attr('rx', 3).attr('fill', i === crumbs.length - 1 ? '#e8eef7' : '#fff').attr('stroke', '#9ab');
    g.append('text').attr('x', 7).attr('y', 14).attr('fill', '#0b5394').text(text);
    g.append('title').text(c.label);
    markFocusable(g.node()!, { row: -1, col: i, label: `Zoom out to ${c.label}` }, false);
    x += w + 4;
  });

  const plot = svg.append('g').attr('class', 'nodes').attr('transform', `translate(0,${CRUMB_HEIGHT})`);
  const rowsByLevel = new Map<number, number>();
  const position = new Map<Block, [number, number]>();
  for (const b of blocks) {
    const row = rowsByLevel.get(b.level) ?? 0;
    rowsByLevel.set(b.level, row + 1);
    position.set(b, [row, b.level]);
  }
  const posOfNode = new Map<TreeNode, [number, number]>();
  for (const [b, p] of position) if (b.node) posOfNode.set(b.node, p);
  const firstChildRow = new Map<string, [number, number]>();
  for (const b of blocks) {
    if (!b.parent) continue;
    const pp0 = posOfNode.get(b.parent);
    if (!pp0) continue;
    const key = `${pp0[0]},${pp0[1]}`;
    if (!firstChildRow.has(key)) firstChildRow.set(key, position.get(b)!);
  }

  for (const b of blocks) {
    const h = b.y1 - b.y0;
    const g = plot.append('g').attr('class', b.node ? 'node' : 'node merged').attr('transform', `translate(${r(colX(b.level))},${r(b.y0)})`);
    if (b.node) g.attr('data-id', b.node.id);
    else if (b.parent) g.attr('data-parent', b.parent.id);
    const fill = colour(b.gap);
    const highlighted = b.node !== null && b.node.id === options.highlightId;
    g.append('rect')
      .attr('width', r(colW(b.level) - 1))
      .attr('height', r(Math.max(0.5, h - 1)))
      .attr('fill', fill)
      .attr('stroke', highlighted ? '#000' : 'none')
      .attr('stroke-width', highlighted ? 3 : null);
    const what = b.node
      ? `${b.label}: ${b.size} skill${b.size === 1 ? '' : 's'}, demand ${pct(b.value)}, gap ${pp(b.gap)}`
      : `${b.label} (${b.merged.slice(0, 5).map((m) => m.label).join(', ')}${b.merged.length > 5 ? ', …' : ''}): ${b.size} skills`;
    g.append('title').text(what);
    if (h >= 14) {
      g.append('text')
        .attr('x', 6)
        .attr('y', r(Math.min(h / 2, 14)))
        .attr('dy', '0.35em')
        .attr('fill', inkOn(fill))
        .attr('pointer-events', 'none')
        .text(clip(b.label, Math.max(4, Math.floor((colW(b.level) - 12) / 6.6))));
    }
    const [row, col] = position.get(b)!;
    const action = !b.node ? '' : b.level === 0 ? (b.node.parent ? '; Enter zooms out' : '') : b.node.children.length ? '; Enter zooms in' : '';
    markFocusable(g.node()!, { row, col, label: what + action }, b.level === 0);
  }

  const root = svg.node()!;
  const zoomTo = (id: string | null | undefined): void => {
    if (id) options.onZoom?.(id);
  };
  const activate = (el: Element): void => {
    if (el.classList.contains('crumb')) return zoomTo(el.getAttribute('data-id'));
    if (el.classList.contains('merged')) {
      const parentId = el.getAttribute('data-parent');
      return zoomTo(parentId === focus.id ? null : parentId);
    }
    const id = el.getAttribute('data-id');
    if (!id) return;
    const node = tree.byId.get(id);
    if (!node) return;
    if (node === focus) return zoomTo(node.parent?.id);
    if (node.children.length) zoomTo(node.id);
  };
  for (const el of root.querySelectorAll('.mark')) el.addEventListener('click', () => activate(el));
  bindGridKeys(root, activate, {
    ArrowLeft: (row, col) => {
      if (row === -1) return [row, col - 1];
      const b = blocks.find((bb) => position.get(bb)![0] === row && position.get(bb)![1] === col);
      const p = b?.parent ? posOfNode.get(b.parent) : undefined;
      return p ?? null;
    },
    ArrowRight: (row, col) => (row === -1 ? [row, col + 1] : firstChildRow.get(`${row},${col}`) ?? null),
  });
  return root;
}
