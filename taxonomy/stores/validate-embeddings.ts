import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';
import type { EmbeddingEntry } from '../model/types.ts';
import { checkCollection, describeValue, id, shape, type Check } from './field-checks.ts';

const float32Array: Check = (v) => (v instanceof Float32Array ? undefined : { at: '', expected: 'a Float32Array', got: v });
const entry = shape({ textHash: id, vector: float32Array });

/**
 * What every store checks before `putEmbeddings`: the model id is a non-empty string without a
 * newline (the Neo4j store keys embeddings by `modelId \n textHash`), `entries` is an array and each
 * entry has a non-empty `textHash` and a Float32Array `vector`. Throws ONE TaxonomyError
 * INVALID_VALUE naming the field (`entries[2].vector`).
 */
export function validateEmbeddings(modelId: string, entries: readonly EmbeddingEntry[]): void {
  if (typeof modelId !== 'string' || modelId === '' || modelId.includes('\n')) {
    throw new TaxonomyError(TaxonomyErrorCode.InvalidValue, `modelId must be a non-empty string without a newline, got ${describeValue(modelId)}`, { field: 'modelId' });
  }
  checkCollection('entries', 'embedding', entries, entry);
}
