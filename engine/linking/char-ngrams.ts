import { normaliseLabel } from '../../taxonomy/model/normalise.ts';

/** Character n-grams (sizes min..max) of the match key of `text`, padded with one space each side. */
export function charNgrams(text: string, min = 3, max = 5): Map<string, number> {
  const key = ` ${normaliseLabel(text)} `;
  const out = new Map<string, number>();
  if (key.length <= 2) return out;
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= key.length; i++) {
      const g = key.slice(i, i + n);
      out.set(g, (out.get(g) ?? 0) + 1);
    }
  }
  return out;
}
