/** Coded errors of the privacy mechanisms (STYLE.md §8: tests assert the code). */
export const PrivacyErrorCode = {
  InvalidOption: 'INVALID_OPTION',
  BudgetExhausted: 'BUDGET_EXHAUSTED',
} as const;
export type PrivacyErrorCode = (typeof PrivacyErrorCode)[keyof typeof PrivacyErrorCode];

export class PrivacyError extends Error {
  override readonly name = 'PrivacyError';
  constructor(
    readonly code: PrivacyErrorCode,
    message: string,
    readonly path: string = '',
  ) {
    super(message);
  }
}
