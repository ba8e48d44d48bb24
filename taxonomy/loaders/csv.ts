import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parse, type Options as ParseOptions } from 'csv-parse';
import { TaxonomyError, TaxonomyErrorCode, type ErrorLocation } from '../model/errors.ts';

/** How a delimited text file is written. */
export interface CsvFormat {
  /** Field separator: `,` (ESCO, crosswalk) or a tab (O*NET). */
  readonly delimiter: string;
  /** False for files without quoting (O*NET text files, where `"` is an ordinary character). */
  readonly quoting: boolean;
  /** True only for files whose rows have varying field counts (ESCO `skillsHierarchy_en.csv`). */
  readonly ragged: boolean;
}

export const CSV: CsvFormat = { delimiter: ',', quoting: true, ragged: false };
export const TSV_UNQUOTED: CsvFormat = { delimiter: '\t', quoting: false, ragged: false };

/** One record, reused between calls: read what you need inside the callback, keep nothing. */
export interface CsvRow<C extends string> {
  readonly file: string;
  /** Physical line (1-based) the record starts on; records may span lines. */
  readonly line: number;
  /** The field of a column ('' when an optional column is absent or a ragged row is short). */
  get(column: C): string;
  /** A coded error located at this record and `field`. */
  error(code: TaxonomyErrorCode, message: string, field?: string): TaxonomyError;
}

export interface CsvReadSpec<C extends string> {
  readonly format: CsvFormat;
  /** Columns that must be in the header (MISSING_COLUMN otherwise). */
  readonly required: readonly C[];
  /** Columns read when present. */
  readonly optional?: readonly C[];
  /** Called after each chunk read: bytes read so far, file size. */
  readonly onProgress?: (done: number, total: number) => void;
}

class Row<C extends string> implements CsvRow<C> {
  line = 1;
  fields: readonly string[] = [];
  constructor(
    readonly file: string,
    private readonly index: ReadonlyMap<C, number>,
  ) {}

  get(column: C): string {
    const i = this.index.get(column);
    return i === undefined ? '' : (this.fields[i] ?? '');
  }

  error(code: TaxonomyErrorCode, message: string, field?: string): TaxonomyError {
    const location: ErrorLocation = field === undefined ? { file: this.file, line: this.line } : { file: this.file, line: this.line, field };
    return new TaxonomyError(code, message, location);
  }
}

function parserOptions(format: CsvFormat, extra: ParseOptions = {}): ParseOptions {
  return {
    delimiter: format.delimiter,
    quote: format.quoting ? '"' : null,
    relax_column_count: format.ragged,
    bom: true,
    ...extra,
  };
}

/** Line breaks inside a record's fields (a record ends in one line break of its own). */
function innerLineBreaks(record: readonly string[]): number {
  let n = 0;
  for (const field of record) {
    let at = field.indexOf('\n');
    while (at !== -1) {
      n++;
      at = field.indexOf('\n', at + 1);
    }
  }
  return n;
}

function isCsvError(err: unknown): err is Error & { code: string; records?: number; column?: number | string } {
  if (!(err instanceof Error) || err instanceof TaxonomyError) return false;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE');
}

/**
 * The starting line of record number `records` (0-based, header included) and the header, by re-reading
 * the good records before it (records parsed before an error may never reach the consumer).
 */
async function locateRecord(file: string, format: CsvFormat, records: number): Promise<{ line: number; header: readonly string[] }> {
  let line = 1;
  let header: readonly string[] = [];
  let seen = 0;
  const parser = createReadStream(file).pipe(parse(parserOptions(format, { to: Math.max(1, records) })));
  for await (const record of parser as AsyncIterable<string[]>) {
    if (seen === 0) header = record.map((h) => h.trim());
    if (seen < records) line += 1 + innerLineBreaks(record);
    if (++seen >= Math.max(1, records)) break;
  }
  return { line, header };
}

/**
 * Streams a delimited file record by record through csv-parse, checks the header for the required
 * columns, tracks each record's starting line, and calls `onRow` for every data record.
 * Resolves to the number of data records. Errors: MISSING_FILE, MISSING_COLUMN (line 1, the column),
 * BROKEN_QUOTING (any csv-parse error: the record's starting line and field), and whatever `onRow` throws.
 */
export async function readCsv<C extends string>(file: string, spec: CsvReadSpec<C>, onRow: (row: CsvRow<C>) => void): Promise<number> {
  let total: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    total = info.size;
  } catch (cause) {
    throw new TaxonomyError(TaxonomyErrorCode.MissingFile, 'file not found or not readable', { file }, false, { cause });
  }

  const source = createReadStream(file, { highWaterMark: 1 << 20 });
  const parser = parse(parserOptions(spec.format));
  source.on('error', (err) => parser.destroy(err));
  const onProgress = spec.onProgress;
  if (onProgress) {
    let done = 0;
    source.on('data', (chunk) => {
      done += chunk.length;
      onProgress(done, total);
    });
  }
  source.pipe(parser);

  let header: string[] | null = null;
  let row: Row<C> | null = null;
  let line = 1;
  let count = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (row === null) {
        header = record.map((h) => h.trim());
        const index = new Map<C, number>();
        for (const column of [...spec.required, ...(spec.optional ?? [])]) {
          const at = header.indexOf(column);
          if (at !== -1) index.set(column, at);
        }
        for (const column of spec.required) {
          if (!index.has(column)) throw new TaxonomyError(TaxonomyErrorCode.MissingColumn, `missing column "${column}" in the header`, { file, line: 1, field: column });
        }
        row = new Row(file, index);
      } else if (!(spec.format.ragged && record.length === 1 && record[0] === '')) {
        row.fields = record;
        row.line = line;
        onRow(row);
        count++;
      }
      line += 1 + innerLineBreaks(record);
    }
  } catch (err) {
    source.destroy();
    if (isCsvError(err)) {
      const at = await locateRecord(file, spec.format, err.records ?? 0).catch(() => ({ line, header: header ?? [] }));
      const column = err.column;
      const field = typeof column === 'number' ? (at.header[column] ?? `column ${column + 1}`) : typeof column === 'string' ? column : undefined;
      const location: ErrorLocation = field === undefined ? { file, line: at.line } : { file, line: at.line, field };
      throw new TaxonomyError(TaxonomyErrorCode.BrokenQuoting, `malformed record: ${err.message}`, location, false, { cause: err });
    }
    if (err instanceof TaxonomyError) throw err;
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    throw new TaxonomyError(TaxonomyErrorCode.MissingFile, `cannot read file (${code ?? String(err)})`, { file }, false, { cause: err });
  }
  if (row === null) throw new TaxonomyError(TaxonomyErrorCode.MissingColumn, 'empty file: no header', { file, line: 1 });
  return count;
}
