import { CodedError, fillTemplate, INVALID_OPTION } from './coded-error.ts';
import { optionChecker } from './option-check.ts';

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

/**
 * One clear error: what (code + message), where (file, line, field), why (message). A `CodedError` of
 * the shared mechanism (coded-error.ts) with `field` and, for stores, `retryable`; the class stays
 * because loaders, stores, tests and scripts tell taxonomy errors apart with `instanceof TaxonomyError`.
 */
export class TaxonomyError extends CodedError<TaxonomyErrorCode> {
  readonly location: ErrorLocation;

  constructor(code: TaxonomyErrorCode, message: string, location: ErrorLocation = {}, retryable = false, options?: ErrorOptions) {
    const where = [location.file, location.line !== undefined ? `line ${location.line}` : undefined, location.field ? `field ${location.field}` : undefined]
      .filter(Boolean)
      .join(', ');
    super('TaxonomyError', code, where ? `${where}: ${message}` : message, location.field, { retryable, ...(options?.cause !== undefined ? { cause: options.cause } : {}) });
    this.location = location;
  }
}

/**
 * The option checker of loaders and stores. Their bad options keep the code they always had,
 * INVALID_VALUE (with `field` = the option), in the message every area uses.
 */
export const checkTaxonomyOption = optionChecker((_code, params, field) => new TaxonomyError(TaxonomyErrorCode.InvalidValue, fillTemplate(INVALID_OPTION, params), field === undefined ? {} : { field }));
