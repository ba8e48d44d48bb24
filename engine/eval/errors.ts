/** Coded errors of the evaluation harness. Tests assert `code`. */
export const EvalErrorCode = {
  InvalidOption: 'INVALID_OPTION',
  InvalidRow: 'INVALID_ROW',
  UnknownLabel: 'UNKNOWN_LABEL',
  EmptyBenchmark: 'EMPTY_BENCHMARK',
} as const;

export type EvalErrorCode = (typeof EvalErrorCode)[keyof typeof EvalErrorCode];

export class EvalError extends Error {
  override readonly name = 'EvalError';
  readonly code: EvalErrorCode;
  constructor(code: EvalErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
