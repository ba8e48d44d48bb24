import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../taxonomy/stores/sqlite/sqlite-store.ts';
import { sha256Hex } from '../adapters/sha256.ts';
import { createTransformersEmbedder } from '../adapters/transformers-embedder.ts';
import type { Embedder } from '../ports/embedder.ts';
import { createCachedEmbedder } from './cached-embedder.ts';
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
