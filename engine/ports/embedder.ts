/**
 * The embedder port. The engine never loads a model itself: an adapter (transformers.js, or a small
 * deterministic fake in unit tests) is passed in. Shape follows transformers.js `pipeline()`:
 * a callable-like object that can be disposed.
 */
export interface Embedder {
  /** Stable id of the model and its variant (e.g. `all-MiniLM-L6-v2@q8`): part of every cache key. */
  readonly modelId: string;
  /** Vector length (384 for all-MiniLM-L6-v2). */
  readonly dimensions: number;
  /**
   * Embeds texts; returns unit-length vectors in input order. Texts that yield no tokens give a
   * defined vector (never NaN).
   */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}
