import { line, max, scaleLinear, symbol, symbolCircle, symbolDiamond, symbolSquare, symbolTriangle, type ScaleLinear } from 'd3';
import { bindGridKeys, markFocusable } from './focus.ts';
import { OKABE_ITO } from './palette.ts';
import { checkWidth, createSvg, pct, r, type BaseChartOptions, type Svg } from './svg.ts';

export interface PathwayPoint {
  readonly id: string;
  readonly name: string;
  /** Fit after this step, in [0, 1]. */
  readonly fit: number;
  readonly cost: number;
  readonly hours: number;
}

export interface PathwaySeries {
  readonly key: string;
  readonly label: string;
  readonly steps: readonly PathwayPoint[];
}

export interface PathwayData {
  readonly fitBefore: number;
  /** First series is the recommended pathway; the others are alternatives. */
  readonly series: readonly PathwaySeries[];
  readonly budget?: number | null;
  readonly hoursBudget?: number | null;
}

export interface PathwayOptions extends BaseChartOptions {
  readonly width?: number;
  /** Height of one panel, default 260. */
  readonly panelHeight?: number;
  readonly onSelect?: (seriesKey: string, stepIndex: number) => void;
}

export const PATHWAY_STYLES = [
  { color: OKABE_ITO[0], dash: null, shape: symbolCircle },
  { color: OKABE_ITO[1], dash: '6 3', shape: symbolSquare },
  { color: OKABE_ITO[2], dash: '2 3', shape: symbolTriangle },
  { color: OKABE_ITO[3], dash: '8 3 2 3', shape: symbolDiamond },
] as const;

const money = (v: number): string => `$${Math.round(v).toLocaleString('en-US')}`;
const hrs = (v: number): string => `${Math.round(v)} h`;

interface Panel {
  readonly axis: 'cost' | 'hours';
  readonly title: string;
  readonly format: (v: number) => string;
  readonly limit: number | null;
}

/** Fit against cumulative cost and against cumulative hours, one line per pathway (recommended + alternatives). */
export function pathwayChart(data: PathwayData, options: PathwayOptions = {}): SVGSVGElement {
  const width = checkWidth('width', options.width, 900, 260);
  const panelHeight = options.panelHeight ?? 260;
  const stacked = width < 620;
  const panelWidth = stacked ? width : width / 2;
  const height = stacked ? panelHeight * 2 + 16 : panelHeight;
  const svg = createSvg(width, height, options, 'pathway', `Learner pathway: fit after each credential against cumulative cost and hours, ${data.series.length} pathways.`);
  const panels: Panel[] = [
    { axis: 'cost', title: 'Fit vs cumulative cost', format: money, limit: data.budget ?? null },
    { axis: 'hours', title: 'Fit vs cumulative hours', format: hrs, limit: data.hoursBudget ?? null },
  ];
  panels.forEach((panel, pi) => {
    const g = svg.append('g').attr('class', `panel panel-${panel.axis}`).attr('transform', stacked ? `translate(0,${pi * (panelHeight + 16)})` : `translate(${pi * panelWidth},0)`);
    drawPanel(g as unknown as Svg, data, panel, panelWidth, panelHeight, pi);
  });
  const root = svg.node()!;
  const activate = (el: Element): void => {
    const key = el.getAttribute('data-series');
    const step = Number(el.getAttribute('data-step'));
    if (key) options.onSelect?.(key, step);
  };
  for (const el of root.querySelectorAll('.mark')) el.addEventListener('click', () => activate(el));
  bindGridKeys(root, activate);
  return root;
}

function drawPanel(g: Svg, data: PathwayData, panel: Panel, w: number, h: number, panelIndex: number): void {
  const m = { top: 26, right: 16, bottom: 36, left: 44 };
  const maxX = Math.max(1, panel.limit ?? 0, max(data.series, (s) => max(s.steps, (p) => p[panel.axis])) ?? 0);
  const x: ScaleLinear<number, number> = scaleLinear().domain([0, maxX]).nice(5).range([m.left, w - m.right]);
  const y = scaleLinear().domain([0, 1]).range([h - m.bottom, m.top]);
  g.append('text').attr('x', m.left).attr('y', 16).attr('font-weight', 600).text(panel.title);
  const axes = g.append('g').attr('class', 'axes').attr('stroke', '#ccc').attr('fill', '#555');
  for (const t of y.ticks(5)) {
    axes.append('line').attr('x1', m.left).attr('x2', w - m.right).attr('y1', r(y(t))).attr('y2', r(y(t))).attr('stroke-dasharray', t === 0 ? null : '2 3');
    axes.append('text').attr('x', m.left - 6).attr('y', r(y(t))).attr('dy', '0.35em').attr('text-anchor', 'end').attr('stroke', 'none').attr('font-size', 10).text(pct(t));
  }
  for (const t of x.ticks(5)) {
    axes.append('line').attr('x1', r(x(t))).attr('x2', r(x(t))).attr('y1', h - m.bottom).attr('y2', h - m.bottom + 4);
    axes.append('text').attr('x', r(x(t))).attr('y', h - m.bottom + 16).attr('text-anchor', 'middle').attr('stroke', 'none').attr('font-size', 10).text(panel.format(t));
  }
  if (panel.limit !== null && panel.limit > 0) {
    const lx = r(x(panel.limit));
    g.append('line').attr('class', 'budget').attr('x1', lx).attr('x2', lx).attr('y1', m.top).attr('y2', h - m.bottom).attr('stroke', '#D55E00').attr('stroke-width', 1.5).attr('stroke-dasharray', '4 3');
    g.append('text').attr('x', lx - 4).attr('y', m.top + 10).attr('text-anchor', 'end').attr('font-size', 10).attr('fill', '#a03c00').text(`budget ${panel.format(panel.limit)}`);
  }
  const path = line<[number, number]>().x((d) => r(x(d[0]))).y((d) => r(y(d[1])));
  data.series.forEach((s, si) => {
    const style = PATHWAY_STYLES[si % PATHWAY_STYLES.length]!;
    const pts: [number, number][] = [[0, data.fitBefore], ...s.steps.map((p) => [p[panel.axis], p.fit] as [number, number])];
    const sg = g.append('g').attr('class', `series series-${s.key}`);
    sg.append('path').attr('d', path(pts)).attr('fill', 'none').attr('stroke', style.color).attr('stroke-width', si === 0 ? 2.5 : 1.5).attr('stroke-dasharray', style.dash);
    const marker = symbol().type(style.shape).size(si === 0 ? 70 : 50)();
    s.steps.forEach((p, i) => {
      const pg = sg.append('g').attr('class', 'step').attr('transform', `translate(${r(x(p[panel.axis]))},${r(y(p.fit))})`).attr('data-series', s.key).attr('data-step', i);
      pg.append('path').attr('d', marker).attr('fill', style.color).attr('stroke', '#fff');
      const label = `${s.label}, step ${i + 1}: ${p.name}; fit ${pct(p.fit)} after ${money(p.cost)} and ${hrs(p.hours)}`;
      pg.append('title').text(label);
      if (si === 0) pg.append('text').attr('x', 6).attr('y', -6).attr('font-size', 10).text(String(i + 1));
      markFocusable(pg.node()!, { row: panelIndex * 100 + si, col: i, label }, panelIndex === 0 && si === 0 && i === 0);
    });
  });
}
