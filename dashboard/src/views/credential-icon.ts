import { credibilityMarker, CREDIBILITY_STYLE, type Credibility } from '../charts/credential-scatter.ts';
import { SVG_NS } from '../charts/svg.ts';

/** A small inline icon of a credibility level (the scatter's shape), hidden from screen readers: the words follow it. */
export function credibilityIcon(level: Credibility): SVGSVGElement {
  const s = CREDIBILITY_STYLE[level];
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('width', '14');
  svg.setAttribute('height', '14');
  svg.setAttribute('viewBox', '-7 -7 14 14');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `cred-icon level-${level.toLowerCase()}`);
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', credibilityMarker(level, 60));
  path.setAttribute('fill', s.hollow ? '#fff' : s.color);
  path.setAttribute('stroke', s.hollow ? s.color : '#fff');
  path.setAttribute('stroke-width', s.hollow ? '1.8' : '1');
  svg.append(path);
  return svg;
}
