import { INVALID_OPTION } from '../../taxonomy/model/coded-error.ts';
import { errorArea } from '../../taxonomy/model/option-check.ts';

/** Coded errors of gap analytics: code → message template. Tests assert `code`. */
export const ANALYTICS_ERRORS = {
  INVALID_OPTION,
  INVALID_WINDOW: 'invalid {field}: {value} ({reason})',
} as const;

export const { make: analyticsError, codes: AnalyticsErrorCode, check: checkAnalyticsOption } = errorArea('AnalyticsError', ANALYTICS_ERRORS);
export type AnalyticsErrorCode = keyof typeof ANALYTICS_ERRORS;
