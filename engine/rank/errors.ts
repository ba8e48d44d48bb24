import { INVALID_OPTION } from '../../taxonomy/model/coded-error.ts';
import { errorArea } from '../../taxonomy/model/option-check.ts';

/** Coded errors of ranking: code → message template. Tests assert `code`. */
export const RANK_ERRORS = {
  INVALID_OPTION,
  INVALID_CURSOR: 'invalid cursor: {cursor}',
  DUPLICATE_CANDIDATE: 'duplicate candidate id: {id}',
} as const;

export const { make: rankError, codes: RankErrorCode, check: checkRankOption } = errorArea('RankError', RANK_ERRORS);
export type RankErrorCode = keyof typeof RANK_ERRORS;
