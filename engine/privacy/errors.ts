import { INVALID_OPTION } from '../../taxonomy/model/coded-error.ts';
import { errorArea, integerIn, satisfies } from '../../taxonomy/model/option-check.ts';

/** Coded errors of the privacy mechanisms: code → message template (STYLE.md §8: tests assert the code). */
export const PRIVACY_ERRORS = {
  INVALID_OPTION,
} as const;

export const { make: privacyError, codes: PrivacyErrorCode, check: checkPrivacyOption } = errorArea('PrivacyError', PRIVACY_ERRORS);
export type PrivacyErrorCode = keyof typeof PRIVACY_ERRORS;

/** A finite number > 0 (ρ, budgets, periods, scales, variances). */
export const positiveFinite = satisfies<number>('a finite number > 0', (v) => typeof v === 'number' && Number.isFinite(v) && v > 0);
/** A number > 0 (a sensitivity). */
export const positive = satisfies<number>('a number > 0', (v) => typeof v === 'number' && v > 0);
/** δ of (ε, δ)-DP. */
export const probability = satisfies<number>('a number in (0, 1)', (v) => typeof v === 'number' && v > 0 && v < 1);
/** k of k-anonymity. */
export const minimumCellSize = integerIn(1);
