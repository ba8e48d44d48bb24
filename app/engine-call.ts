import { InvalidInputError } from './errors.ts';

/** Engine error classes whose codes mean "the caller's input is wrong" (each engine area's errors.ts). */
const ENGINE_ERRORS = new Set(['RankError', 'RecommendError', 'AnalyticsError', 'ProfileError', 'FitError', 'LinkingError', 'IngestError', 'RequirementsError']);

/** An engine's coded input error: a string `code` from one of the engine areas (by its name, until one shared base lands). */
function isEngineInputError(err: unknown): err is Error & { code: string; path?: unknown; field?: unknown } {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'string' && ENGINE_ERRORS.has(err.name);
}

/**
 * Runs an engine call; an engine's coded input error becomes an `InvalidInputError` (an expected
 * failure every adapter reports), keeping its field or path; anything else propagates as unexpected.
 */
export function engineCall<T>(fn: () => T, path = 'input'): T {
  try {
    return fn();
  } catch (err) {
    if (isEngineInputError(err)) {
      const where = [err.path, err.field].find((p): p is string => typeof p === 'string' && p !== '');
      throw new InvalidInputError(err.message, where ?? path);
    }
    throw err;
  }
}
