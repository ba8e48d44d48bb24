import type { EmbeddingEntry } from '../../taxonomy/model/types.ts';

/**
 * Where embeddings are kept between runs, keyed by (model id, text hash). `GraphStore` satisfies
 * this port structurally, so the SQLite store doubles as the persistent cache.
 */
export interface EmbeddingCache {
  /** Cached vectors for the hashes that are present; missing hashes are absent from the map. */
  getEmbeddings(modelId: string, textHashes: readonly string[]): Promise<Map<string, Float32Array>>;
  /** Stores vectors (idempotent). */
  putEmbeddings(modelId: string, entries: readonly EmbeddingEntry[]): Promise<void>;
}

/** A hash of the exact text (hex sha256 in production, injected so the engine stays pure). */
export type TextHash = (text: string) => string;
