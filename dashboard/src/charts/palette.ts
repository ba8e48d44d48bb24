import { interpolateBrBG, interpolateCividis, scaleDiverging, scaleSequential, type ScaleDiverging, type ScaleSequential } from 'd3';

/** Okabe–Ito categorical palette (colour-blind safe), black last. */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

/** Gap colour: shortage (demand > supply) brown, surplus teal, balanced near white (BrBG, reversed). */
export function gapScale(maxAbs: number): ScaleDiverging<string> {
  const m = maxAbs > 0 ? maxAbs : 1;
  return scaleDiverging<string>((t) => interpolateBrBG(1 - t)).domain([-m, 0, m]).clamp(true);
}

/** Sequential demand colour (cividis: readable for every colour vision). */
export function demandScale(max: number): ScaleSequential<string> {
  return scaleSequential(interpolateCividis).domain([0, max > 0 ? max : 1]);
}

/** Black or white text, whichever reads on `background` (`rgb(r, g, b)` or `#rrggbb`). */
export function inkOn(background: string): string {
  let rgb: number[] = [];
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(background);
  if (m) rgb = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if (/^#[0-9a-f]{6}$/i.test(background)) rgb = [1, 3, 5].map((i) => parseInt(background.slice(i, i + 2), 16));
  if (rgb.length !== 3) return '#000';
  const [rr, gg, bb] = rgb.map((c) => {
    const s = (c as number) / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const lum = 0.2126 * rr + 0.7152 * gg + 0.0722 * bb;
  return lum > 0.179 ? '#111' : '#fff';
}

export const SUPPRESSED_FILL = 'url(#suppressed-hatch)';
