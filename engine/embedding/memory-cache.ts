import type { EmbeddingEntry } from '../../taxonomy/model/types.ts';
import type { EmbeddingCache } from './cache.ts';

/** An in-process EmbeddingCache (a Map per model). Used when no persistent cache is given. */
export function createMemoryCache(): EmbeddingCache & { readonly size: number } {
  const byModel = new Map<string, Map<string, Float32Array>>();
  return {
    get size() {
      let n = 0;
      for (const m of byModel.values()) n += m.size;
      return n;
    },
    async getEmbeddings(modelId: string, textHashes: readonly string[]) {
      const m = byModel.get(modelId);
      const out = new Map<string, Float32Array>();
      if (!m) return out;
      for (const h of textHashes) {
        const v = m.get(h);
        if (v) out.set(h, v);
      }
      return out;
    },
    async putEmbeddings(modelId: string, entries: readonly EmbeddingEntry[]) {
      let m = byModel.get(modelId);
      if (!m) byModel.set(modelId, (m = new Map()));
      for (const e of entries) m.set(e.textHash, e.vector);
    },
  };
}
