import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../taxonomy/stores/sqlite/sqlite-store.ts';
import { sha256Hex } from '../adapters/sha256.ts';
import { createTransformersEmbedder } from '../adapters/transformers-embedder.ts';
import type { EmbeddingEntry } from '../../taxonomy/model/types.ts';
import type { Embedder, SpanEmbedding, SpanRequest } from '../ports/embedder.ts';
import type { EmbeddingCache } from './cache.ts';
import { createCachedEmbedder } from './cached-embedder.ts';
import { dot } from './vector-math.ts';
import { createMemoryCache } from './memory-cache.ts';

/** Counts texts that reach the real model. */
function counting(inner: Embedder): Embedder & { calls: number; texts: number } {
  const c = {
    modelId: inner.modelId,
    dimensions: inner.dimensions,
    calls: 0,
    texts: 0,
    async embed(texts: readonly string[]) {
      c.calls++;
      c.texts += texts.length;
      return inner.embed(texts);
    },
    dispose: () => inner.dispose(),
  };
  return c;
}

let model: Embedder;
let dir: string;
beforeAll(async () => {
  model = await createTransformersEmbedder({ dtype: 'q8' });
  dir = mkdtempSync(join(tmpdir(), 'sg-cache-'));
});
afterAll(async () => {
  await model.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const TEXTS = ['Python programming', 'manage budgets', 'weld steel pipes', 'Python programming', ''];

describe('createCachedEmbedder', () => {
  it('embed() on a second run (new process-like instance, same SQLite file) calls the model 0 times', async () => {
    const file = join(dir, 'cache.sqlite');
    const store1 = await createSqliteStore(file);
    const first = counting(model);
    const cached1 = createCachedEmbedder({ embedder: first, cache: store1, hash: sha256Hex });
    const v1 = await cached1.embed(TEXTS);
    expect(first.texts).toBe(4); // the duplicate is embedded once
    expect(cached1.stats).toEqual({ requested: 5, hits: 1, embedded: 4 });
    await store1.close();

    const store2 = await createSqliteStore(file);
    const second = counting(model);
    const cached2 = createCachedEmbedder({ embedder: second, cache: store2, hash: sha256Hex });
    const v2 = await cached2.embed(TEXTS);
    expect(second.calls).toBe(0);
    expect(cached2.stats.embedded).toBe(0);
    // cached vectors are bit-identical to fresh ones
    const fresh = await model.embed(TEXTS);
    for (let i = 0; i < TEXTS.length; i++) {
      expect(Array.from(v2[i]!)).toEqual(Array.from(fresh[i]!));
      expect(Array.from(v1[i]!)).toEqual(Array.from(fresh[i]!));
    }
    await store2.close();
  });

  it('embed() only sends unseen texts to the model and keeps input order', async () => {
    const inner = counting(model);
    const cached = createCachedEmbedder({ embedder: inner, cache: createMemoryCache(), hash: sha256Hex });
    await cached.embed(['a', 'b']);
    const out = await cached.embed(['c', 'a', 'b', 'c']);
    expect(inner.texts).toBe(3);
    const [c] = await model.embed(['c']);
    expect(Array.from(out[0]!)).toEqual(Array.from(c!));
    expect(Array.from(out[3]!)).toEqual(Array.from(c!));
  });

  it('createCachedEmbedder() rejects a missing cache with invalid cache', () => {
    expect(() => createCachedEmbedder({ embedder: model, cache: null as never, hash: sha256Hex })).toThrow(/^invalid cache/);
  });
});

/** Small deterministic fake with embedSpans: a text's vector from its characters (fresh arrays every call). */
function fakeSpanEmbedder(): Embedder & Required<Pick<Embedder, 'embedSpans'>> & { embedCalls: number; spanCalls: number; spanItems: number } {
  const vec = (t: string): Float32Array => {
    const v = Float32Array.of(1, 0, 0, 0);
    for (let i = 0; i < t.length; i++) v[i % 4] = v[i % 4]! + Math.sin(t.charCodeAt(i) * (i + 1));
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };
  const f = {
    modelId: 'fake-4d',
    dimensions: 4,
    embedCalls: 0,
    spanCalls: 0,
    spanItems: 0,
    async embed(texts: readonly string[]) {
      f.embedCalls++;
      return texts.map(vec);
    },
    async embedSpans(items: readonly SpanRequest[]): Promise<SpanEmbedding[]> {
      f.spanCalls++;
      f.spanItems += items.length;
      return items.map((it) => ({ vector: vec(it.text), spans: it.spans.map(([a, b]) => (a === b ? new Float32Array(4) : vec(`#${it.text.slice(a, b)}`))) }));
    },
    dispose: async () => {},
  };
  return f;
}

/** A memory cache that records which model id each write went to. */
function recordingCache(): EmbeddingCache & { puts: { modelId: string; n: number }[] } {
  const inner = createMemoryCache();
  const puts: { modelId: string; n: number }[] = [];
  return {
    puts,
    getEmbeddings: (modelId, hashes) => inner.getEmbeddings(modelId, hashes),
    async putEmbeddings(modelId: string, entries: readonly EmbeddingEntry[]) {
      puts.push({ modelId, n: entries.length });
      await inner.putEmbeddings(modelId, entries);
    },
  };
}

const bits = (v: Float32Array): number[] => Array.from(new Uint32Array(v.buffer, v.byteOffset, v.length));

const ITEMS: SpanRequest[] = [
  { text: 'weld metal and manage budgets', spans: [[0, 10], [15, 29], [3, 3]] },
  { text: 'Python', spans: [[0, 6]] },
  { text: '', spans: [] },
];

describe('createCachedEmbedder().embedSpans', () => {
  it('embedSpans() a second time returns bit-identical text and span vectors without calling the model', async () => {
    const inner = fakeSpanEmbedder();
    const cached = createCachedEmbedder({ embedder: inner, cache: createMemoryCache(), hash: sha256Hex });
    const first = await cached.embedSpans!(ITEMS);
    expect(inner.spanCalls).toBe(1);
    expect(cached.stats).toEqual({ requested: 3, hits: 0, embedded: 3 });
    const second = await cached.embedSpans!(ITEMS);
    expect(inner.spanCalls).toBe(1);
    expect(inner.embedCalls).toBe(0);
    expect(cached.stats).toEqual({ requested: 6, hits: 3, embedded: 3 });
    const fresh = await inner.embedSpans(ITEMS);
    ITEMS.forEach((it, i) => {
      expect(bits(second[i]!.vector)).toEqual(bits(fresh[i]!.vector));
      expect(bits(first[i]!.vector)).toEqual(bits(fresh[i]!.vector));
      expect(second[i]!.spans).toHaveLength(it.spans.length);
      it.spans.forEach((_, j) => expect(bits(second[i]!.spans[j]!)).toEqual(bits(fresh[i]!.spans[j]!)));
    });
  });

  it('embedSpans() stores the text vector under the model id (shared with embed()) and spans under <modelId>#span', async () => {
    const inner = fakeSpanEmbedder();
    const cache = recordingCache();
    const cached = createCachedEmbedder({ embedder: inner, cache, hash: sha256Hex });
    const [got] = await cached.embedSpans!([ITEMS[0]!]);
    expect(cache.puts).toEqual([
      { modelId: 'fake-4d', n: 1 },
      { modelId: 'fake-4d#span', n: 3 },
    ]);
    // embed() of the same text is a cache hit returning the span call's text vector.
    const [v] = await cached.embed([ITEMS[0]!.text]);
    expect(inner.embedCalls).toBe(0);
    expect(bits(v!)).toEqual(bits(got!.vector));
    const spans = await cache.getEmbeddings('fake-4d#span', [sha256Hex(`${ITEMS[0]!.text}\u0000${0}:${10}`)]);
    expect(spans.size).toBe(1);
  });

  it('embedSpans() with no spans reads a text embedded by embed() from the cache', async () => {
    const inner = fakeSpanEmbedder();
    const cached = createCachedEmbedder({ embedder: inner, cache: createMemoryCache(), hash: sha256Hex });
    const [v] = await cached.embed(['manage budgets']);
    const [got] = await cached.embedSpans!([{ text: 'manage budgets', spans: [] }]);
    expect(inner.spanCalls).toBe(0);
    expect(bits(got!.vector)).toEqual(bits(v!));
    expect(got!.spans).toEqual([]);
  });

  it('embedSpans() runs only items with an uncached text or span, keeping input order', async () => {
    const inner = fakeSpanEmbedder();
    const cached = createCachedEmbedder({ embedder: inner, cache: createMemoryCache(), hash: sha256Hex });
    await cached.embedSpans!([ITEMS[1]!, { text: 'weld metal', spans: [[0, 4]] }]);
    const items: SpanRequest[] = [
      { text: 'weld metal', spans: [[0, 4], [5, 10]] }, // one new span: re-run
      ITEMS[1]!, // cached
      { text: 'customer care', spans: [[0, 8]] }, // new
    ];
    const got = await cached.embedSpans!(items);
    expect(inner.spanItems).toBe(2 + 2);
    expect(cached.stats).toEqual({ requested: 5, hits: 1, embedded: 4 });
    const fresh = await inner.embedSpans(items);
    items.forEach((it, i) => {
      expect(bits(got[i]!.vector)).toEqual(bits(fresh[i]!.vector));
      it.spans.forEach((_, j) => expect(bits(got[i]!.spans[j]!)).toEqual(bits(fresh[i]!.spans[j]!)));
    });
  });

  it('embedSpans() keys a span by its text: the same range of another text is not a hit', async () => {
    const inner = fakeSpanEmbedder();
    const cached = createCachedEmbedder({ embedder: inner, cache: createMemoryCache(), hash: sha256Hex });
    const [a] = await cached.embedSpans!([{ text: 'weld metal', spans: [[0, 4]] }]);
    const [b] = await cached.embedSpans!([{ text: 'bake bread', spans: [[0, 4]] }]);
    expect(inner.spanCalls).toBe(2);
    expect(bits(a!.spans[0]!)).not.toEqual(bits(b!.spans[0]!));
  });

  it('createCachedEmbedder() has no embedSpans when the inner embedder has none', () => {
    const plain: Embedder = { modelId: 'plain', dimensions: 4, embed: async (t) => t.map(() => new Float32Array(4)), dispose: async () => {} };
    const cached = createCachedEmbedder({ embedder: plain, cache: createMemoryCache(), hash: sha256Hex });
    expect('embedSpans' in cached).toBe(false);
    expect(cached.embedSpans).toBeUndefined();
    expect(typeof createCachedEmbedder({ embedder: fakeSpanEmbedder(), cache: createMemoryCache(), hash: sha256Hex }).embedSpans).toBe('function');
  });

  it('embedSpans() rejects a non-array with invalid items (INVALID_OPTION) and a bad span with the inner check', async () => {
    const cached = createCachedEmbedder({ embedder: model, cache: createMemoryCache(), hash: sha256Hex });
    await expect(cached.embedSpans!('weld' as never)).rejects.toMatchObject({ code: 'INVALID_OPTION', message: expect.stringMatching(/^invalid items: "weld"/) });
    await expect(cached.embedSpans!([{ text: 'abc', spans: [[0, 9]] }])).rejects.toMatchObject({ code: 'INVALID_OPTION', message: expect.stringMatching(/^invalid items\[0\]\.spans\[0\]: \[0,9\]/) });
  });

  // BUG (engine/embedding/cached-embedder.ts, embedSpans): items are hashed before any check, so a null
  // item or a missing spans list throws a TypeError ("Cannot read properties of null (reading 'text')")
  // instead of the coded `invalid items[0]: ...` the adapters give. Flip to it() once fixed.
  it('embedSpans() rejects a null item with invalid items[0]', async () => {
    const cached = createCachedEmbedder({ embedder: fakeSpanEmbedder(), cache: createMemoryCache(), hash: sha256Hex });
    await expect(cached.embedSpans!([null as never])).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });

  it('embedSpans() through the real model: cached vectors are bit-identical and equal embed() of the text', async () => {
    const inner = counting(model);
    const spanCalls = { n: 0 };
    const withSpans: Embedder = { ...inner, embedSpans: (items) => (spanCalls.n++, model.embedSpans!(items)) };
    const cached = createCachedEmbedder({ embedder: withSpans, cache: createMemoryCache(), hash: sha256Hex });
    const items: SpanRequest[] = [
      { text: 'I weld steel pipes and manage budgets.', spans: [[2, 6], [23, 37]] },
      { text: 'Node.js and C++', spans: [[0, 7]] },
    ];
    const first = await cached.embedSpans!(items);
    const second = await cached.embedSpans!(items);
    expect(spanCalls.n).toBe(1);
    expect(cached.stats.hits).toBe(2);
    items.forEach((it, i) => {
      expect(bits(second[i]!.vector)).toEqual(bits(first[i]!.vector));
      it.spans.forEach((_, j) => expect(bits(second[i]!.spans[j]!)).toEqual(bits(first[i]!.spans[j]!)));
    });
    const plain = await model.embed(items.map((it) => it.text));
    items.forEach((_, i) => expect(dot(first[i]!.vector, plain[i]!)).toBeGreaterThan(0.99999));
    await cached.embed(items.map((it) => it.text));
    expect(inner.calls).toBe(0);
  });
});
