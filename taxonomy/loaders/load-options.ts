import { checkTaxonomyOption as check, type TaxonomyError } from '../model/errors.ts';
import { boolean, callable, record } from '../model/option-check.ts';

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

/** Checks a loader's options once, with `invalid <option>: <value>`; returns them with defaults. */
export function checkLoadOptions<T extends LoadOptions>(opts: T | undefined, booleans: readonly (keyof T & string)[] = []): T {
  if (opts === undefined) return {} as T;
  check('options', opts, record);
  if (opts.onProgress !== undefined) check('onProgress', opts.onProgress, callable);
  if (opts.onWarning !== undefined) check('onWarning', opts.onWarning, callable);
  for (const key of booleans) if (opts[key] !== undefined) check(key, opts[key], boolean);
  return opts;
}

/** A file's progress callback: its phase is the file name (or 'validate'). */
export type ProgressOf = (path: string) => ((done: number, total: number) => void) | undefined;

/** Progress callbacks by file for a loader's `onProgress`; undefined without one. */
export function phaseProgress(options: LoadOptions): ProgressOf {
  return (path) => {
    const phase = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    const onProgress = options.onProgress;
    return onProgress ? (done: number, total: number) => onProgress(phase, done, total) : undefined;
  };
}
