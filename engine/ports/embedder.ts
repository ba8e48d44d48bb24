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
  /**
   * Optional: one model pass per text that also returns a vector per character span, pooled from the
   * text's contextual token vectors (phrases of a sentence at the cost of the sentence alone). `vector`
   * equals `embed([text])[0]`; a span vector is the unit mean of the token vectors the span overlaps
   * (a zero vector when it overlaps none).
   */
  embedSpans?(items: readonly SpanRequest[]): Promise<SpanEmbedding[]>;
  dispose(): Promise<void>;
}

/** A text and the [start, end) character spans of it to pool vectors for. */
export interface SpanRequest {
  readonly text: string;
  readonly spans: readonly (readonly [number, number])[];
}

export interface SpanEmbedding {
  /** The whole text's vector (as `embed`). */
  readonly vector: Float32Array;
  /** One vector per requested span, in request order. */
  readonly spans: readonly Float32Array[];
}
