import { INVALID_OPTION } from '../../taxonomy/model/coded-error.ts';
import { errorArea } from '../../taxonomy/model/option-check.ts';

/**
 * Coded errors of the profile area: code → message template. Each names the field path it is about
 * (`awards[2].issuedOn`, `halfLifeYears`) in `field`. Tests assert `code`, not text.
 */
export const PROFILE_ERRORS = {
  INVALID_OPTION,
  INVALID_INPUT: '{field}: {problem}',
  UNKNOWN_CREDENTIAL: '{field}: credential {credential} was not given',
} as const;

export const { make: profileError, codes: ProfileErrorCode, check: checkProfileOption } = errorArea('ProfileError', PROFILE_ERRORS);
export type ProfileErrorCode = keyof typeof PROFILE_ERRORS;
