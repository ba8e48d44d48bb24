import { InvalidInputError } from '../errors.ts';

/** Engine error classes whose codes mean "the caller's input is wrong" (each engine area's errors.ts). */
const ENGINE_ERRORS = new Set(['RankError', 'RecommendError', 'AnalyticsError', 'ProfileError', 'FitError', 'LinkingError', 'IngestError', 'RequirementsError']);

/**
 * Runs an engine call; an engine's coded input error becomes an `InvalidInputError` (a typed GraphQL
 * result), anything else propagates and is masked as unexpected.
 */
export function engineCall<T>(fn: () => T, path = 'input'): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Error && ENGINE_ERRORS.has(err.name)) {
      const p = (err as { path?: unknown }).path;
      throw new InvalidInputError(err.message, typeof p === 'string' && p ? p : path);
    }
    throw err;
  }
}
