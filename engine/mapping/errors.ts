import { INVALID_OPTION } from '../../taxonomy/model/coded-error.ts';
import { errorArea } from '../../taxonomy/model/option-check.ts';

/** Coded errors of cross-taxonomy skill mapping: code → message template. Tests assert `code`. */
export const MAPPING_ERRORS = {
  INVALID_OPTION,
  NO_TARGET_SKILLS: 'cannot map skills: no target skills ({hint})',
} as const;

export const { make: mappingError, codes: MappingErrorCode, check: checkMappingOption } = errorArea('MappingError', MAPPING_ERRORS);
export type MappingErrorCode = keyof typeof MAPPING_ERRORS;
