import { extent, line, scaleLinear, scalePoint } from 'd3';
import { bindGridKeys, markFocusable } from './focus.ts';
import { OKABE_ITO } from './palette.ts';
import { checkWidth, clip, createSvg, pct, r, type BaseChartOptions } from './svg.ts';

export interface TrendSeries {
  readonly id: string;
  readonly label: string;
  readonly points: readonly { readonly month: string; readonly demand: number }[];
  /** Change of demand share per month. */
  readonly slope: number;
}

export interface TrendsOptions extends BaseChartOptions {
  readonly width?: number;
  readonly panelHeight?: number;
  /** How many rising and how many falling skills to draw. Default 5. */
  readonly top?: number;
  readonly onSelect?: (id: string) => void;
  /** Trailing moving average over this many months (1 = raw shares). Default 1. */
  readonly smooth?: number;
}

/** Trailing moving average of the demand share over `k` months (points sorted by month). */
export function smoothPoints(points: readonly { month: string; demand: number }[], k: number): { month: string; demand: number }[] {
  const sorted = [...points].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  return sorted.map((p, i) => {
    const win = sorted.slice(Math.max(0, i - k + 1), i + 1);
    return { month: p.month, demand: win.reduce((s, q) => s + q.demand, 0) / win.length };
  });
}

const DASHES = [null, '6 3', '2 3', '8 3 2 3', '1 2'];

/** Splits trends into the `top` steepest rising and falling, ties by label. */
export function topTrends(series: readonly TrendSeries[], top: number): { rising: TrendSeries[]; falling: TrendSeries[] } {
  const byLabel = (a: TrendSeries, b: TrendSeries): number => a.label.localeCompare(b.label, 'en') || (a.id < b.id ? -1 : 1);
  const rising = series.filter((s) => s.slope > 0).sort((a, b) => b.slope - a.slope || byLabel(a, b)).slice(0, top);
  const falling = series.filter((s) => s.slope < 0).sort((a, b) => a.slope - b.slope || byLabel(a, b)).slice(0, top);
  return { rising, falling };
}

/** Demand share by month for the top rising and top falling skills, two panels. */
export function trendLines(series: readonly TrendSeries[], options: TrendsOptions = {}): SVGSVGElement {
  const width = checkWidth('width', options.width, 960, 260);
  const top = options.top ?? 5;
  if (!Number.isInteger(top) || top < 1) throw new RangeError(`invalid top: ${String(options.top)}`);
  const panelHeight = options.panelHeight ?? 280;
  const stacked = width < 700;
  const panelWidth = stacked ? width : width / 2;
  const height = stacked ? panelHeight * 2 + 12 : panelHeight;
  const smooth = options.smooth ?? 1;
  if (!Number.isInteger(smooth) || smooth < 1) throw new RangeError(`invalid smooth: ${String(options.smooth)}`);
  const picked = topTrends(series, top);
  const smoothed = (s: TrendSeries): TrendSeries => (smooth === 1 ? s : { ...s, points: smoothPoints(s.points, smooth) });
  const rising = picked.rising.map(smoothed);
  const falling = picked.falling.map(smoothed);
  const months = [...new Set(series.flatMap((s) => s.points.map((p) => p.month)))].sort();
  const [, hi] = extent([...rising, ...falling].flatMap((s) => s.points.map((p) => p.demand)));
  const svg = createSvg(width, height, options, 'trends', `Demand trends over ${months.length} months: ${rising.length} rising and ${falling.length} falling skills.`);
  const panels = [
    { key: 'rising', title: 'Rising demand', list: rising, colors: [OKABE_ITO[0], OKABE_ITO[2], OKABE_ITO[4], OKABE_ITO[3], OKABE_ITO[7]] },
    { key: 'falling', title: 'Falling demand', list: falling, colors: [OKABE_ITO[5], OKABE_ITO[1], OKABE_ITO[3], OKABE_ITO[7], OKABE_ITO[2]] },
  ];
  panels.forEach((panel, pi) => {
    const g = svg.append('g').attr('class', `panel panel-${panel.key}`).attr('transform', stacked ? `translate(0,${pi * (panelHeight + 12)})` : `translate(${pi * panelWidth},0)`);
    const m = { top: 26, right: stacked ? 112 : 140, bottom: 30, left: 42 };
    const x = scalePoint<string>().domain(months).range([m.left, panelWidth - m.right]);
    const y = scaleLinear().domain([0, Math.max(0.01, hi ?? 0)]).nice(4).range([panelHeight - m.bottom, m.top]);
    g.append('text').attr('x', m.left).attr('y', 16).attr('font-weight', 600).text(panel.title);
    const axes = g.append('g').attr('class', 'axes').attr('fill', '#555').attr('font-size', 10);
    for (const t of y.ticks(4)) {
      axes.append('line').attr('x1', m.left).attr('x2', panelWidth - m.right).attr('y1', r(y(t))).attr('y2', r(y(t))).attr('stroke', '#ddd');
      axes.append('text').attr('x', m.left - 6).attr('y', r(y(t))).attr('dy', '0.35em').attr('text-anchor', 'end').text(pct(t));
    }
    const every = Math.max(1, Math.ceil(months.length / Math.max(2, Math.floor((panelWidth - m.left - m.right) / 56))));
    months.forEach((mo, i) => {
      if (i % every === 0) axes.append('text').attr('x', r(x(mo) ?? 0)).attr('y', panelHeight - m.bottom + 16).attr('text-anchor', 'middle').text(mo);
    });
    if (panel.list.length === 0) {
      g.append('text').attr('x', m.left + 8).attr('y', m.top + 24).attr('fill', '#666').text(`No ${panel.key} skills in this window`);
      return;
    }
    const path = line<{ month: string; demand: number }>().x((d) => r(x(d.month) ?? 0)).y((d) => r(y(d.demand)));
    // end labels, pushed apart to avoid overlap
    const ends = panel.list.map((s, i) => ({ s, i, y: y(s.points.at(-1)?.demand ?? 0) })).sort((a, b) => a.y - b.y);
    for (let k = 1; k < ends.length; k++) if (ends[k]!.y - ends[k - 1]!.y < 12) ends[k]!.y = ends[k - 1]!.y + 12;
    // keep the labels above the axis: shift the stack up when it runs past the bottom
    const bottom = panelHeight - m.bottom - 2;
    const over = (ends.at(-1)?.y ?? 0) - bottom;
    if (over > 0) for (const e of ends) e.y -= over;
    for (let k = ends.length - 2; k >= 0; k--) if (ends[k + 1]!.y - ends[k]!.y < 12) ends[k]!.y = ends[k + 1]!.y - 12;
    const labelY = new Map(ends.map((e) => [e.i, e.y]));
    panel.list.forEach((s, i) => {
      const color = panel.colors[i % panel.colors.length]!;
      const sg = g.append('g').attr('class', 'trend').attr('data-id', s.id);
      const pts = [...s.points].sort((a, b) => (a.month < b.month ? -1 : 1));
      sg.append('path').attr('d', path(pts)).attr('fill', 'none').attr('stroke', color).attr('stroke-width', 2).attr('stroke-dasharray', DASHES[i % DASHES.length] ?? null);
      sg.selectAll('circle').data(pts).join('circle').attr('cx', (d) => r(x(d.month) ?? 0)).attr('cy', (d) => r(y(d.demand))).attr('r', 2.5).attr('fill', color);
      const last = pts.at(-1);
      sg.append('text').attr('x', r((x(last?.month ?? '') ?? 0) + 6)).attr('y', r(labelY.get(i) ?? 0)).attr('dy', '0.35em').attr('font-size', 11).attr('fill', color === OKABE_ITO[7] ? '#000' : color).text(clip(s.label, stacked ? 16 : 20));
      const label = `${s.label}: demand ${pct(pts[0]?.demand ?? 0)} in ${pts[0]?.month ?? '?'} to ${pct(last?.demand ?? 0)} in ${last?.month ?? '?'}; ${s.slope >= 0 ? '+' : '−'}${Math.abs(Math.round(s.slope * 1000) / 10)} pp per month`;
      sg.append('title').text(label);
      markFocusable(sg.node()!, { row: pi * 100 + i, col: 0, label }, pi === 0 && i === 0);
    });
  });
  const root = svg.node()!;
  const activate = (el: Element): void => {
    const id = el.getAttribute('data-id');
    if (id) options.onSelect?.(id);
  };
  for (const el of root.querySelectorAll('.mark')) el.addEventListener('click', () => activate(el));
  bindGridKeys(root, activate, {
    ArrowDown: (row, col) => (root.querySelector(`.mark[data-row="${row + 1}"]`) ? [row + 1, col] : row < 100 ? [100, col] : null),
    ArrowUp: (row, col) => (row === 100 ? [Math.max(0, rising.length - 1), col] : [row - 1, col]),
  });
  return root;
}
