import { INVALID_OPTION } from '../../taxonomy/model/coded-error.ts';
import { errorArea } from '../../taxonomy/model/option-check.ts';

/** Coded errors of recommendation: code → message template. Tests assert `code`. */
export const RECOMMEND_ERRORS = { INVALID_OPTION } as const;

export const { make: recommendError, codes: RecommendErrorCode, check: checkRecommendOption } = errorArea('RecommendError', RECOMMEND_ERRORS);
export type RecommendErrorCode = keyof typeof RECOMMEND_ERRORS;
