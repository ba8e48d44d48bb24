import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';

/**
 * Field type checks shared by the store validators (`validate-taxonomy.ts`, `validate-records.ts`):
 * small composable checks that return `undefined` when a value fits and a `Misfit` (where, what was
 * expected, what was found) when it does not. Nothing is allocated on the happy path, so checking
 * all of ESCO costs a few milliseconds.
 */
export interface Misfit {
  /** Path below the checked value: '' for the value itself, `.hours`, `.skills[2].confidence`. */
  readonly at: string;
  readonly expected: string;
  readonly got: unknown;
}

export type Check = (value: unknown) => Misfit | undefined;

const misfit = (expected: string, got: unknown, at = ''): Misfit => ({ at, expected, got });

/** A short, safe description of a wrong value (never throws: BigInt and cycles included). */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'bigint') return `the bigint ${v}n`;
  if (typeof v === 'symbol' || typeof v === 'function') return `a ${typeof v}`;
  return `${typeof v} ${String(v)}`;
}

export const string: Check = (v) => (typeof v === 'string' ? undefined : misfit('a string', v));
/** A string of at most `max` characters. */
export function maxLength(max: number): Check {
  return (v) => (typeof v === 'string' && v.length <= max ? undefined : misfit(`a string of at most ${max} characters`, v));
}
export const id: Check = (v) => (typeof v === 'string' && v !== '' ? undefined : misfit('a non-empty string', v));
export const boolean: Check = (v) => (typeof v === 'boolean' ? undefined : misfit('a boolean', v));
export const finite: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? undefined : misfit('a finite number', v));
export const nonNegative: Check = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? undefined : misfit('a finite number >= 0', v));
export const positive: Check = (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? undefined : misfit('a finite number > 0', v));
export const unit: Check = (v) => (typeof v === 'number' && v >= 0 && v <= 1 ? undefined : misfit('a number in [0, 1]', v));

/** ISO 8601 date or date-time (the same shape ingestion accepts), and a real calendar instant. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
export const isoDate: Check = (v) =>
  typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v))
    ? undefined
    : misfit('an ISO 8601 date', v);

export function nullable(check: Check): Check {
  return (v) => {
    if (v === null) return undefined;
    const m = check(v);
    return m && m.at === '' ? misfit(`${m.expected} or null`, v) : m;
  };
}

export function oneOf(values: readonly string[]): Check {
  const set = new Set<unknown>(values);
  const expected = `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;
  return (v) => (set.has(v) ? undefined : misfit(expected, v));
}

export function arrayOf(check: Check): Check {
  return (v) => {
    if (!Array.isArray(v)) return misfit('an array', v);
    for (let i = 0; i < v.length; i++) {
      const m = check(v[i]);
      if (m) return misfit(m.expected, m.got, `[${i}]${m.at}`);
    }
    return undefined;
  };
}

/** Absent (undefined) or passing `check`: an optional field. */
export function optional(check: Check): Check {
  return (v) => (v === undefined ? undefined : check(v));
}

/** An object whose listed fields pass their checks (other fields are not looked at). */
export function shape(fields: Readonly<Record<string, Check>>): Check {
  const keys = Object.keys(fields);
  const checks = keys.map((k) => fields[k]!);
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return misfit('an object', v);
    const o = v as Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) {
      const m = checks[i]!(o[keys[i]!]);
      if (m) return misfit(m.expected, m.got, `.${keys[i]}${m.at}`);
    }
    return undefined;
  };
}

/** A `[start, end)` character span: two integers with 0 <= start <= end. */
export const span: Check = (v) =>
  Array.isArray(v) && v.length === 2 && Number.isInteger(v[0]) && Number.isInteger(v[1]) && v[0] >= 0 && v[0] <= v[1]
    ? undefined
    : misfit('a span [start, end] of integers with 0 <= start <= end', v);

/**
 * Checks every item of collection `name` (e.g. `credentials`) and throws ONE TaxonomyError
 * INVALID_VALUE at the first misfit, naming the record kind, its id when it has a usable one,
 * and the field (`credentials[3].hours`). An absent collection (undefined) passes when `optional`.
 */
export function checkCollection(name: string, kind: string, items: unknown, check: Check, optional = false): void {
  if (items === undefined && optional) return;
  if (!Array.isArray(items)) {
    throw new TaxonomyError(TaxonomyErrorCode.InvalidValue, `${name} must be an array, got ${describeValue(items)}`, { field: name });
  }
  for (let i = 0; i < items.length; i++) {
    const m = check(items[i]);
    if (!m) continue;
    const item = items[i] as { id?: unknown } | null;
    const itemId = typeof item === 'object' && item !== null && typeof item.id === 'string' && item.id !== '' ? ` ${JSON.stringify(item.id)}` : '';
    const what = m.at === '' ? `${kind}${itemId}` : `${kind}${itemId} ${m.at.replace(/^\./, '')}`;
    throw new TaxonomyError(TaxonomyErrorCode.InvalidValue, `${what} must be ${m.expected}, got ${describeValue(m.got)}`, { field: `${name}[${i}]${m.at}` });
  }
}
