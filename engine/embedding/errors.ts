import { INVALID_OPTION } from '../../taxonomy/model/coded-error.ts';
import { errorArea } from '../../taxonomy/model/option-check.ts';

/** Coded errors of the embedding area (embedder adapters, cache, vector math): code → message template. Tests assert `code`. */
export const EMBEDDING_ERRORS = {
  INVALID_OPTION,
  MODEL_MISSING: 'model file missing: {file} (set SKILLGRAPH_MODELS or run scripts/provision-model to put {model} in place)',
  MODEL_LOAD_FAILED: '{reason}',
  MODEL_CONFIG_INVALID: '{file}: {reason} (the embedder runs BERT-like sentence encoders: mean-pooled vectors of hidden_size dimensions)',
  DIMENSION_MISMATCH: 'cached vector for {model} has {got} dimensions, expected {expected}',
  DISPOSED: 'embedder {model} was disposed',
} as const;

export const { make: embeddingError, codes: EmbeddingErrorCode, check: checkEmbeddingOption } = errorArea('EmbeddingError', EMBEDDING_ERRORS);
export type EmbeddingErrorCode = keyof typeof EMBEDDING_ERRORS;
/** `invalid <option>: <value> (expected ...)` as a coded error. */
export const invalidOption = checkEmbeddingOption.invalid;
