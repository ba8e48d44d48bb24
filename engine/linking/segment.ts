/**
 * Splits text into sentences and list items, keeping [start, end) character offsets into the
 * original text. Boundaries: line breaks; bullets (• · ● Ø - * ▪ ◦ –) at an item start or inline;
 * numbered items (`1.` / `2)` at a line start); sentence ends (. ! ? followed by space and a capital,
 * digit or bullet); semicolons.
 */
export interface Segment {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const BULLET = '•·●Ø▪◦‣∙■□➢➤✓✔';
const BOUNDARY = new RegExp(
  [
    '\\r?\\n+', // line breaks
    `\\s*[${BULLET}]\\s*`, // bullets anywhere
    '(?<=^|\\s)[-*–]\\s+(?=\\S)', // dash/star bullets after whitespace
    '(?<=[.!?])\\s+(?=[\\p{Lu}\\p{N}"“(])', // sentence ends
    ';\\s*',
  ].join('|'),
  'gu',
);
const LEADING = new RegExp(`^(?:[${BULLET}\\-*–]+|\\(?\\d{1,2}[.)](?!\\d))\\s*`, 'u');

export function segmentText(text: string): Segment[] {
  const out: Segment[] = [];
  const push = (start: number, end: number) => {
    let s = start;
    let e = end;
    // Strip leading bullets / numbering and surrounding whitespace, keeping offsets exact.
    for (;;) {
      while (s < e && /\s/u.test(text[s]!)) s++;
      const m = LEADING.exec(text.slice(s, e));
      if (!m || m[0].length === 0) break;
      s += m[0].length;
    }
    while (e > s && /\s/u.test(text[e - 1]!)) e--;
    if (e > s && /[\p{L}\p{N}]/u.test(text.slice(s, e))) out.push({ text: text.slice(s, e), start: s, end: e });
  };
  let last = 0;
  for (const m of text.matchAll(BOUNDARY)) {
    const at = m.index;
    push(last, at);
    last = at + m[0].length;
  }
  push(last, text.length);
  return out;
}
