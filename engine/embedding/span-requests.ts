import type { SpanRequest } from '../ports/embedder.ts';
import { invalidOption } from './errors.ts';

/** Checks `embedSpans` input (every embedder adapter): texts are strings, spans integer [start, end) ranges inside them. */
export function checkSpanRequests(items: readonly SpanRequest[]): void {
  if (!Array.isArray(items as unknown)) throw invalidOption('items', items, 'an array of { text, spans }');
  items.forEach((it, i) => {
    if (it === null || typeof it !== 'object' || typeof it.text !== 'string' || !Array.isArray(it.spans as unknown)) throw invalidOption(`items[${i}]`, it, 'a { text, spans } object');
    it.spans.forEach((sp, j) => {
      const ok = Array.isArray(sp) && sp.length === 2 && Number.isInteger(sp[0]) && Number.isInteger(sp[1]) && 0 <= sp[0]! && sp[0]! <= sp[1]! && sp[1]! <= it.text.length;
      if (!ok) throw invalidOption(`items[${i}].spans[${j}]`, sp, `a [start, end) range inside the ${it.text.length}-character text`);
    });
  });
}
