import { INVALID_OPTION } from '../../taxonomy/model/coded-error.ts';
import { errorArea } from '../../taxonomy/model/option-check.ts';

/** Coded errors of the evaluation harness: code → message template. Tests assert `code`. */
export const EVAL_ERRORS = {
  INVALID_OPTION,
  INVALID_ROW: 'row {row}: {problem}',
  UNKNOWN_LABEL: 'row {row}: label {label} is not a skill preferred label',
  EMPTY_BENCHMARK: 'nothing to evaluate: {reason}',
} as const;

export const { make: evalError, codes: EvalErrorCode, check: checkEvalOption } = errorArea('EvalError', EVAL_ERRORS);
export type EvalErrorCode = keyof typeof EVAL_ERRORS;
