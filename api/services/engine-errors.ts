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
    throw asInputError(err, path);
  }
}

/** `engineCall` for an async engine call (the linker). */
export async function engineCallAsync<T>(fn: () => Promise<T>, path = 'input'): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw asInputError(err, path);
  }
}

function asInputError(err: unknown, path: string): unknown {
  if (err instanceof Error && ENGINE_ERRORS.has(err.name)) {
    const p = (err as { path?: unknown }).path;
    return new InvalidInputError(err.message, typeof p === 'string' && p ? p : path);
  }
  return err;
}
