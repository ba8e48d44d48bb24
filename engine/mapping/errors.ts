/** Coded errors of cross-taxonomy skill mapping. Tests assert `code`. */
export const MappingErrorCode = {
  InvalidOption: 'INVALID_OPTION',
  NoTargets: 'NO_TARGET_SKILLS',
} as const;

export type MappingErrorCode = (typeof MappingErrorCode)[keyof typeof MappingErrorCode];

export class MappingError extends Error {
  override readonly name = 'MappingError';
  readonly code: MappingErrorCode;
  constructor(code: MappingErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
