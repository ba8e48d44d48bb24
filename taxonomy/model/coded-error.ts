/**
 * The one error mechanism of every area (STYLE.md §8, after Orama's src/errors.ts `createError`): an area
 * declares only a `const` table of codes → message templates and gets its constructor from
 * `defineErrors`. Every error carries its `code` (what tests and adapters match), the `field` or path it
 * is about, and `retryable` (whether the same call may succeed later; only stores set it). It lives in
 * taxonomy/model, the layer every other one may import, because taxonomy and engine both use it.
 */

/** `{name}` slots of a message template, as a union of their names. */
type Slots<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Slots<Rest> : never;

/** The values a template needs: one per slot (none for a template without slots). */
export type TemplateParams<S extends string> = { readonly [K in Slots<S>]: unknown };

/** An area's codes → message templates with `{name}` slots. */
export type ErrorTable = Readonly<Record<string, string>>;

export interface CodedErrorOptions {
  /** Whether retrying the same call may succeed (stores: busy, unreachable); default false. */
  readonly retryable?: boolean;
  readonly cause?: unknown;
}

/** An error with a code from an area's table; `name` is the area's (`RankError`, `TaxonomyError`, ...). */
export class CodedError<C extends string = string> extends Error {
  readonly code: C;
  /** The option, field or JSON path the error is about, when there is one. */
  readonly field: string | undefined;
  readonly retryable: boolean;

  constructor(name: string, code: C, message: string, field?: string, options: CodedErrorOptions = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = name;
    this.code = code;
    this.field = field;
    this.retryable = options.retryable ?? false;
  }
}

export function isCodedError(err: unknown): err is CodedError {
  return err instanceof CodedError;
}

/** Fills `{name}` slots; a missing value shows as `{name}` so a wrong call is visible, not silent. */
export function fillTemplate(template: string, params: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => (name in params ? String(params[name]) : slot));
}

/** The constructor of one area's errors: `make(code, params, field?, options?)`. */
export type ErrorMaker<T extends ErrorTable> = <C extends keyof T & string>(code: C, params: TemplateParams<T[C]>, field?: string, options?: CodedErrorOptions) => CodedError<keyof T & string>;

/** The one constructor: an area passes its name and table and gets its `make`. */
export function defineErrors<const T extends ErrorTable>(name: string, table: T): ErrorMaker<T> {
  return (code, params, field, options) => {
    const template = Object.hasOwn(table, code) ? table[code]! : `unknown ${name} code ${code}`; // only from an unchecked call
    return new CodedError(name, code, fillTemplate(template, params as Readonly<Record<string, unknown>>), field, options);
  };
}

type Pascal<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Capitalize<Lowercase<Head>>}${Pascal<Tail>}` : Capitalize<Lowercase<S>>;

/** `{ INVALID_OPTION: ... }` → `{ InvalidOption: 'INVALID_OPTION' }`: the named codes callers and tests use. */
export type CodeNames<T> = { readonly [K in keyof T & string as Pascal<K>]: K };

export function codeNames<const T extends ErrorTable>(table: T): CodeNames<T> {
  const pascal = (code: string): string => code.toLowerCase().replace(/(?:^|_)([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return Object.freeze(Object.fromEntries(Object.keys(table).map((code) => [pascal(code), code]))) as CodeNames<T>;
}

/** The template of INVALID_OPTION in every table: `invalid <option>: <value> (expected ...)` (STYLE.md §4). */
export const INVALID_OPTION = 'invalid {option}: {value} (expected {expected})';
