import { expect } from 'vitest';
import { TaxonomyError } from '../model/errors.ts';

/** Awaits a promise that must fail with a `TaxonomyError` and returns it (tests assert its code and location). */
export async function taxonomyFailure(promise: Promise<unknown>): Promise<TaxonomyError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(TaxonomyError);
    return err as TaxonomyError;
  }
  throw new Error('expected a TaxonomyError');
}
