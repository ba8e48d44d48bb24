import type { RerankPair, Reranker } from '../ports/reranker.ts';
import type { EmbeddingCache, TextHash } from './cache.ts';
import { integerIn } from '../../taxonomy/model/option-check.ts';
import { checkEmbeddingOption, invalidOption } from './errors.ts';

/**
 * The cache "model id" of a reranker's logits: logits live in the embedding cache as one-value vectors
 * under `<reranker id>#logit` (so every store that caches vectors caches logits, with no new table).
 */
export const logitCacheModel = (rerankerId: string): string => `${rerankerId}#logit`;

/** The cache key of one pair: hash of (segment text, skill id, label) — a relabelled skill is scored again. */
export const logitCacheKey = (hash: TextHash, p: RerankPair): string => hash(`${p.text}\u0000${p.skillId}\u0000${p.label}`);

export interface CachedRerankerOptions {
  readonly reranker: Reranker;
  readonly cache: EmbeddingCache;
  /** Hash of the exact text; the adapter side passes sha256 (`engine/adapters/sha256.ts`). */
  readonly hash: TextHash;
  /** Keys looked up / written per cache call (default 2,000). */
  readonly chunkSize?: number;
}

/** Counters of a cached reranker: pairs asked for, found in the cache, and sent to the model. */
export interface RerankStats {
  requested: number;
  hits: number;
  scored: number;
}

export interface CachedReranker extends Reranker {
  readonly stats: Readonly<RerankStats>;
  readonly inner: Reranker;
}

/**
 * Wraps a Reranker with the embedding cache keyed by (reranker id, segment text, skill id): pairs scored
 * before (in this call, earlier calls or runs) are read back with one batched lookup per call; only new
 * distinct pairs reach the model, in one call.
 */
export function createCachedReranker(opts: CachedRerankerOptions): CachedReranker {
  const { reranker, cache, hash } = opts;
  if (!reranker || typeof reranker.score !== 'function') throw invalidOption('reranker', reranker, 'a Reranker');
  if (!cache || typeof cache.getEmbeddings !== 'function' || typeof cache.putEmbeddings !== 'function') throw invalidOption('cache', cache, 'an EmbeddingCache');
  if (typeof hash !== 'function') throw invalidOption('hash', hash, 'a function (text) => string');
  const chunkSize = opts.chunkSize ?? 2000;
  checkEmbeddingOption('chunkSize', chunkSize, integerIn(1));
  const model = logitCacheModel(reranker.modelId);
  const stats: RerankStats = { requested: 0, hits: 0, scored: 0 };

  async function score(pairs: readonly RerankPair[]): Promise<Float32Array> {
    stats.requested += pairs.length;
    const keys = pairs.map((p) => logitCacheKey(hash, p));
    const found = new Map<string, number>();
    const distinct = [...new Set(keys)];
    for (let i = 0; i < distinct.length; i += chunkSize) {
      // A cached entry of another length is not a logit of this model: scored again (and overwritten).
      for (const [k, v] of await cache.getEmbeddings(model, distinct.slice(i, i + chunkSize))) if (v.length === 1 && Number.isFinite(v[0])) found.set(k, v[0]!);
    }
    const missing: number[] = [];
    const queued = new Set<string>();
    keys.forEach((k, i) => {
      if (found.has(k) || queued.has(k)) return;
      queued.add(k);
      missing.push(i);
    });
    stats.hits += pairs.length - missing.length;
    if (missing.length > 0) {
      const logits = await reranker.score(missing.map((i) => pairs[i]!));
      stats.scored += missing.length;
      const entries = missing.map((i, j) => ({ textHash: keys[i]!, vector: Float32Array.of(logits[j]!) }));
      for (let i = 0; i < entries.length; i += chunkSize) await cache.putEmbeddings(model, entries.slice(i, i + chunkSize));
      missing.forEach((i, j) => found.set(keys[i]!, logits[j]!));
    }
    return Float32Array.from(keys, (k) => found.get(k)!);
  }

  return { modelId: reranker.modelId, stats, inner: reranker, score, dispose: () => reranker.dispose() };
}
