import { describe, expect, it } from 'vitest';
import type { Embedder } from '../ports/embedder.ts';
import { deferredEmbedder } from './deferred-embedder.ts';
import { defaultModelsDir, modelIdentity } from './models-dir.ts';
import { createTransformersEmbedder } from './transformers-embedder.ts';

/** A tiny deterministic fake model (unit test only; the real model is checked below). */
function fake(modelId = 'm@q8', dimensions = 3): Embedder {
  return {
    modelId,
    dimensions,
    embed: async (texts) => texts.map((t) => Float32Array.of(t.length, 1, 0)),
    embedSpans: async (items) => items.map((it) => ({ vector: Float32Array.of(it.text.length, 0, 0), spans: it.spans.map(([a, b]) => Float32Array.of(b - a, 0, 0)) })),
    dispose: async () => {},
  };
}

describe('deferredEmbedder', () => {
  it('knows its id and size at once, and its calls wait for the model and give its vectors', async () => {
    let resolve!: (e: Embedder) => void;
    const d = deferredEmbedder(new Promise<Embedder>((r) => (resolve = r)), { modelId: 'm@q8', dimensions: 3 });
    expect([d.modelId, d.dimensions]).toEqual(['m@q8', 3]);
    const pending = d.embed(['abc', 'de']);
    resolve(fake());
    expect(await pending).toEqual([Float32Array.of(3, 1, 0), Float32Array.of(2, 1, 0)]);
    expect(await d.embedSpans([{ text: 'abcd', spans: [[1, 3]] }])).toEqual([{ vector: Float32Array.of(4, 0, 0), spans: [Float32Array.of(2, 0, 0)] }]);
  });

  it('given a loader, loads the model only on the first call that needs it, once', async () => {
    let loads = 0;
    const d = deferredEmbedder(async () => (loads++, fake()), { modelId: 'm@q8', dimensions: 3 });
    expect([d.modelId, d.dimensions, loads]).toEqual(['m@q8', 3, 0]);
    expect(await Promise.all([d.embed(['abc']), d.embed(['de'])])).toEqual([[Float32Array.of(3, 1, 0)], [Float32Array.of(2, 1, 0)]]);
    await d.embedSpans([{ text: 'abcd', spans: [[1, 3]] }]);
    expect(loads).toBe(1);
    const failing = deferredEmbedder(() => Promise.reject(new Error('no model')), { modelId: 'm@q8', dimensions: 3 });
    await expect(failing.embed(['x'])).rejects.toThrow('no model');
  });

  it('fails every call when another model loaded or the model failed to load, and never leaves a rejection unhandled', async () => {
    const other = deferredEmbedder(Promise.resolve(fake('m@q8', 4)), { modelId: 'm@q8', dimensions: 3 });
    await expect(other.embed(['x'])).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED' });
    const failed = deferredEmbedder(Promise.reject(new Error('no model')), { modelId: 'm@q8', dimensions: 3 });
    await new Promise((r) => setTimeout(r, 10));
    await expect(failed.embed(['x'])).rejects.toThrow('no model');
  });

  it('given a function, starts the model on the first call only (a run whose vectors are all cached never loads it)', async () => {
    let loads = 0;
    const d = deferredEmbedder(async () => (loads++, fake()), { modelId: 'm@q8', dimensions: 3 });
    expect([d.modelId, d.dimensions, loads]).toEqual(['m@q8', 3, 0]);
    expect(await d.embed(['abc'])).toEqual([Float32Array.of(3, 1, 0)]);
    await d.embedSpans([{ text: 'ab', spans: [[0, 1]] }]);
    expect(loads).toBe(1);
  });

  it('modelIdentity reads the real model config: the id and size the loaded model reports; null without a config', async () => {
    const id = modelIdentity('q8');
    const model = await createTransformersEmbedder({ dtype: 'q8' });
    try {
      expect(id).toEqual({ modelId: model.modelId, dimensions: model.dimensions });
    } finally {
      await model.dispose();
    }
    expect(modelIdentity('q8', 'no-such-model')).toBeNull();
    expect(modelIdentity('q8', undefined, `${defaultModelsDir()}/nowhere`)).toBeNull();
  });
});
