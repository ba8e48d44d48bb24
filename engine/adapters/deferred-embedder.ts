import { embeddingError } from '../embedding/errors.ts';
import type { Embedder, SpanEmbedding, SpanRequest } from '../ports/embedder.ts';

/**
 * An embedder whose model is still loading: its model id and vector size are known up front (see
 * `modelIdentity`), calls wait for `model` and go to it. Lets a linker read its index snapshots while the
 * model loads. `model` may also be a function that starts loading it: it is called by the first call, so a
 * run whose vectors are all cached never loads the model. The caller owns the model: `dispose` here
 * releases nothing. A model that turns out to be another (id or size) fails every call (MODEL_LOAD_FAILED)
 * rather than mixing vectors.
 */
export function deferredEmbedder(model: Promise<Embedder> | (() => Promise<Embedder>), expected: { readonly modelId: string; readonly dimensions: number }): Embedder & { embedSpans: NonNullable<Embedder['embedSpans']> } {
  // Awaited by each call; a load failure is reported there (and by whoever else awaits the model).
  if (typeof model !== 'function') model.catch(() => undefined);
  let started: Promise<Embedder> | null = typeof model === 'function' ? null : model;
  const load = (): Promise<Embedder> => (started ??= (model as () => Promise<Embedder>)());
  const ready = async (): Promise<Embedder> => {
    const m = await load();
    if (m.modelId !== expected.modelId || m.dimensions !== expected.dimensions) {
      throw embeddingError('MODEL_LOAD_FAILED', { reason: `expected ${expected.modelId} with ${expected.dimensions} dimensions, loaded ${m.modelId} with ${m.dimensions}` });
    }
    return m;
  };
  return {
    modelId: expected.modelId,
    dimensions: expected.dimensions,
    async embed(texts: readonly string[]): Promise<Float32Array[]> {
      return (await ready()).embed(texts);
    },
    async embedSpans(items: readonly SpanRequest[]): Promise<SpanEmbedding[]> {
      const m = await ready();
      if (typeof m.embedSpans !== 'function') throw embeddingError('MODEL_LOAD_FAILED', { reason: `${m.modelId} cannot embed spans` });
      return m.embedSpans(items);
    },
    async dispose() {},
  };
}
