/**
 * The one option checker of every area (STYLE.md §4): options are one typed object, checked once at the
 * factory, and a bad one is ONE coded INVALID_OPTION error `invalid <option>: <value> (expected ...)`
 * naming the option in `field`. An area binds the checker to its own error constructor with
 * `optionChecker(make)`; the rules below say what a value must be, in the words of the message.
 */
import { codeNames, defineErrors, type CodedError, type CodeNames, type ErrorMaker, type ErrorTable, type INVALID_OPTION } from './coded-error.ts';

/** What an option must be: a test and the words the error uses for it. */
export interface OptionRule<T> {
  readonly expected: string;
  readonly test: (value: unknown) => value is T;
}

const rule = <T>(expected: string, test: (value: unknown) => boolean): OptionRule<T> => ({ expected, test: test as (value: unknown) => value is T });

/** A number in [min, max] (NaN never is; ±Infinity only when a bound is infinite). */
export function numberIn(min: number, max: number): OptionRule<number> {
  return rule(`a number in [${min}, ${max}]`, (v) => typeof v === 'number' && v >= min && v <= max);
}

/** An integer in [min, max]. */
export function integerIn(min: number, max = Number.MAX_SAFE_INTEGER): OptionRule<number> {
  const expected = max === Number.MAX_SAFE_INTEGER ? (min === 1 ? 'a positive integer' : `an integer ≥ ${min}`) : `an integer in [${min}, ${max}]`;
  return rule(expected, (v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max);
}

/** Any integer. */
export const integer: OptionRule<number> = rule('an integer', (v) => Number.isInteger(v));

/** A number > min (and ≤ max): `halfLifeYears` > 0 where Infinity means "no decay". */
export function numberAbove(min: number, max = Number.POSITIVE_INFINITY): OptionRule<number> {
  return rule(max === Number.POSITIVE_INFINITY ? `a number > ${min}` : `a number in (${min}, ${max}]`, (v) => typeof v === 'number' && v > min && v <= max);
}

/** A finite number ≥ min. */
export function finiteAtLeast(min: number): OptionRule<number> {
  return rule(`a finite number ≥ ${min}`, (v) => typeof v === 'number' && Number.isFinite(v) && v >= min);
}

export const boolean: OptionRule<boolean> = rule('true or false', (v) => typeof v === 'boolean');

export const callable: OptionRule<(...args: never[]) => unknown> = rule('a function', (v) => typeof v === 'function');

/** One of the listed values. */
export function oneOf<const T extends string>(...values: readonly T[]): OptionRule<T> {
  return rule(values.map((v) => `'${v}'`).join(' or '), (v) => (values as readonly unknown[]).includes(v));
}

/** A plain object (not null, not an array). */
export const record: OptionRule<Readonly<Record<string, unknown>>> = rule('an object', (v) => typeof v === 'object' && v !== null && !Array.isArray(v));

/** Either rule. */
export function either<A, B>(a: OptionRule<A>, b: OptionRule<B>): OptionRule<A | B> {
  return rule(`${a.expected} or ${b.expected}`, (v) => a.test(v) || b.test(v));
}

/** A rule of one's own, for what the ones above do not say. */
export function satisfies<T>(expected: string, test: (value: unknown) => boolean): OptionRule<T> {
  return rule(expected, test);
}

const SHOWN_CHARS = 200;

/**
 * How a bad value shows in the message: strings quoted, numbers as written (NaN, Infinity too), arrays
 * item by item, dates in ISO, other objects as JSON, functions as "a function"; cut after 200 characters.
 */
export function showValue(value: unknown): string {
  const shown = show(value);
  return shown.length > SHOWN_CHARS ? `${shown.slice(0, SHOWN_CHARS)}…` : shown;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.slice(0, SHOWN_CHARS).map(show).join(',')}]`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  try {
    return JSON.stringify(value) ?? Object.prototype.toString.call(value);
  } catch {
    return Object.prototype.toString.call(value); // a cycle, a throwing toJSON, a BigInt inside
  }
}

/** An area's INVALID_OPTION constructor (`defineErrors` over a table holding the INVALID_OPTION template). */
export type InvalidOptionMaker = (code: 'INVALID_OPTION', params: { readonly option: unknown; readonly value: unknown; readonly expected: unknown }, field?: string) => CodedError;

export interface OptionChecker {
  /** `value` when `rule` admits it, else throws `invalid <option>: <value> (expected <rule>)`. */
  <T>(option: string, value: unknown, rule: OptionRule<T>): T;
  /** The error for a bad option whose expectation no rule states (`invalid changes: ...`). */
  invalid(option: string, value: unknown, expected: string): CodedError;
  /**
   * A frozen copy of `defaults` with each given key checked by its rule (undefined keeps the default).
   * A key without a rule is an unknown option when `strict`, else ignored.
   */
  all<D extends object>(defaults: D, given: Partial<D> | undefined, rules: { readonly [K in keyof D]?: OptionRule<D[K]> }, strict?: boolean): D;
}

/** The checker bound to an area's error constructor. */
export function optionChecker(make: InvalidOptionMaker): OptionChecker {
  const invalid = (option: string, value: unknown, expected: string): CodedError => make('INVALID_OPTION', { option, value: showValue(value), expected }, option);
  const check = <T>(option: string, value: unknown, r: OptionRule<T>): T => {
    if (!r.test(value)) throw invalid(option, value, r.expected);
    return value;
  };
  const all = <D extends object>(defaults: D, given: Partial<D> | undefined, rules: { readonly [K in keyof D]?: OptionRule<D[K]> }, strict = false): D => {
    if (given !== undefined && (typeof given !== 'object' || given === null)) throw invalid('options', given, 'an object');
    const out = { ...defaults } as Record<string, unknown>;
    for (const [key, value] of Object.entries(given ?? {})) {
      if (value === undefined) continue;
      // own keys only: `toString` or `__proto__` in the options is an unknown option, not a rule
      const r = Object.hasOwn(rules, key) ? (rules as Readonly<Record<string, OptionRule<unknown>>>)[key] : undefined;
      if (r) out[key] = check(key, value, r);
      else if (strict) throw invalid(key, value, `no such option (known: ${Object.keys(rules).join(', ')})`);
    }
    return Object.freeze(out) as D;
  };
  return Object.assign(check, { invalid, all });
}

/**
 * An area's whole error kit from its table: `make` (its constructor), `codes` (named codes) and
 * `check` (its option checker, raising the table's INVALID_OPTION). All an errors.ts declares besides
 * the table is this one call.
 */
export function errorArea<const T extends ErrorTable & { readonly INVALID_OPTION: typeof INVALID_OPTION }>(name: string, table: T): { readonly make: ErrorMaker<T>; readonly codes: CodeNames<T>; readonly check: OptionChecker } {
  const make = defineErrors(name, table);
  return { make, codes: codeNames(table), check: optionChecker(make as unknown as InvalidOptionMaker) };
}
