/**
 * Match keys for labels. Labels are kept verbatim everywhere; only keys are normalised:
 * Unicode NFKC, case-folded, non-breaking spaces and punctuation runs folded to one space, trimmed.
 */
export function normaliseLabel(label: string): string {
  return asciiKey(label) ?? normaliseGeneral(label);
}

/** The definition of the key, for any text. */
export function normaliseGeneral(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u00a0\s]+/g, ' ')
    .replace(/[^\p{L}\p{N}+#.' /-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Per ASCII code (after lower-casing): 1 = kept (a-z, 0-9 and + # . ' / -), 0 = a separator (white space, other punctuation, controls). */
const KEPT = Uint8Array.from({ length: 128 }, (_, c) => (/[a-z0-9+#.'/-]/.test(String.fromCharCode(c)) ? 1 : 0));

/**
 * The same key for a pure-ASCII text without the regular expressions (NFKC leaves ASCII as it is): lower
 * case, the runs of kept characters joined by one space. Null when the text has a non-ASCII character.
 * Hot: linking looks up every candidate phrase of every segment by its key.
 */
function asciiKey(label: string): string | null {
  const n = label.length;
  for (let i = 0; i < n; i++) if (label.charCodeAt(i) >= 128) return null;
  const s = label.toLowerCase();
  let out = '';
  let i = 0;
  while (i < n) {
    while (i < n && KEPT[s.charCodeAt(i)] === 0) i++;
    if (i >= n) break;
    let j = i + 1;
    while (j < n && KEPT[s.charCodeAt(j)] === 1) j++;
    out = out.length === 0 ? s.slice(i, j) : `${out} ${s.slice(i, j)}`;
    i = j;
  }
  return out;
}
