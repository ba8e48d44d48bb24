import { select } from 'd3';
import { bindGridKeys, markFocusable } from './focus.ts';
import { OKABE_ITO } from './palette.ts';
import { checkWidth, clip, createSvg, pct, r, type BaseChartOptions } from './svg.ts';

/** One candidate's fit, as shares of the role's total requirement weight (they sum to ≤ 1). */
export interface FitBar {
  readonly id: string;
  readonly label: string;
  readonly score: number;
  /** Weighted share covered on essential requirements. */
  readonly essential: number;
  /** Weighted share covered on optional requirements. */
  readonly optional: number;
  /** Weighted share not covered. */
  readonly missing: number;
  /** Number of essential requirements not covered (shown after the bar). */
  readonly missingEssentials: number;
}

export interface FitBarsOptions extends BaseChartOptions {
  readonly width?: number;
  readonly barHeight?: number;
  readonly selectedId?: string | null;
  readonly onSelect?: (id: string) => void;
}

export const FIT_SEGMENTS = [
  { key: 'essential', label: 'Essential covered', color: OKABE_ITO[0] },
  { key: 'optional', label: 'Optional covered', color: OKABE_ITO[4] },
  { key: 'missing', label: 'Missing', color: '#E8E8E8' },
] as const;

/** Ranked candidates as stacked bars: essential covered | optional covered | missing. */
export function fitBars(bars: readonly FitBar[], options: FitBarsOptions = {}): SVGSVGElement {
  const width = checkWidth('width', options.width, 640, 240);
  const barHeight = options.barHeight ?? 24;
  const narrow = width < 480;
  const labelWidth = narrow ? 116 : 170;
  const tail = narrow ? 76 : 92;
  const barWidth = width - labelWidth - tail;
  const top = 8;
  const height = top + bars.length * (barHeight + 6) + 4;
  const svg = createSvg(width, height, options, 'fit-bars', `Fit of ${bars.length} candidates: essential covered, optional covered and missing requirement weight.`);
  const rows = svg
    .append('g')
    .attr('transform', `translate(0,${top})`)
    .selectAll<SVGGElement, FitBar>('g')
    .data(bars)
    .join('g')
    .attr('class', 'bar')
    .attr('data-id', (d) => d.id)
    .attr('transform', (_, i) => `translate(0,${i * (barHeight + 6)})`);
  rows
    .append('rect')
    .attr('class', 'focus-ring')
    .attr('x', 0)
    .attr('y', -3)
    .attr('width', width)
    .attr('height', barHeight + 6)
    .attr('fill', (d) => (d.id === options.selectedId ? '#fff3c4' : 'transparent'));
  rows
    .append('text')
    .attr('x', labelWidth - 8)
    .attr('y', r(barHeight / 2))
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .attr('font-weight', (d) => (d.id === options.selectedId ? 700 : null))
    .text((d, i) => `${i + 1}. ${clip(d.label, narrow ? 10 : 22)}`);
  rows.each(function (d) {
    let x = labelWidth;
    const g = select(this);
    for (const seg of FIT_SEGMENTS) {
      const share = Math.max(0, d[seg.key]);
      const w = share * barWidth;
      g.append('rect')
        .attr('class', `seg seg-${seg.key}`)
        .attr('x', r(x))
        .attr('width', r(w))
        .attr('height', barHeight)
        .attr('fill', seg.color)
        .attr('stroke', seg.key === 'missing' ? '#999' : 'none')
        .attr('stroke-dasharray', seg.key === 'missing' ? '3 2' : null);
      x += w;
    }
  });
  rows
    .append('text')
    .attr('x', labelWidth + barWidth + 6)
    .attr('y', r(barHeight / 2))
    .attr('dy', '0.35em')
    .text((d) => `${pct(d.score)}${d.missingEssentials ? ` · ${d.missingEssentials}✗` : ''}`);
  const describe = (d: FitBar, i: number): string =>
    `${i + 1}. ${d.label}: fit ${pct(d.score)}; essential covered ${pct(d.essential)}, optional covered ${pct(d.optional)}, missing ${pct(d.missing)}` +
    (d.missingEssentials ? `; ${d.missingEssentials} essential skill${d.missingEssentials === 1 ? '' : 's'} missing` : '');
  rows.append('title').text(describe);
  const selectedIndex = Math.max(0, bars.findIndex((b) => b.id === options.selectedId));
  rows.each(function (d, i) {
    markFocusable(this, { row: i, col: 0, label: describe(d, i) }, i === selectedIndex);
    this.setAttribute('aria-pressed', String(d.id === options.selectedId));
  });
  rows.style('cursor', 'pointer').on('click', (_, d) => options.onSelect?.(d.id));
  const root = svg.node()!;
  bindGridKeys(root, (el) => {
    const id = el.getAttribute('data-id');
    if (id) options.onSelect?.(id);
  });
  return root;
}
