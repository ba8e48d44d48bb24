/** Coded errors of the fit area (requirements, similarity, fit scoring). Tests assert `code`. */
export const FitErrorCode = {
  InvalidOption: 'INVALID_OPTION',
  InvalidRequirement: 'INVALID_REQUIREMENT',
  EmptyRole: 'EMPTY_ROLE',
  UnknownOccupation: 'UNKNOWN_OCCUPATION',
} as const;

export type FitErrorCode = (typeof FitErrorCode)[keyof typeof FitErrorCode];

export class FitError extends Error {
  override readonly name = 'FitError';
  readonly code: FitErrorCode;
  constructor(code: FitErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Throws `invalid <option>: <value>` unless `value` is a finite number in [min, max]. */
export function checkNumber(option: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max) {
    throw new FitError(FitErrorCode.InvalidOption, `invalid ${option}: ${String(value)} (expected a number in [${min}, ${max}])`);
  }
  return value;
}
