import { select } from 'd3';
import { bindGridKeys, markFocusable } from './focus.ts';
import { gapScale, inkOn } from './palette.ts';
import { checkWidth, clip, createSvg, pct, pp, r, type BaseChartOptions } from './svg.ts';

export interface HeatmapCell {
  readonly rowId: string;
  readonly rowLabel: string;
  readonly columnId: string;
  readonly columnLabel: string;
  readonly demand: number;
  readonly supply: number | null;
  readonly gap: number | null;
  readonly suppressed: boolean;
}

export type HeatmapSort = 'label' | 'gap';

export interface HeatmapOptions extends BaseChartOptions {
  /** Overall width; cells shrink to fit (min 14 px). Default 960. */
  readonly width?: number;
  /** Row order: by label, or by total gap (largest shortage first). Columns follow the same rule. */
  readonly sort?: HeatmapSort;
  /** Height of one row, default 22. */
  readonly rowHeight?: number;
  /** Row label column width, default 200. */
  readonly labelWidth?: number;
  /** Colour domain ±max; default max |gap| in the data. Pass one to keep colours comparable (what-if). */
  readonly maxAbsGap?: number;
  /** Enter/click on a row label (drill down from a group to its skills). */
  readonly onRowSelect?: (rowId: string) => void;
  /** Enter/click on a cell. */
  readonly onCellSelect?: (cell: HeatmapCell) => void;
  /** Whether rows can be drilled into (row labels become buttons). Default: when onRowSelect is given. */
  readonly drillable?: boolean;
}

interface Axis {
  readonly id: string;
  readonly label: string;
  readonly total: number;
}

function order(items: Map<string, Axis>, sort: HeatmapSort): Axis[] {
  const list = [...items.values()];
  return list.sort((a, b) =>
    sort === 'gap' ? b.total - a.total || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) : a.label.localeCompare(b.label, 'en') || (a.id < b.id ? -1 : 1),
  );
}

/** Skill groups (rows) × roles / occupations (columns); colour = gap = demand − supply. */
export function heatmap(cells: readonly HeatmapCell[], options: HeatmapOptions = {}): SVGSVGElement {
  const width = checkWidth('width', options.width, 960, 240);
  const sort = options.sort ?? 'gap';
  if (sort !== 'gap' && sort !== 'label') throw new RangeError(`invalid sort: ${String(sort)}`);
  const rowHeight = options.rowHeight ?? 22;
  const narrow = width < 560;
  const labelWidth = options.labelWidth ?? (narrow ? 120 : 200);
  const rows = new Map<string, Axis>();
  const cols = new Map<string, Axis>();
  let maxAbs = 0;
  for (const c of cells) {
    const g = c.suppressed || c.gap === null ? 0 : c.gap;
    maxAbs = Math.max(maxAbs, Math.abs(g));
    const row = rows.get(c.rowId) ?? { id: c.rowId, label: c.rowLabel, total: 0 };
    rows.set(c.rowId, { ...row, total: row.total + g });
    const col = cols.get(c.columnId) ?? { id: c.columnId, label: c.columnLabel, total: 0 };
    cols.set(c.columnId, { ...col, total: col.total + g });
  }
  const rowList = order(rows, sort);
  const colList = order(cols, sort);
  const headerHeight = narrow ? 90 : 120;
  // rotated column labels reach up to ~70 px right of their column
  const innerWidth = width - labelWidth - (narrow ? 48 : 72);
  const cellWidth = Math.max(14, Math.min(64, colList.length ? innerWidth / colList.length : innerWidth));
  const height = headerHeight + rowList.length * rowHeight + 8;
  const colour = gapScale(options.maxAbsGap ?? maxAbs);
  const drillable = options.drillable ?? Boolean(options.onRowSelect);

  const svg = createSvg(width, height, options, 'heatmap', `Gap heatmap: ${rowList.length} rows by ${colList.length} columns; colour is demand minus supply.`);
  const defs = svg.append('defs');
  const hatch = defs.append('pattern').attr('id', 'suppressed-hatch').attr('width', 6).attr('height', 6).attr('patternUnits', 'userSpaceOnUse').attr('patternTransform', 'rotate(45)');
  hatch.append('rect').attr('width', 6).attr('height', 6).attr('fill', '#eee');
  hatch.append('line').attr('x1', 0).attr('y1', 0).attr('x2', 0).attr('y2', 6).attr('stroke', '#999').attr('stroke-width', 2);

  const rowIndex = new Map(rowList.map((row, i) => [row.id, i]));
  const colIndex = new Map(colList.map((col, i) => [col.id, i]));

  // column headers (rotated)
  const header = svg.append('g').attr('class', 'col-labels').attr('transform', `translate(${labelWidth},${headerHeight - 6})`);
  header
    .selectAll('text')
    .data(colList)
    .join('text')
    .attr('transform', (_, i) => `translate(${r(i * cellWidth + cellWidth / 2)},0) rotate(-45)`)
    .attr('font-size', 11)
    .text((d) => clip(d.label, narrow ? 14 : 20))
    .append('title')
    .text((d) => d.label);

  // row labels (buttons when drillable)
  const labels = svg
    .append('g')
    .attr('class', 'row-labels')
    .attr('transform', `translate(0,${headerHeight})`)
    .selectAll<SVGGElement, Axis>('g')
    .data(rowList)
    .join('g')
    .attr('class', 'row-label')
    .attr('transform', (_, i) => `translate(0,${i * rowHeight})`);
  labels
    .append('text')
    .attr('x', labelWidth - 8)
    .attr('y', r(rowHeight / 2))
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .attr('text-decoration', drillable ? 'underline' : null)
    .attr('fill', drillable ? '#0b5394' : '#222')
    .text((d) => clip(d.label, narrow ? 16 : 28));
  labels.append('title').text((d) => `${d.label}: total gap ${pp(d.total)}${drillable ? ' (Enter: show its skills)' : ''}`);
  if (drillable) {
    labels.each(function (d, i) {
      markFocusable(this, { row: i, col: -1, label: `${d.label}, total gap ${pp(d.total)}; press Enter to drill down` }, false);
      this.setAttribute('data-row-id', d.id);
    });
    labels.style('cursor', 'pointer').on('click', (_, d) => options.onRowSelect?.(d.id));
  }

  // cells
  const grid = svg.append('g').attr('class', 'cells').attr('transform', `translate(${labelWidth},${headerHeight})`);
  const sorted = [...cells].sort((a, b) => (rowIndex.get(a.rowId)! - rowIndex.get(b.rowId)!) || (colIndex.get(a.columnId)! - colIndex.get(b.columnId)!));
  const marks = grid
    .selectAll<SVGGElement, HeatmapCell>('g')
    .data(sorted)
    .join('g')
    .attr('class', 'cell')
    .attr('transform', (d) => `translate(${r(colIndex.get(d.columnId)! * cellWidth)},${rowIndex.get(d.rowId)! * rowHeight})`);
  marks
    .append('rect')
    .attr('width', r(cellWidth - 1))
    .attr('height', rowHeight - 1)
    .attr('fill', (d) => (d.suppressed || d.gap === null ? 'url(#suppressed-hatch)' : colour(d.gap)));
  const describe = (d: HeatmapCell): string =>
    d.suppressed || d.gap === null
      ? `${d.rowLabel} × ${d.columnLabel}: demand ${pct(d.demand)}, supply suppressed (too few people)`
      : `${d.rowLabel} × ${d.columnLabel}: demand ${pct(d.demand)}, supply ${pct(d.supply ?? 0)}, gap ${pp(d.gap)}`;
  marks.append('title').text(describe);
  if (cellWidth >= 30) {
    marks
      .filter((d) => !d.suppressed && d.gap !== null)
      .append('text')
      .attr('x', r((cellWidth - 1) / 2))
      .attr('y', r(rowHeight / 2))
      .attr('dy', '0.35em')
      .attr('text-anchor', 'middle')
      .attr('font-size', 10)
      .attr('fill', (d) => inkOn(colour(d.gap ?? 0)))
      .attr('pointer-events', 'none')
      .text((d) => Math.round((d.gap ?? 0) * 100));
  }
  let first = !drillable;
  marks.each(function (d) {
    markFocusable(this, { row: rowIndex.get(d.rowId)!, col: colIndex.get(d.columnId)!, label: describe(d) }, first);
    first = false;
  });
  if (drillable) svg.select('.row-label').attr('tabindex', 0);
  marks.style('cursor', options.onCellSelect ? 'pointer' : 'default').on('click', (_, d) => options.onCellSelect?.(d));

  const root = svg.node()!;
  bindGridKeys(root, (el) => {
    if (el.classList.contains('row-label')) {
      const id = el.getAttribute('data-row-id');
      if (id) options.onRowSelect?.(id);
      return;
    }
    const d = select<Element, HeatmapCell>(el).datum();
    options.onCellSelect?.(d);
  });
  return root;
}
