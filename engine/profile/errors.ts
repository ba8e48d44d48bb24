/** Coded errors of the profile area. Tests assert `code`, not text. */
export const ProfileErrorCode = {
  InvalidOption: 'INVALID_OPTION',
  InvalidInput: 'INVALID_INPUT',
  UnknownCredential: 'UNKNOWN_CREDENTIAL',
} as const;

export type ProfileErrorCode = (typeof ProfileErrorCode)[keyof typeof ProfileErrorCode];

export class ProfileError extends Error {
  override readonly name = 'ProfileError';
  readonly code: ProfileErrorCode;
  /** Field path the error is about (`awards[2].issuedOn`, `halfLifeYears`). */
  readonly field: string;

  constructor(code: ProfileErrorCode, field: string, message: string) {
    super(message);
    this.code = code;
    this.field = field;
  }
}
