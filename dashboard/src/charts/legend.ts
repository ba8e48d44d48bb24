import { range } from 'd3';
import { gapScale } from './palette.ts';
import { checkWidth, createSvg, pp, r, type BaseChartOptions } from './svg.ts';

export interface Swatch {
  readonly label: string;
  readonly color: string;
  /** Dash pattern of a line swatch (lines are drawn instead of boxes when set, or when `line` is true). */
  readonly dash?: string | null;
  readonly line?: boolean;
  /** Hatched box (suppressed cells). */
  readonly hatched?: boolean;
}

export type LegendData =
  | { readonly kind: 'gap'; readonly maxAbsGap: number; readonly label?: string }
  | { readonly kind: 'swatches'; readonly items: readonly Swatch[] };

export interface LegendOptions extends BaseChartOptions {
  readonly width?: number;
}

/** A gap colour ramp (shortage ↔ surplus) or a row of categorical swatches. */
export function legend(data: LegendData, options: LegendOptions = {}): SVGSVGElement {
  const width = checkWidth('width', options.width, 360, 120);
  if (data.kind === 'gap') {
    const height = 46;
    const svg = createSvg(width, height, { title: 'Gap colour legend', ...options }, 'legend', 'Brown: demand exceeds supply (shortage); teal: supply exceeds demand.');
    const m = data.maxAbsGap > 0 ? data.maxAbsGap : 1;
    const colour = gapScale(m);
    const x0 = 8;
    const w = width - 16;
    const steps = 32;
    const g = svg.append('g').attr('transform', 'translate(0,16)');
    g.selectAll('rect')
      .data(range(steps))
      .join('rect')
      .attr('x', (i) => r(x0 + (i * w) / steps))
      .attr('width', r(w / steps + 0.5))
      .attr('height', 12)
      .attr('fill', (i) => colour(-m + ((i + 0.5) * 2 * m) / steps));
    svg.append('text').attr('x', x0).attr('y', 11).attr('font-size', 11).text(data.label ?? 'Gap = demand − supply');
    const ticks: [number, string, string][] = [
      [x0, 'start', `${pp(-m)} surplus`],
      [x0 + w / 2, 'middle', 'balanced'],
      [x0 + w, 'end', `${pp(m)} shortage`],
    ];
    for (const [x, anchor, text] of ticks) svg.append('text').attr('x', r(x)).attr('y', 42).attr('font-size', 10).attr('text-anchor', anchor).text(text);
    return svg.node()!;
  }
  if (data.kind !== 'swatches') throw new RangeError(`invalid kind: ${String((data as { kind: unknown }).kind)}`);
  // flow swatches into rows
  const items = data.items.map((it) => ({ it, w: 26 + it.label.length * 6.6 + 14 }));
  let x = 4;
  let y = 4;
  const placed: { it: Swatch; x: number; y: number }[] = [];
  for (const { it, w } of items) {
    if (x + w > width && x > 4) {
      x = 4;
      y += 20;
    }
    placed.push({ it, x, y });
    x += w;
  }
  const height = y + 22;
  const svg = createSvg(width, height, { title: 'Legend', ...options }, 'legend', data.items.map((i) => i.label).join(', '));
  if (data.items.some((i) => i.hatched)) {
    const hatch = svg.append('defs').append('pattern').attr('id', 'legend-hatch').attr('width', 6).attr('height', 6).attr('patternUnits', 'userSpaceOnUse').attr('patternTransform', 'rotate(45)');
    hatch.append('rect').attr('width', 6).attr('height', 6).attr('fill', '#eee');
    hatch.append('line').attr('x1', 0).attr('y1', 0).attr('x2', 0).attr('y2', 6).attr('stroke', '#999').attr('stroke-width', 2);
  }
  for (const { it, x: px, y: py } of placed) {
    const g = svg.append('g').attr('transform', `translate(${r(px)},${py})`);
    if (it.line || it.dash) g.append('line').attr('x1', 0).attr('x2', 20).attr('y1', 7).attr('y2', 7).attr('stroke', it.color).attr('stroke-width', 2.5).attr('stroke-dasharray', it.dash ?? null);
    else g.append('rect').attr('width', 20).attr('height', 14).attr('fill', it.hatched ? 'url(#legend-hatch)' : it.color).attr('stroke', '#999').attr('stroke-width', 0.5);
    g.append('text').attr('x', 26).attr('y', 11).attr('font-size', 11).text(it.label);
  }
  return svg.node()!;
}
