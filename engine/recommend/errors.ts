import { codeNames, defineErrors, INVALID_OPTION } from '../../taxonomy/model/coded-error.ts';
import { optionChecker } from '../../taxonomy/model/option-check.ts';

/** Coded errors of recommendation: code → message template. Tests assert `code`. */
export const RECOMMEND_ERRORS = { INVALID_OPTION } as const;

export const RecommendErrorCode = codeNames(RECOMMEND_ERRORS);
export type RecommendErrorCode = keyof typeof RECOMMEND_ERRORS;
export const recommendError = defineErrors('RecommendError', RECOMMEND_ERRORS);
export const checkRecommendOption = optionChecker(recommendError);
