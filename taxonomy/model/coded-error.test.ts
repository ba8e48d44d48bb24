import { describe, expect, it } from 'vitest';
import { CodedError, codeNames, defineErrors, fillTemplate, INVALID_OPTION, isCodedError } from './coded-error.ts';
import { TaxonomyError } from './errors.ts';

const TABLE = {
  INVALID_OPTION,
  DUPLICATE_ID: 'duplicate id {id} in {file}',
  EMPTY: 'nothing to do',
} as const;
const make = defineErrors('ExampleError', TABLE);

describe('defineErrors(name, table)', () => {
  it('make(code, params) fills the code template and keeps code, name, field and retryable', () => {
    const err = make('DUPLICATE_ID', { id: 'a', file: 'x.csv' }, 'rows[3].id', { retryable: true });
    expect(err).toBeInstanceOf(CodedError);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ name: 'ExampleError', code: 'DUPLICATE_ID', field: 'rows[3].id', retryable: true, message: 'duplicate id a in x.csv' });
    expect(isCodedError(err)).toBe(true);
  });

  it('make() without field or options leaves field undefined and retryable false; cause is kept', () => {
    const cause = new Error('low level');
    expect(make('EMPTY', {})).toMatchObject({ field: undefined, retryable: false, message: 'nothing to do' });
    expect(make('EMPTY', {}, undefined, { cause }).cause).toBe(cause);
  });

  it('make() rejects at compile time a code outside the table or a missing template value', () => {
    // @ts-expect-error: not a code of the table
    expect(make('NOPE', {}).message).toBe('unknown ExampleError code NOPE');
    // @ts-expect-error: `file` is missing
    expect(make('DUPLICATE_ID', { id: 'a' }).message).toBe('duplicate id a in {file}');
  });
});

describe('codeNames(table)', () => {
  it('names each code in PascalCase, value the code itself', () => {
    const names = codeNames(TABLE);
    expect(names).toEqual({ InvalidOption: 'INVALID_OPTION', DuplicateId: 'DUPLICATE_ID', Empty: 'EMPTY' });
    const typed: 'DUPLICATE_ID' = names.DuplicateId;
    expect(typed).toBe('DUPLICATE_ID');
  });
});

describe('fillTemplate()', () => {
  it('fills every slot, leaves an unknown slot visible', () => {
    expect(fillTemplate('invalid {option}: {value} (expected {expected})', { option: 'k', value: 0, expected: 'a positive integer' })).toBe('invalid k: 0 (expected a positive integer)');
    expect(fillTemplate('{a}{b}', { a: 1 })).toBe('1{b}');
  });
});

describe('area classes on the shared base', () => {
  it('TaxonomyError is a CodedError with its field and retryable', () => {
    const err = new TaxonomyError('STORE_UNAVAILABLE', 'busy', { file: 'db.sqlite', field: 'skills' }, true);
    expect(isCodedError(err)).toBe(true);
    expect(err).toMatchObject({ name: 'TaxonomyError', code: 'STORE_UNAVAILABLE', field: 'skills', retryable: true, message: 'db.sqlite, field skills: busy' });
  });

  it('isCodedError() is false for a plain error or a thrown value', () => {
    expect(isCodedError(new Error('x'))).toBe(false);
    expect(isCodedError({ code: 'INVALID_OPTION' })).toBe(false);
  });
});
