import type { TfidfData } from '../linking/tfidf-index.ts';

/**
 * A store for a skill index's label-vector matrix, keyed by its content (model id + every row text),
 * so a warm start reads one file instead of looking up ~113k vectors one by one in the embedding cache.
 * `load` returns null when no snapshot matches (wrong key or size); `save` may fail silently (a cache).
 */
export interface IndexSnapshot {
  load(modelId: string, texts: readonly string[], dim: number): Promise<Float32Array | null>;
  save(modelId: string, texts: readonly string[], matrix: Float32Array): Promise<void>;
}

/** The same for the lexical (char n-gram TF-IDF) index's arrays; synchronous (one file read). */
export interface TfidfSnapshot {
  load(texts: readonly string[]): TfidfData | null;
  save(texts: readonly string[], data: TfidfData): void;
}
