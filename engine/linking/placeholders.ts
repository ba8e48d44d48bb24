/**
 * Redaction placeholders: an anonymised posting or CV stands a bracketed capitalised tag where a name was removed
 * (SkillSpan's `<ORGANIZATION>` and `<LOCATION>`, hahu's `[REDACTED]`, `[COMPANY]`). A tag is not a word of the
 * text: "our <ORGANIZATION> <ORGANIZATION> team" would otherwise ask for skills about organisations. The linker's
 * queries and phrases leave tags out; the text, its segments and the spans of links keep their offsets.
 *
 * Only the tags listed, in upper case, inside `<…>` or `[…]`: "[SQL]" or "<b>" are text, not placeholders.
 */
const TAGS = 'ORGANI[SZ]ATION|ORG|COMPANY|EMPLOYER|CLIENT|PERSON|NAME|LOCATION|ADDRESS|CITY|COUNTRY|EMAIL|PHONE|URL|DATE|REDACTED|ANONYMI[SZ]ED';
const TAG = `(?:<(?:${TAGS})>|\\[(?:${TAGS})\\])`;
const ANY = new RegExp(TAG);
/** One run of tags with the spaces around it. */
const RUN = new RegExp(`\\s*${TAG}(?:\\s*${TAG})*\\s*`, 'g');
const EACH = new RegExp(TAG, 'g');

/** True when `text` holds a placeholder (the cheap test before any rewrite). */
export function hasPlaceholder(text: string): boolean {
  return (text.includes('<') || text.includes('[')) && ANY.test(text);
}

/** `text` without its placeholders: each run of tags (and the spaces around it) becomes one space, trimmed at the ends. */
export function withoutPlaceholders(text: string): string {
  if (!hasPlaceholder(text)) return text;
  return text.replace(RUN, ' ').trim();
}

/** The [start, end) offsets of the placeholders in `text`, in order (empty when none). */
export function placeholderRanges(text: string): [number, number][] {
  if (!hasPlaceholder(text)) return [];
  return [...text.matchAll(EACH)].map((m) => [m.index, m.index + m[0].length]);
}
