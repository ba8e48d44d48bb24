/** Coded errors of recommendation. Tests assert `code`. */
export const RecommendErrorCode = {
  InvalidOption: 'INVALID_OPTION',
} as const;

export type RecommendErrorCode = (typeof RecommendErrorCode)[keyof typeof RecommendErrorCode];

export class RecommendError extends Error {
  override readonly name = 'RecommendError';
  readonly code: RecommendErrorCode;
  constructor(code: RecommendErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export function checkOption(option: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max) {
    throw new RecommendError(RecommendErrorCode.InvalidOption, `invalid ${option}: ${String(value)} (expected a number in [${min}, ${max}])`);
  }
  return value;
}
