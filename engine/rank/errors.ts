import { codeNames, defineErrors, INVALID_OPTION } from '../../taxonomy/model/coded-error.ts';
import { optionChecker } from '../../taxonomy/model/option-check.ts';

/** Coded errors of ranking: code → message template. Tests assert `code`. */
export const RANK_ERRORS = {
  INVALID_OPTION,
  INVALID_CURSOR: 'invalid cursor: {cursor}',
  DUPLICATE_CANDIDATE: 'duplicate candidate id: {id}',
} as const;

export const RankErrorCode = codeNames(RANK_ERRORS);
export type RankErrorCode = keyof typeof RANK_ERRORS;
export const rankError = defineErrors('RankError', RANK_ERRORS);
export const checkRankOption = optionChecker(rankError);
