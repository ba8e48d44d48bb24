import { codeNames, defineErrors, INVALID_OPTION } from '../../taxonomy/model/coded-error.ts';
import { optionChecker } from '../../taxonomy/model/option-check.ts';

/** Coded errors of the linking area (skill index, linker, options): code → message template. Tests assert `code`. */
export const LINKING_ERRORS = {
  INVALID_OPTION,
  INVALID_INPUT: 'invalid {field}: {problem}',
  EMPTY_TAXONOMY: 'cannot build a skill index: the taxonomy has no skills',
  MODEL_MISMATCH: 'invalid embedder: model {model} differs from the index model {indexModel}',
} as const;

export const LinkingErrorCode = codeNames(LINKING_ERRORS);
export type LinkingErrorCode = keyof typeof LINKING_ERRORS;
export const linkingError = defineErrors('LinkingError', LINKING_ERRORS);
export const checkLinkingOption = optionChecker(linkingError);
/** `invalid <option>: <value> (expected ...)` as a coded error. */
export const invalidOption = checkLinkingOption.invalid;
