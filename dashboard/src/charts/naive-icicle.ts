import { hierarchy, partition, select } from 'd3';
import { SVG_NS } from './svg.ts';
import type { SkillTree, TreeNode } from './tree.ts';

/**
 * Benchmark baseline only (bench/dashboard-render.ts): d3.partition over the whole tree, one rect
 * per node, no aggregation. This is what the icicle avoids.
 */
export function naiveIcicle(tree: SkillTree, width: number, height: number): SVGSVGElement {
  const root = hierarchy<TreeNode>(tree.root, (d) => d.children).sum((d) => (d.children.length ? 0 : 1));
  const laid = partition<TreeNode>().size([height, width])(root);
  const el = document.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  const svg = select(el).attr('width', width).attr('height', height);
  svg
    .selectAll('rect')
    .data(laid.descendants())
    .join('rect')
    .attr('x', (d) => d.y0)
    .attr('y', (d) => d.x0)
    .attr('width', (d) => d.y1 - d.y0)
    .attr('height', (d) => d.x1 - d.x0)
    .attr('fill', '#ccc')
    .append('title')
    .text((d) => d.data.label);
  return el;
}
