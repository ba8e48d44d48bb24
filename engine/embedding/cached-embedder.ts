import type { Embedder, SpanEmbedding, SpanRequest } from '../ports/embedder.ts';
import { checkSpanRequests } from './span-requests.ts';
import type { EmbeddingCache, TextHash } from './cache.ts';
import { integerIn } from '../../taxonomy/model/option-check.ts';
import { checkEmbeddingOption, embeddingError, invalidOption } from './errors.ts';

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
  checkEmbeddingOption('chunkSize', chunkSize, integerIn(1));

  const stats: CacheStats = { requested: 0, hits: 0, embedded: 0 };
  const modelId = embedder.modelId;

  async function embed(texts: readonly string[]): Promise<Float32Array[]> {
    stats.requested += texts.length;
    const hashes = texts.map(hash);
    const found = await lookup(modelId, hashes);
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

  /** Vectors of `hashes` found in the cache under `model` (dimension-checked). */
  async function lookup(model: string, hashes: readonly string[]): Promise<Map<string, Float32Array>> {
    const found = new Map<string, Float32Array>();
    const distinct = [...new Set(hashes)];
    for (let i = 0; i < distinct.length; i += chunkSize) {
      for (const [h, v] of await cache.getEmbeddings(model, distinct.slice(i, i + chunkSize))) {
        if (v.length !== embedder.dimensions) {
          throw embeddingError('DIMENSION_MISMATCH', { model, got: v.length, expected: embedder.dimensions });
        }
        found.set(h, v);
      }
    }
    return found;
  }

  /**
   * Span vectors are cached under `<model id>#span` keyed by the hash of (text, start, end); the text's
   * own vector under the model id as `embed` stores it. A text whose vector and spans are all cached
   * costs no model call; otherwise it is run once for all its spans.
   */
  const spanModel = `${modelId}#span`;
  const spanKey = (text: string, [a, b]: readonly [number, number]) => hash(`${text}\u0000${a}:${b}`);
  async function embedSpans(items: readonly SpanRequest[]): Promise<SpanEmbedding[]> {
    checkSpanRequests(items);
    stats.requested += items.length;
    const textHashes = items.map((it) => hash(it.text));
    const spanHashes = items.map((it) => it.spans.map((sp) => spanKey(it.text, sp)));
    const texts = await lookup(modelId, textHashes);
    const spans = await lookup(spanModel, spanHashes.flat());
    const out = new Array<SpanEmbedding>(items.length);
    const missing: number[] = [];
    items.forEach((_, i) => {
      const v = texts.get(textHashes[i]!);
      const sv = spanHashes[i]!.map((h) => spans.get(h));
      if (v && sv.every((x) => x !== undefined)) out[i] = { vector: v, spans: sv as Float32Array[] };
      else missing.push(i);
    });
    stats.hits += items.length - missing.length;
    for (let c = 0; c < missing.length; c += chunkSize) {
      const idx = missing.slice(c, c + chunkSize);
      const got = await embedder.embedSpans!(idx.map((i) => items[i]!));
      stats.embedded += got.length;
      await cache.putEmbeddings(modelId, idx.map((i, k) => ({ textHash: textHashes[i]!, vector: got[k]!.vector })));
      await cache.putEmbeddings(spanModel, idx.flatMap((i, k) => spanHashes[i]!.map((h, j) => ({ textHash: h, vector: got[k]!.spans[j]! }))));
      idx.forEach((i, k) => (out[i] = got[k]!));
    }
    return out;
  }

  return {
    modelId,
    dimensions: embedder.dimensions,
    stats,
    inner: embedder,
    embed,
    ...(typeof embedder.embedSpans === 'function' ? { embedSpans } : {}),
    dispose: () => embedder.dispose(),
  };
}
