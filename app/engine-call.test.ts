import { describe, expect, it } from 'vitest';
import { embeddingError } from '../engine/embedding/errors.ts';
import { IngestError } from '../engine/ingest/errors.ts';
import { profileError } from '../engine/profile/errors.ts';
import { rankError } from '../engine/rank/errors.ts';
import { TaxonomyError } from '../taxonomy/model/errors.ts';
import { InvalidInputError } from './errors.ts';
import { engineCall } from './engine-call.ts';

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('engineCall(fn, path) maps engine errors by code', () => {
  it('an engine input code becomes InvalidInputError at the error field (a JSON path, a record field)', () => {
    const ingest = thrown(() => engineCall(() => { throw new IngestError('MISSING_FIELD', 'name is required', { path: 'credentialSubject.achievement.name' }); }, 'input'));
    expect(ingest).toBeInstanceOf(InvalidInputError);
    expect(ingest).toMatchObject({ path: 'credentialSubject.achievement.name' });
    const profile = thrown(() => engineCall(() => { throw profileError('INVALID_INPUT', { field: 'awards[2].issuedOn', problem: 'not a date' }, 'awards[2].issuedOn'); }));
    expect(profile).toMatchObject({ path: 'awards[2].issuedOn', message: 'awards[2].issuedOn: not a date' });
  });

  it('INVALID_OPTION and an error without a field land at the argument path the adapter names', () => {
    const option = thrown(() => engineCall(() => { throw rankError('INVALID_OPTION', { option: 'top', value: 0, expected: 'an integer in [1, 1000]' }, 'top'); }, 'first'));
    expect(option).toBeInstanceOf(InvalidInputError);
    expect(option).toMatchObject({ path: 'first', message: 'invalid top: 0 (expected an integer in [1, 1000])' });
    const cursor = thrown(() => engineCall(() => { throw rankError('INVALID_CURSOR', { cursor: 'nope' }); }, 'after'));
    expect(cursor).toMatchObject({ path: 'after' });
  });

  it('store and model failures are not input errors: they propagate unchanged (masked later)', () => {
    const store = new TaxonomyError('STORE_UNAVAILABLE', 'busy', {}, true);
    expect(thrown(() => engineCall(() => { throw store; }))).toBe(store);
    const disposed = embeddingError('DISPOSED', { model: 'm' });
    expect(thrown(() => engineCall(() => { throw disposed; }))).toBe(disposed);
    const plain = new Error('bug');
    expect(thrown(() => engineCall(() => { throw plain; }))).toBe(plain);
  });
});
