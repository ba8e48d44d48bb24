import { INVALID_OPTION } from '../../taxonomy/model/coded-error.ts';
import { errorArea } from '../../taxonomy/model/option-check.ts';

/** Coded errors of the linking area (skill index, linker, options): code → message template. Tests assert `code`. */
export const LINKING_ERRORS = {
  INVALID_OPTION,
  INVALID_INPUT: 'invalid {field}: {problem}',
  EMPTY_TAXONOMY: 'cannot build a skill index: the taxonomy has no skills',
  MODEL_MISMATCH: 'invalid embedder: model {model} differs from the index model {indexModel}',
} as const;

export const { make: linkingError, codes: LinkingErrorCode, check: checkLinkingOption } = errorArea('LinkingError', LINKING_ERRORS);
export type LinkingErrorCode = keyof typeof LINKING_ERRORS;
/** `invalid <option>: <value> (expected ...)` as a coded error. */
export const invalidOption = checkLinkingOption.invalid;
