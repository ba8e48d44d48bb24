/** Small typed readers over parsed JSON that throw coded errors naming the JSON path. */
import { IngestError, IngestErrorCode } from './errors.ts';

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `[]` for null/undefined, the array itself, or `[v]`. */
export function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** Join a JSON path: `at('a', 'b')` → `a.b`, `at('a', 2)` → `a[2]`. */
export function at(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (/^[A-Za-z_$@][\w$@:-]*$/.test(key)) return base ? `${base}.${key}` : key;
  return `${base}[${JSON.stringify(key)}]`;
}

/** The `type`/`@type` values of a node as strings. */
export function typesOf(node: JsonObject): string[] {
  return asArray(node['type'] ?? node['@type']).filter((t): t is string => typeof t === 'string');
}

/** A trimmed non-empty string, or null. Throws INVALID_FIELD when present but not a string. */
export function optString(obj: JsonObject, key: string, path: string): string | null {
  const v = obj[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new IngestError(IngestErrorCode.InvalidField, `expected a string, got ${describe(v)}`, { path: at(path, key) });
  const t = v.trim();
  return t === '' ? null : t;
}

/** A required non-empty string: MISSING_FIELD when absent/empty, INVALID_FIELD when not a string. */
export function reqString(obj: JsonObject, key: string, path: string, what = key): string {
  const v = optString(obj, key, path);
  if (v === null) throw new IngestError(IngestErrorCode.MissingField, `${what} is required`, { path: at(path, key) });
  return v;
}

/** An object field; INVALID_FIELD when present but not an object. */
export function optObject(obj: JsonObject, key: string, path: string): JsonObject | null {
  const v = obj[key];
  if (v === undefined || v === null) return null;
  if (!isObject(v)) throw new IngestError(IngestErrorCode.InvalidField, `expected an object, got ${describe(v)}`, { path: at(path, key) });
  return v;
}

export function reqObject(obj: JsonObject, key: string, path: string): JsonObject {
  const v = optObject(obj, key, path);
  if (v === null) throw new IngestError(IngestErrorCode.MissingField, `${key} is required`, { path: at(path, key) });
  return v;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Whether `YYYY-MM-DD` names a day of the calendar (2025-02-30 does not; `Date.parse` rolls it over). */
export function isCalendarDate(ymd: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** An ISO 8601 date or date-time, or null; INVALID_FIELD when present but not a valid date. */
export function optDate(obj: JsonObject, key: string, path: string): string | null {
  const v = optString(obj, key, path);
  if (v === null) return null;
  if (!ISO_DATE.test(v) || !isCalendarDate(v.slice(0, 10)) || Number.isNaN(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v))) {
    throw new IngestError(IngestErrorCode.InvalidField, `expected an ISO 8601 date, got ${JSON.stringify(v)}`, { path: at(path, key) });
  }
  return v;
}

/** Whether ISO instant `date` is before `now` (both parseable). */
export function isBefore(date: string, now: string): boolean {
  return Date.parse(date) < Date.parse(now);
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

/** Finite number from a number or numeric string, else null. */
export function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v.trim()))) return Number(v.trim());
  return null;
}

/** Strip HTML tags and decode common entities; block tags become line breaks; whitespace collapsed per line. */
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", rsquo: '\u2019', lsquo: '\u2018', rdquo: '\u201d', ldquo: '\u201c',
  ndash: '\u2013', mdash: '\u2014', hellip: '\u2026', bull: '\u2022', middot: '\u00b7', eacute: '\u00e9', egrave: '\u00e8', uuml: '\u00fc',
  ouml: '\u00f6', auml: '\u00e4', szlig: '\u00df', copy: '\u00a9', reg: '\u00ae', trade: '\u2122', euro: '\u20ac', pound: '\u00a3',
};

/** Named, decimal and hex character references (`&amp;`, `&#39;`, `&#x2019;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function stripTags(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|h[1-6]|tr|ul|ol)>/gi, '\n')
    .replace(/<li[^>]*>/gi, '\n- ')
    .replace(/<\/?(b|i|em|strong|span|a|u|small|code|sup|sub|li)\b[^>]*>/gi, '')
    .replace(/<[^>]+>/g, ' ');
}

/**
 * HTML → plain text: tags removed (block tags become line breaks), character references decoded, also
 * HTML that was itself entity-encoded (`&lt;p&gt;…`, as job boards often publish it).
 */
export function stripHtml(html: string): string {
  let text = decodeEntities(stripTags(html));
  if (/<\/?[a-z][a-z0-9]*\b[^>]*>/i.test(text)) text = decodeEntities(stripTags(text));
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}

/** Deepest nesting accepted; real credentials nest < 15 levels. */
export const MAX_DEPTH = 100;

/** Throw TOO_DEEP (with the path where the limit is crossed) when `value` nests deeper than `max`. Iterative. */
export function checkDepth(value: unknown, max = MAX_DEPTH): void {
  const stack: [unknown, number, string][] = [[value, 0, '']];
  while (stack.length > 0) {
    const [v, depth, path] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) throw new IngestError(IngestErrorCode.TooDeep, `the document nests more than ${max} levels deep`, { path });
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, depth + 1, at(path, i)]));
    else for (const [k, x] of Object.entries(v)) stack.push([x, depth + 1, at(path, k)]);
  }
}
