import { INVALID_OPTION } from '../../taxonomy/model/coded-error.ts';
import { errorArea } from '../../taxonomy/model/option-check.ts';

/** Coded errors of the fit area (requirements, similarity, fit scoring): code → message template. Tests assert `code`. */
export const FIT_ERRORS = {
  INVALID_OPTION,
  INVALID_REQUIREMENT: 'role {role}: requirement {index} {problem}',
  EMPTY_ROLE: 'role {role} has no requirements',
  UNKNOWN_OCCUPATION: 'unknown occupation: {occupation}',
} as const;

export const { make: fitError, codes: FitErrorCode, check: checkFitOption } = errorArea('FitError', FIT_ERRORS);
export type FitErrorCode = keyof typeof FIT_ERRORS;
