/**
 * Fixed chart cases: the SVG snapshot test (dashboard/charts.test.ts) and the gallery page render
 * exactly these. Data is hand-written or computed from simple formulas (no randomness).
 */
import type { FitBar } from '../charts/fit-bars.ts';
import { fitBars } from '../charts/fit-bars.ts';
import { credentialScatter, type ScatterPoint } from '../charts/credential-scatter.ts';
import { heatmap, type HeatmapCell } from '../charts/heatmap.ts';
import { icicle } from '../charts/icicle.ts';
import { legend } from '../charts/legend.ts';
import { pathwayChart, type PathwayData } from '../charts/pathway.ts';
import { buildTree, type FlatTreeNode } from '../charts/tree.ts';
import { trendLines, type TrendSeries } from '../charts/trends.ts';

export interface ChartCase {
  readonly name: string;
  readonly description: string;
  readonly render: (doc: Document) => SVGSVGElement;
}

const GROUPS = ['communication, collaboration and creativity', 'information skills', 'assisting and caring', 'management skills', 'working with computers', 'handling and moving'];
const OCCUPATIONS = ['software developer', 'data analyst', 'nurse', 'project manager', 'warehouse worker'];

export function heatmapCells(): HeatmapCell[] {
  const cells: HeatmapCell[] = [];
  GROUPS.forEach((g, i) => {
    OCCUPATIONS.forEach((o, j) => {
      const demand = Math.round(((((i + 1) * (j + 2)) % 7) / 7) * 100) / 100;
      const supply = Math.round(((((i + 3) * (j + 1)) % 5) / 5) * 100) / 100;
      const suppressed = i === 2 && j === 4;
      cells.push({
        rowId: `group:${i}`,
        rowLabel: g,
        columnId: `occ:${j}`,
        columnLabel: o,
        demand,
        supply: suppressed ? null : supply,
        gap: suppressed ? null : Math.round((demand - supply) * 100) / 100,
        suppressed,
      });
    });
  });
  return cells;
}

export function treeNodes(withDemand = true): FlatTreeNode[] {
  const nodes: FlatTreeNode[] = [];
  const pillars = ['skills', 'knowledge', 'transversal skills'];
  pillars.forEach((p, a) => {
    nodes.push({ id: `p${a}`, label: p, parentId: null, isGroup: true, demand: 0, gap: Math.round((0.3 - a * 0.25) * 100) / 100 });
    for (let b = 0; b < 3 + a; b++) {
      const gid = `p${a}.g${b}`;
      nodes.push({ id: gid, label: `${p} group ${b + 1}`, parentId: `p${a}`, isGroup: true, demand: 0, gap: Math.round(Math.sin(a * 3 + b) * 40) / 100 });
      for (let c = 0; c < 2 + ((a + b) % 4); c++) {
        const sid = `${gid}.s${c}`;
        const demand = withDemand ? Math.round((((a + 1) * (b + 2) * (c + 3)) % 11) * 4) / 100 + 0.01 : 0;
        nodes.push({ id: sid, label: `skill ${a + 1}.${b + 1}.${c + 1}`, parentId: gid, isGroup: false, demand, gap: Math.round(Math.cos(a + b * 2 + c) * 50) / 100 });
        if (c === 0) nodes.push({ id: `${sid}.n`, label: `narrower skill ${a + 1}.${b + 1}.${c + 1}`, parentId: sid, isGroup: false, demand: withDemand ? 0.02 : 0, gap: 0.1 });
      }
    }
  });
  return nodes;
}

export function fitData(): FitBar[] {
  const names = ['Ada Okafor', 'Ben Müller', 'Chen Wei', 'Dana Cohen', 'Elif Yılmaz', 'Farah Haddad'];
  return names.map((label, i) => {
    const essential = Math.round((0.62 - i * 0.08) * 100) / 100;
    const optional = Math.round((0.2 - i * 0.02) * 100) / 100;
    return { id: `cand:${i}`, label, score: Math.round((essential + optional) * 100) / 100, essential, optional, missing: Math.round((1 - essential - optional) * 100) / 100, missingEssentials: i > 2 ? i - 2 : 0 };
  });
}

export function pathwayData(): PathwayData {
  return {
    fitBefore: 0.42,
    budget: 1200,
    hoursBudget: 120,
    series: [
      { key: 'recommended', label: 'Recommended', steps: [
        { id: 'c1', name: 'SQL fundamentals badge', fit: 0.58, cost: 150, hours: 20 },
        { id: 'c2', name: 'Data visualisation certificate', fit: 0.71, cost: 600, hours: 60 },
        { id: 'c3', name: 'Statistics for analysts', fit: 0.8, cost: 1100, hours: 110 },
      ] },
      { key: 'cheapest', label: 'Cheapest', steps: [
        { id: 'c1', name: 'SQL fundamentals badge', fit: 0.58, cost: 150, hours: 20 },
        { id: 'c4', name: 'Open spreadsheet course', fit: 0.64, cost: 250, hours: 45 },
      ] },
      { key: 'fastest', label: 'Fastest', steps: [
        { id: 'c5', name: 'Analytics bootcamp', fit: 0.76, cost: 1800, hours: 40 },
      ] },
    ],
  };
}

export function trendData(): TrendSeries[] {
  const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
  const labels = ['Python', 'machine learning', 'cloud computing', 'customer service', 'bookkeeping', 'shorthand', 'data protection', 'forklift operation'];
  return labels.map((label, k) => {
    const slope = Math.round((0.012 - k * 0.003) * 1000) / 1000;
    const base = 0.12 + (k % 3) * 0.04;
    return {
      id: `skill:${k}`,
      label,
      slope,
      points: months.map((month, i) => ({ month, demand: Math.max(0, Math.round((base + slope * (i - 5.5) + ((i * (k + 1)) % 3) * 0.004) * 1000) / 1000) })),
    };
  });
}

/** Issue 20: credentials of every credibility level, two free, two of unknown cost. */
export function scatterData(): ScatterPoint[] {
  const names = ['SQL fundamentals badge', 'Data visualisation certificate', 'Statistics for analysts', 'Open spreadsheet course', 'Analytics bootcamp', 'Python basics', 'Cloud practitioner', 'Excel essentials', 'Machine learning micro-credential', 'Data ethics short course'];
  const levels = ['VERIFIED_RECOGNISED', 'VERIFIED', 'UNVERIFIED'] as const;
  return names.map((name, i) => {
    const free = i === 3 || i === 9;
    const unknown = i === 5 || i === 7;
    return { id: `c${i}`, name, cost: free ? 0 : unknown ? null : 100 + ((i * 370) % 1700), hours: unknown && i === 7 ? null : 10 + ((i * 13) % 60), free, value: Math.round((0.04 + ((i * 7) % 10) * 0.035) * 1000) / 1000, credibility: levels[i % 3]! };
  }).concat([{ id: 'c0-copy', name: 'SQL fundamentals badge (unverifiable copy)', cost: 100, hours: 10, free: false, value: 0.04, credibility: 'UNVERIFIED' }]);
}

export const CASES: readonly ChartCase[] = [
  { name: 'heatmap-gap-sort', description: 'Skill groups × occupations, sorted by total gap, one suppressed cell, drillable rows.', render: (document) => heatmap(heatmapCells(), { document, width: 900, onRowSelect: () => {} }) },
  { name: 'heatmap-label-sort-narrow', description: 'The same cells sorted by label at 400 px.', render: (document) => heatmap(heatmapCells(), { document, width: 400, sort: 'label' }) },
  { name: 'icicle-root', description: 'Three levels from the root, sized by demand, coloured by gap.', render: (document) => icicle(buildTree(treeNodes()), { document, width: 900, height: 420 }) },
  { name: 'icicle-zoomed', description: 'Zoomed into one pillar, with a highlighted skill and breadcrumb.', render: (document) => icicle(buildTree(treeNodes()), { document, width: 900, height: 420, focusId: 'p1', highlightId: 'p1.g1.s0' }) },
  { name: 'icicle-count-small', description: 'No demand known: sized by skill count; small blocks merged into "+N more".', render: (document) => icicle(buildTree(treeNodes(false)), { document, width: 420, height: 260, levels: 4, minHeight: 8 }) },
  { name: 'fit-bars', description: 'Six ranked candidates, the third selected.', render: (document) => fitBars(fitData(), { document, width: 640, selectedId: 'cand:2' }) },
  { name: 'fit-bars-narrow', description: 'Ranked candidates at 360 px.', render: (document) => fitBars(fitData(), { document, width: 360 }) },
  { name: 'pathway', description: 'Recommended pathway with cheapest and fastest alternatives, cost and hours budgets.', render: (document) => pathwayChart(pathwayData(), { document, width: 960 }) },
  { name: 'pathway-narrow', description: 'Panels stacked at 400 px.', render: (document) => pathwayChart(pathwayData(), { document, width: 400 }) },
  { name: 'trends', description: 'Top 3 rising and falling skills over 12 months.', render: (document) => trendLines(trendData(), { document, width: 960, top: 3 }) },
  { name: 'trends-smoothed', description: 'Top 2 each way, 3-month moving average.', render: (document) => trendLines(trendData(), { document, width: 720, top: 2, smooth: 3 }) },
  { name: 'trends-narrow', description: 'Top 5, stacked panels at 400 px.', render: (document) => trendLines(trendData(), { document, width: 400 }) },
  { name: 'credential-scatter', description: 'Credentials: cost against demand covered, shape = credibility, free at x = 0, unknown cost in a strip, an unverifiable copy beside its original; one selected.', render: (document) => credentialScatter(scatterData(), { document, width: 900, selectedId: 'c2' }) },
  { name: 'credential-scatter-narrow', description: 'The same credentials at 400 px (legend stacked).', render: (document) => credentialScatter(scatterData(), { document, width: 400 }) },
  { name: 'legend-gap', description: 'Gap colour ramp ±60 pp.', render: (document) => legend({ kind: 'gap', maxAbsGap: 0.6 }, { document, width: 360 }) },
  { name: 'legend-swatches', description: 'Categorical swatches (boxes, lines, hatched), wrapping at 300 px.', render: (document) => legend({ kind: 'swatches', items: [{ label: 'Essential covered', color: '#0072B2' }, { label: 'Optional covered', color: '#56B4E9' }, { label: 'Missing', color: '#E8E8E8' }, { label: 'Cheapest', color: '#E69F00', dash: '6 3' }, { label: 'suppressed', color: '#eee', hatched: true }] }, { document, width: 300 }) },
];
