import { select, type Selection } from 'd3';

export const SVG_NS = 'http://www.w3.org/2000/svg';

export type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

export interface BaseChartOptions {
  /** Document to build in (a detached one works: nothing is measured). Default: the global document. */
  readonly document?: Document;
  /** Accessible name of the chart. */
  readonly title?: string;
}

/** Rounds to 2 decimals so snapshots are stable and small. */
export function r(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Fixed-size SVG with a viewBox (it scales down in narrow containers), a <title> and a <desc>. */
export function createSvg(width: number, height: number, options: BaseChartOptions, className: string, description: string): Svg {
  const doc = options.document ?? globalThis.document;
  const el = doc.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  const svg = select(el)
    .attr('xmlns', SVG_NS)
    .attr('class', `chart ${className}`)
    .attr('width', r(width))
    .attr('height', r(height))
    .attr('viewBox', `0 0 ${r(width)} ${r(height)}`)
    .attr('role', 'group')
    .attr('font-family', 'system-ui, sans-serif')
    .attr('font-size', 12);
  const title = options.title ?? className;
  svg.attr('aria-label', title);
  svg.append('title').text(title);
  svg.append('desc').text(description);
  return svg;
}

/** Shortens a label to `max` characters with an ellipsis (full text stays in <title>). */
export function clip(label: string, max: number): string {
  const t = label.trim();
  return t.length <= max ? t : `${t.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

export function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** Signed percentage points: +12 pp / −3 pp. */
export function pp(x: number): string {
  const v = Math.round(x * 100);
  return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v)} pp`;
}

export function checkWidth(name: string, value: number | undefined, fallback: number, min = 120): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < min) throw new RangeError(`invalid ${name}: ${String(value)}`);
  return v;
}
