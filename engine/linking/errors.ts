/** Coded errors of the linking area (skill index, linker, options). Tests assert `code`. */
export const LinkingErrorCode = {
  InvalidOption: 'INVALID_OPTION',
  InvalidInput: 'INVALID_INPUT',
  EmptyTaxonomy: 'EMPTY_TAXONOMY',
  ModelMismatch: 'MODEL_MISMATCH',
} as const;

export type LinkingErrorCode = (typeof LinkingErrorCode)[keyof typeof LinkingErrorCode];

export class LinkingError extends Error {
  override readonly name = 'LinkingError';
  readonly code: LinkingErrorCode;
  constructor(code: LinkingErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export function invalidOption(option: string, value: unknown, expected: string): LinkingError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'function' ? 'a function' : JSON.stringify(value) ?? String(value);
  return new LinkingError(LinkingErrorCode.InvalidOption, `invalid ${option}: ${shown} (expected ${expected})`);
}
