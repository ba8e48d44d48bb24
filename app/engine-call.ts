import { AnalyticsErrorCode } from '../engine/analytics/errors.ts';
import { FitErrorCode } from '../engine/fit/errors.ts';
import { IngestErrorCode } from '../engine/ingest/errors.ts';
import { LinkingErrorCode } from '../engine/linking/errors.ts';
import { ProfileErrorCode } from '../engine/profile/errors.ts';
import { RankErrorCode } from '../engine/rank/errors.ts';
import { RecommendErrorCode } from '../engine/recommend/errors.ts';
import { isCodedError } from '../taxonomy/model/coded-error.ts';
import { InvalidInputError } from './errors.ts';

/**
 * Engine codes that mean "the caller's input is wrong": every code of the areas whose calls take the
 * caller's input (ranking, recommendation, analytics, profiles, fit, linking, ingestion). Store codes
 * (STORE_*) and the embedder's (MODEL_*, DISPOSED, ...) are not among them and stay unexpected.
 */
const INPUT_CODES: ReadonlySet<string> = new Set(
  [RankErrorCode, RecommendErrorCode, AnalyticsErrorCode, ProfileErrorCode, FitErrorCode, LinkingErrorCode, IngestErrorCode].flatMap((codes) => Object.values(codes)),
);

/**
 * Runs an engine call; an engine's coded input error becomes an `InvalidInputError` (a typed GraphQL
 * result), anything else propagates and is masked as unexpected. Its path: `path` (the argument that
 * carried the engine's options) for INVALID_OPTION, whose field is the engine's option name; else the
 * error's own field or JSON path when it names one (ingestion, profiles), else `path`.
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
  return isCodedError(err) && INPUT_CODES.has(err.code) ? new InvalidInputError(err.message, err.code === 'INVALID_OPTION' ? path : err.field || path) : err;
}
