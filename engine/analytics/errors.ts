/** Coded errors of gap analytics. Tests assert `code`. */
export const AnalyticsErrorCode = {
  InvalidOption: 'INVALID_OPTION',
  InvalidWindow: 'INVALID_WINDOW',
} as const;

export type AnalyticsErrorCode = (typeof AnalyticsErrorCode)[keyof typeof AnalyticsErrorCode];

export class AnalyticsError extends Error {
  override readonly name = 'AnalyticsError';
  readonly code: AnalyticsErrorCode;
  constructor(code: AnalyticsErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
