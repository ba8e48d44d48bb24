import { CodedError } from '../../taxonomy/model/coded-error.ts';

/** Coded errors of ingestion (parse + validate). Tests assert `code` and `path`, not message text. */
export const IngestErrorCode = {
  /** Not JSON (even leniently: comments stripped, concatenated objects split). */
  InvalidJson: 'INVALID_JSON',
  /** Not CSV (broken quoting, ragged rows) or missing the catalogue header. */
  InvalidCsv: 'INVALID_CSV',
  /** The document is none of the supported formats, or not the one asked for. */
  UnknownFormat: 'UNKNOWN_FORMAT',
  /** A required field is absent or empty. */
  MissingField: 'MISSING_FIELD',
  /** A field has the wrong type or an unparseable value (date, number, duration). */
  InvalidField: 'INVALID_FIELD',
  /** An identifier is malformed (CTDL ctid not `ce-` + UUID) or reused for another node. */
  InvalidId: 'INVALID_ID',
  /** The document parsed but holds nothing to ingest (no credential, competency, pathway, posting, row). */
  EmptyDocument: 'EMPTY_DOCUMENT',
  /** The document nests deeper than MAX_DEPTH levels (guards every recursive reader against stack overflow). */
  TooDeep: 'TOO_DEEP',
  /** An ingest option is invalid (`invalid <option>: <value>`). */
  InvalidOption: 'INVALID_OPTION',
} as const;

export type IngestErrorCode = (typeof IngestErrorCode)[keyof typeof IngestErrorCode];

/** Where, inside the input, the problem is. */
export interface IngestErrorLocation {
  /** JSON path from the document root, e.g. `credentialSubject.achievement.name`; '' for the root. */
  readonly path: string;
  /** 1-based line/column for syntax errors and CSV rows. */
  readonly line?: number;
  readonly column?: number;
}

/**
 * One clear error: what (code), where (path, line/column), why (message). A `CodedError` of the shared
 * mechanism (taxonomy/model/coded-error.ts) whose `field` is the path; the class stays because tests and
 * readers tell ingestion errors apart with `instanceof IngestError`.
 */
export class IngestError extends CodedError<IngestErrorCode> {
  readonly path: string;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(code: IngestErrorCode, message: string, location: IngestErrorLocation = { path: '' }, options?: ErrorOptions) {
    const where = [
      location.path ? `at ${location.path}` : '',
      location.line !== undefined ? `line ${location.line}${location.column !== undefined ? `, column ${location.column}` : ''}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    super('IngestError', code, where ? `${where}: ${message}` : message, location.path, options?.cause !== undefined ? { cause: options.cause } : {});
    this.path = location.path;
    this.line = location.line;
    this.column = location.column;
  }
}

export function isIngestError(e: unknown): e is IngestError {
  return e instanceof IngestError;
}

/** The message without its `at <path>, line …:` prefix (for reports that show the path in a column of their own). */
export function bareMessage(err: IngestError): string {
  const i = err.message.indexOf(': ');
  return err.message.startsWith('at ') || err.message.startsWith('line ') ? err.message.slice(i + 2) : err.message;
}
