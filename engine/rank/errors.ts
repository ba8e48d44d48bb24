/** Coded errors of ranking. Tests assert `code`. */
export const RankErrorCode = {
  InvalidOption: 'INVALID_OPTION',
  InvalidCursor: 'INVALID_CURSOR',
  DuplicateCandidate: 'DUPLICATE_CANDIDATE',
} as const;

export type RankErrorCode = (typeof RankErrorCode)[keyof typeof RankErrorCode];

export class RankError extends Error {
  override readonly name = 'RankError';
  readonly code: RankErrorCode;
  constructor(code: RankErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
