import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';

/** Options every taxonomy loader takes. */
export interface LoadOptions {
  /** Progress per phase (a file name, or 'validate'): bytes read so far and the file size. */
  readonly onProgress?: (phase: string, done: number, total: number) => void;
  /**
   * Data quirks the loader tolerates (e.g. ESCO's dangling occupation), reported once each after a
   * successful load, as TaxonomyErrors with code and location. Never called when the load fails.
   */
  readonly onWarning?: (warning: TaxonomyError) => void;
}

function invalid(option: string, value: unknown): TaxonomyError {
  let shown: string;
  try {
    shown = String(value);
  } catch {
    shown = Object.prototype.toString.call(value); // e.g. { toString: false } or a null-prototype object
  }
  return new TaxonomyError(TaxonomyErrorCode.InvalidValue, `invalid ${option}: ${shown}`, { field: option });
}

/** Checks a loader's options once, with `invalid <option>: <value>`; returns them with defaults. */
export function checkLoadOptions<T extends LoadOptions>(opts: T | undefined, booleans: readonly (keyof T & string)[] = []): T {
  if (opts === undefined) return {} as T;
  if (opts === null || typeof opts !== 'object') throw invalid('options', opts);
  if (opts.onProgress !== undefined && typeof opts.onProgress !== 'function') throw invalid('onProgress', opts.onProgress);
  if (opts.onWarning !== undefined && typeof opts.onWarning !== 'function') throw invalid('onWarning', opts.onWarning);
  for (const key of booleans) {
    const value = opts[key];
    if (value !== undefined && typeof value !== 'boolean') throw invalid(key, value);
  }
  return opts;
}
