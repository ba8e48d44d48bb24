import type { Embedder } from '../ports/embedder.ts';
import type { EmbeddingCache, TextHash } from './cache.ts';
import { EmbeddingError, EmbeddingErrorCode, invalidOption } from './errors.ts';

export interface CachedEmbedderOptions {
  readonly embedder: Embedder;
  readonly cache: EmbeddingCache;
  /** Hash of the exact text; the adapter side passes sha256 (`engine/adapters/sha256.ts`). */
  readonly hash: TextHash;
  /** Texts looked up / written per cache call (default 2,000). */
  readonly chunkSize?: number;
}

/** Counters of a cached embedder: how many texts were asked for, and how many went to the model. */
export interface CacheStats {
  requested: number;
  hits: number;
  embedded: number;
}

export interface CachedEmbedder extends Embedder {
  readonly stats: Readonly<CacheStats>;
  /** The wrapped embedder (dispose() disposes it too). */
  readonly inner: Embedder;
}

/**
 * Wraps an Embedder with an EmbeddingCache keyed by (model id, hash of text): texts seen before (in this
 * call, earlier calls or earlier runs) are read back, only new distinct texts reach the model.
 */
export function createCachedEmbedder(opts: CachedEmbedderOptions): CachedEmbedder {
  const { embedder, cache, hash } = opts;
  if (!embedder || typeof embedder.embed !== 'function') throw invalidOption('embedder', embedder, 'an Embedder');
  if (!cache || typeof cache.getEmbeddings !== 'function' || typeof cache.putEmbeddings !== 'function') {
    throw invalidOption('cache', cache, 'an EmbeddingCache');
  }
  if (typeof hash !== 'function') throw invalidOption('hash', hash, 'a function (text) => string');
  const chunkSize = opts.chunkSize ?? 2000;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw invalidOption('chunkSize', chunkSize, 'a positive integer');

  const stats: CacheStats = { requested: 0, hits: 0, embedded: 0 };
  const modelId = embedder.modelId;

  async function embed(texts: readonly string[]): Promise<Float32Array[]> {
    stats.requested += texts.length;
    const hashes = texts.map(hash);
    const found = new Map<string, Float32Array>();
    const distinct = [...new Set(hashes)];
    for (let i = 0; i < distinct.length; i += chunkSize) {
      const got = await cache.getEmbeddings(modelId, distinct.slice(i, i + chunkSize));
      for (const [h, v] of got) {
        if (v.length !== embedder.dimensions) {
          throw new EmbeddingError(EmbeddingErrorCode.DimensionMismatch, `cached vector for ${modelId} has ${v.length} dimensions, expected ${embedder.dimensions}`);
        }
        found.set(h, v);
      }
    }
    const missingText: string[] = [];
    const missingHash: string[] = [];
    const queued = new Set<string>();
    hashes.forEach((h, i) => {
      if (found.has(h) || queued.has(h)) return;
      queued.add(h);
      missingHash.push(h);
      missingText.push(texts[i]!);
    });
    stats.hits += texts.length - missingText.length;
    for (let i = 0; i < missingText.length; i += chunkSize) {
      const vectors = await embedder.embed(missingText.slice(i, i + chunkSize));
      const entries = vectors.map((vector, j) => ({ textHash: missingHash[i + j]!, vector }));
      stats.embedded += vectors.length;
      await cache.putEmbeddings(modelId, entries);
      for (const e of entries) found.set(e.textHash, e.vector);
    }
    return hashes.map((h) => found.get(h)!);
  }

  return {
    modelId,
    dimensions: embedder.dimensions,
    stats,
    inner: embedder,
    embed,
    dispose: () => embedder.dispose(),
  };
}
