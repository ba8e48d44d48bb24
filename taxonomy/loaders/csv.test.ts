import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TaxonomyErrorCode } from '../model/errors.ts';
import { CSV, readCsv, TSV_UNQUOTED, type CsvFormat } from './csv.ts';
import { taxonomyFailure } from '../testing/failure.ts';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

async function file(text: string): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'csv-'));
  const path = join(dir, 'data.csv');
  await writeFile(path, text);
  return path;
}

async function rows(path: string, format: CsvFormat = CSV): Promise<[number, string, string][]> {
  const out: [number, string, string][] = [];
  await readCsv(path, { format, required: ['a'], optional: ['b'] }, (row) => out.push([row.line, row.get('a'), row.get('b')]));
  return out;
}

const failure = taxonomyFailure;

describe('readCsv(file, spec, onRow)', () => {
  it('gives each record its starting line when fields hold line breaks', async () => {
    const path = await file('a,b\r\n"x\ny\nz",1\r\nplain,2\r\n"p\r\nq",3\r\nlast,4\r\n');
    expect(await rows(path)).toEqual([
      [2, 'x\ny\nz', '1'],
      [5, 'plain', '2'],
      [6, 'p\r\nq', '3'],
      [8, 'last', '4'],
    ]);
  });

  it('reads an optional column as empty when the header lacks it', async () => {
    const path = await file('a\r\n1\r\n');
    expect(await rows(path)).toEqual([[2, '1', '']]);
  });

  it('treats quotes as ordinary characters in unquoted tab-separated files', async () => {
    const path = await file('a\tb\r\n12" pipe\tx\r\n"open\ty\r\n');
    expect(await rows(path, TSV_UNQUOTED)).toEqual([
      [2, '12" pipe', 'x'],
      [3, '"open', 'y'],
    ]);
  });

  it('fails with MISSING_COLUMN at line 1 naming the column', async () => {
    const path = await file('b\r\n1\r\n');
    const err = await failure(rows(path));
    expect(err.code).toBe(TaxonomyErrorCode.MissingColumn);
    expect(err.location).toEqual({ file: path, line: 1, field: 'a' });
  });

  it('fails with BROKEN_QUOTING at the starting line of an unclosed quoted record', async () => {
    const path = await file('a,b\r\n"x\ny",1\r\n2,"never closed\r\n3,4\r\n');
    const err = await failure(rows(path));
    expect(err.code).toBe(TaxonomyErrorCode.BrokenQuoting);
    expect(err.location).toEqual({ file: path, line: 4, field: 'b' });
  });

  it('fails with BROKEN_QUOTING on a record with too many fields', async () => {
    const path = await file('a,b\r\n1,2\r\n3,4,5\r\n');
    const err = await failure(rows(path));
    expect(err.code).toBe(TaxonomyErrorCode.BrokenQuoting);
    expect(err.location.line).toBe(3);
  });

  it('fails with MISSING_FILE for a path that does not exist', async () => {
    const err = await failure(rows(join(tmpdir(), 'no-such-file.csv')));
    expect(err.code).toBe(TaxonomyErrorCode.MissingFile);
  });
});
