/** Coded errors of the embedding area (embedder adapters, cache, vector math). Tests assert `code`. */
export const EmbeddingErrorCode = {
  InvalidOption: 'INVALID_OPTION',
  ModelMissing: 'MODEL_MISSING',
  ModelLoadFailed: 'MODEL_LOAD_FAILED',
  DimensionMismatch: 'DIMENSION_MISMATCH',
  Disposed: 'DISPOSED',
} as const;

export type EmbeddingErrorCode = (typeof EmbeddingErrorCode)[keyof typeof EmbeddingErrorCode];

export class EmbeddingError extends Error {
  override readonly name = 'EmbeddingError';
  readonly code: EmbeddingErrorCode;
  constructor(code: EmbeddingErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** `invalid <option>: <value>` as a coded error. */
export function invalidOption(option: string, value: unknown, expected: string): EmbeddingError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new EmbeddingError(EmbeddingErrorCode.InvalidOption, `invalid ${option}: ${shown} (expected ${expected})`);
}
