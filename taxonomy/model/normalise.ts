/**
 * Match keys for labels. Labels are kept verbatim everywhere; only keys are normalised:
 * Unicode NFKC, case-folded, non-breaking spaces and punctuation runs folded to one space, trimmed.
 */
export function normaliseLabel(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u00a0\s]+/g, ' ')
    .replace(/[^\p{L}\p{N}+#.' /-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
