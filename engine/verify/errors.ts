/** Coded errors of the verification area (issuing helpers and options). Tests assert `code`, not text. */
export const VerifyErrorCode = {
  InvalidOption: 'INVALID_OPTION',
  InvalidCredential: 'INVALID_CREDENTIAL',
  IssuerKeyMismatch: 'ISSUER_KEY_MISMATCH',
  UnsupportedAlgorithm: 'UNSUPPORTED_ALGORITHM',
} as const;

export type VerifyErrorCode = (typeof VerifyErrorCode)[keyof typeof VerifyErrorCode];

export class VerifyError extends Error {
  override readonly name = 'VerifyError';
  readonly code: VerifyErrorCode;
  /** Field path the error is about, when there is one. */
  readonly field: string | undefined;

  constructor(code: VerifyErrorCode, message: string, field?: string, options?: ErrorOptions) {
    super(field ? `field ${field}: ${message}` : message, options);
    this.code = code;
    this.field = field;
  }
}
