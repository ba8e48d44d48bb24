/** Coded errors of the taxonomy layer (model, loaders, stores). Tests assert `code`, not text. */
export const TaxonomyErrorCode = {
  MissingFile: 'MISSING_FILE',
  MissingColumn: 'MISSING_COLUMN',
  BrokenQuoting: 'BROKEN_QUOTING',
  InvalidValue: 'INVALID_VALUE',
  DuplicateId: 'DUPLICATE_ID',
  UnknownParent: 'UNKNOWN_PARENT',
  UnknownReference: 'UNKNOWN_REFERENCE',
  Cycle: 'CYCLE',
  NoRoot: 'NO_ROOT',
  StoreUnavailable: 'STORE_UNAVAILABLE',
  StoreConflict: 'STORE_CONFLICT',
  StoreFailure: 'STORE_FAILURE',
} as const;

export type TaxonomyErrorCode = (typeof TaxonomyErrorCode)[keyof typeof TaxonomyErrorCode];

export interface ErrorLocation {
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;
}

/** One clear error: what (code + message), where (file, line, field), why (message). */
export class TaxonomyError extends Error {
  override readonly name = 'TaxonomyError';
  readonly code: TaxonomyErrorCode;
  readonly location: ErrorLocation;
  /** For stores: whether retrying the same call may succeed. */
  readonly retryable: boolean;

  constructor(code: TaxonomyErrorCode, message: string, location: ErrorLocation = {}, retryable = false, options?: ErrorOptions) {
    const where = [location.file, location.line !== undefined ? `line ${location.line}` : undefined, location.field ? `field ${location.field}` : undefined]
      .filter(Boolean)
      .join(', ');
    super(where ? `${where}: ${message}` : message, options);
    this.code = code;
    this.location = location;
    this.retryable = retryable;
  }
}
