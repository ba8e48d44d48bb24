/**
 * Issue 20: credentials compared — cost (x) against the share of demand their skills cover (y).
 * Credibility is a shape with a text legend (never colour alone). Free credentials sit on x = 0
 * (tick labelled "free"); credentials of unknown cost sit in a separate strip on the right labelled
 * "cost unknown", so a missing price is never drawn as $0.
 */
import { max, scaleLinear, symbol, symbolCircle, symbolStar, symbolTriangle, type SymbolType } from 'd3';
import { bindGridKeys, markFocusable } from './focus.ts';
import { OKABE_ITO } from './palette.ts';
import { checkWidth, clip, createSvg, pct, r, type BaseChartOptions } from './svg.ts';

export type Credibility = 'VERIFIED_RECOGNISED' | 'VERIFIED' | 'UNVERIFIED';

export interface ScatterPoint {
  readonly id: string;
  readonly name: string;
  /** USD; null when unknown. */
  readonly cost: number | null;
  readonly hours: number | null;
  readonly free: boolean;
  /** Share of demand covered, in [0, 1]. */
  readonly value: number;
  readonly credibility: Credibility;
}

export interface ScatterOptions extends BaseChartOptions {
  readonly width?: number;
  readonly height?: number;
  readonly selectedId?: string | null;
  /** Names shown next to the best-covering points (default 3). */
  readonly labelTop?: number;
  readonly onSelect?: (id: string) => void;
}

/** Shape, fill and wording per credibility level; the wording is the same as the table's. */
export const CREDIBILITY_STYLE: Record<Credibility, { readonly shape: SymbolType; readonly color: string; readonly hollow: boolean; readonly text: string; readonly short: string }> = {
  VERIFIED_RECOGNISED: { shape: symbolStar, color: OKABE_ITO[0], hollow: false, text: 'Verified issuer, recognition stated', short: 'verified + recognised' },
  VERIFIED: { shape: symbolCircle, color: OKABE_ITO[2], hollow: false, text: 'Verified issuer', short: 'verified' },
  UNVERIFIED: { shape: symbolTriangle, color: OKABE_ITO[5], hollow: true, text: 'Issuer not verified', short: 'not verified' },
};

export const CREDIBILITY_ORDER: readonly Credibility[] = ['VERIFIED_RECOGNISED', 'VERIFIED', 'UNVERIFIED'];

export const money = (v: number): string => `$${Math.round(v).toLocaleString('en-US')}`;

/** The marker path of a level (also used by the table's icons). */
export function credibilityMarker(level: Credibility, size = 80): string {
  return symbol().type(CREDIBILITY_STYLE[level].shape).size(size)() ?? '';
}

/** The words a point is read out with (its aria-label and tooltip). */
export function pointLabel(p: ScatterPoint): string {
  const cost = p.free ? 'free' : p.cost === null ? 'cost unknown' : money(p.cost);
  const hours = p.hours === null ? 'hours unknown' : `${Math.round(p.hours)} h`;
  return `${p.name}: covers ${pct(p.value)} of demand; ${cost}; ${hours}; ${CREDIBILITY_STYLE[p.credibility].text.toLowerCase()}`;
}

const STRIP = 84;

export function credentialScatter(points: readonly ScatterPoint[], options: ScatterOptions = {}): SVGSVGElement {
  const width = checkWidth('width', options.width, 900, 260);
  const narrow = width < 560;
  const legendRows = narrow ? 3 : 1;
  const height = options.height ?? (narrow ? 340 : 380);
  const m = { top: 22 + legendRows * 18, right: 14, bottom: 44, left: 46 };
  const svg = createSvg(width, height, options, 'credential-scatter', `Credentials compared: cost against share of demand covered, ${points.length} credentials; shape shows credibility.`);

  // legend: shape + words
  const lg = svg.append('g').attr('class', 'legend');
  CREDIBILITY_ORDER.forEach((level, i) => {
    const s = CREDIBILITY_STYLE[level];
    const x = narrow ? 8 : 8 + i * 240;
    const y = narrow ? 12 + i * 18 : 12;
    const item = lg.append('g').attr('class', `legend-item legend-${level.toLowerCase()}`).attr('transform', `translate(${x},${y})`);
    item.append('path').attr('d', credibilityMarker(level, 60)).attr('transform', 'translate(6,0)').attr('fill', s.hollow ? '#fff' : s.color).attr('stroke', s.hollow ? s.color : '#fff').attr('stroke-width', s.hollow ? 1.8 : 1);
    item.append('text').attr('x', 18).attr('dy', '0.35em').attr('font-size', 11).text(s.text);
  });

  const known = points.filter((p) => p.free || p.cost !== null);
  const unknown = points.filter((p) => !p.free && p.cost === null);
  const GAP = 24;
  const plotRight = width - m.right - (unknown.length ? STRIP + GAP : 0);
  const maxCost = Math.max(100, max(known, (p) => (p.free ? 0 : (p.cost ?? 0))) ?? 0);
  const x = scaleLinear().domain([0, maxCost]).nice(narrow ? 4 : 6).range([m.left + 8, plotRight]);
  const maxValue = Math.max(0.05, max(points, (p) => p.value) ?? 0);
  const y = scaleLinear().domain([0, maxValue]).nice(5).range([height - m.bottom, m.top]);

  const axes = svg.append('g').attr('class', 'axes').attr('stroke', '#ccc').attr('fill', '#555');
  for (const t of y.ticks(5)) {
    axes.append('line').attr('x1', m.left).attr('x2', width - m.right).attr('y1', r(y(t))).attr('y2', r(y(t))).attr('stroke-dasharray', t === 0 ? null : '2 3');
    axes.append('text').attr('x', m.left - 6).attr('y', r(y(t))).attr('dy', '0.35em').attr('text-anchor', 'end').attr('stroke', 'none').attr('font-size', 10).text(pct(t));
  }
  for (const t of x.ticks(narrow ? 4 : 6)) {
    axes.append('line').attr('x1', r(x(t))).attr('x2', r(x(t))).attr('y1', height - m.bottom).attr('y2', height - m.bottom + 4);
    axes.append('text').attr('x', r(x(t))).attr('y', height - m.bottom + 16).attr('text-anchor', 'middle').attr('stroke', 'none').attr('font-size', 10).text(t === 0 ? 'free' : money(t));
  }
  svg.append('text').attr('class', 'axis-title').attr('x', r((m.left + plotRight) / 2)).attr('y', height - 6).attr('text-anchor', 'middle').attr('font-size', 11).text('Cost (USD)');
  svg.append('text').attr('class', 'axis-title').attr('transform', `translate(12,${r((m.top + height - m.bottom) / 2)}) rotate(-90)`).attr('text-anchor', 'middle').attr('font-size', 11).text('Demand covered');
  if (unknown.length) {
    const sx = plotRight + GAP;
    svg.append('rect').attr('class', 'unknown-strip').attr('x', sx).attr('y', m.top).attr('width', STRIP).attr('height', height - m.bottom - m.top).attr('fill', '#f3f4f6').attr('stroke', '#ccc').attr('stroke-dasharray', '3 3');
    svg.append('text').attr('x', r(sx + STRIP / 2)).attr('y', height - m.bottom + 16).attr('text-anchor', 'middle').attr('font-size', 10).attr('fill', '#555').text('cost unknown');
  }

  // positions: unknown-cost points spread over the strip's width in a fixed pattern (deterministic)
  const placed: { p: ScatterPoint; px: number; py: number }[] = points.map((p) => {
    if (!p.free && p.cost === null) {
      const i = unknown.indexOf(p);
      return { p, px: plotRight + GAP + ((i % 5) + 0.5) * (STRIP / 5), py: y(p.value) };
    }
    return { p, px: x(p.free ? 0 : (p.cost ?? 0)), py: y(p.value) };
  });
  // points at the same spot (e.g. an accredited credential and an unverifiable copy at the same price and
  // value) are set side by side, 9 px apart, so neither shape hides the other
  const spots = new Map<string, typeof placed>();
  for (const q of placed) {
    const key = `${Math.round(q.px)},${Math.round(q.py)}`;
    spots.set(key, [...(spots.get(key) ?? []), q]);
  }
  for (const group of spots.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => a.p.id.localeCompare(b.p.id));
    group.forEach((q, k) => (q.px += (k - (group.length - 1) / 2) * 9));
  }
  const order = [...placed].sort((a, b) => a.px - b.px || b.py - a.py || a.p.id.localeCompare(b.p.id));
  const labelled = new Set([...points].sort((a, b) => b.value - a.value || a.id.localeCompare(b.id)).slice(0, options.labelTop ?? 3).map((p) => p.id));

  const g = svg.append('g').attr('class', 'points');
  order.forEach(({ p, px, py }, i) => {
    const s = CREDIBILITY_STYLE[p.credibility];
    const selected = p.id === options.selectedId;
    const pg = g.append('g').attr('class', `point level-${p.credibility.toLowerCase()}${selected ? ' selected' : ''}`).attr('transform', `translate(${r(px)},${r(py)})`).attr('data-id', p.id);
    if (selected) pg.append('circle').attr('class', 'ring').attr('r', 11).attr('fill', 'none').attr('stroke', '#000').attr('stroke-width', 1.5);
    pg.append('path').attr('d', credibilityMarker(p.credibility)).attr('fill', s.hollow ? '#fff' : s.color).attr('fill-opacity', s.hollow ? 0.9 : 0.85).attr('stroke', s.hollow ? s.color : '#fff').attr('stroke-width', s.hollow ? 2 : 1);
    const label = pointLabel(p);
    pg.append('title').text(label);
    if (labelled.has(p.id)) {
      const left = px > plotRight - 120;
      pg.append('text').attr('class', 'point-label').attr('x', left ? -9 : 9).attr('y', -8).attr('text-anchor', left ? 'end' : 'start').attr('font-size', 10).text(clip(p.name, narrow ? 18 : 28));
    }
    markFocusable(pg.node()!, { row: 0, col: i, label }, i === 0);
  });

  const root = svg.node()!;
  const activate = (el: Element): void => {
    const id = el.getAttribute('data-id');
    if (id) options.onSelect?.(id);
  };
  for (const el of root.querySelectorAll('.point.mark')) el.addEventListener('click', () => activate(el));
  // Left/Right (and Up/Down) step through the points in cost order; Home/End jump to the ends
  bindGridKeys(root, activate, { ArrowUp: (row, col) => [row, col + 1], ArrowDown: (row, col) => [row, col - 1], End: (row) => [row, order.length - 1] });
  return root;
}
