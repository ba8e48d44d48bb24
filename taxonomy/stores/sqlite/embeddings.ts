import type Database from 'better-sqlite3';
import type { EmbeddingEntry } from '../../model/types.ts';
import { validateEmbeddings } from '../validate-embeddings.ts';

/** SQLite's default bound-parameter limit is 999; stay under it with the model id included. */
const CHUNK = 900;

export interface EmbeddingsAccess {
  get(modelId: string, textHashes: readonly string[]): Map<string, Float32Array>;
  put(modelId: string, entries: readonly EmbeddingEntry[]): void;
}

/** Copies a BLOB into a fresh, aligned Float32Array (the Buffer may share a pool at any offset). */
function toVector(blob: Buffer): Float32Array {
  const bytes = new Uint8Array(blob.byteLength);
  bytes.set(blob);
  return new Float32Array(bytes.buffer);
}

/** Embedding cache rows: (model_id, text_hash) -> raw little-endian Float32 bytes. */
export function embeddingsAccess(db: Database.Database): EmbeddingsAccess {
  const insert = db.prepare('INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)');
  const selects = new Map<number, Database.Statement>();
  const select = (n: number): Database.Statement => {
    let s = selects.get(n);
    if (!s) {
      s = db.prepare(`SELECT text_hash, vector FROM embeddings WHERE model_id = ? AND text_hash IN (${new Array(n).fill('?').join(',')})`).raw();
      selects.set(n, s);
    }
    return s;
  };
  const put = db.transaction((modelId: string, entries: readonly EmbeddingEntry[]) => {
    validateEmbeddings(modelId, entries);
    for (const e of entries) insert.run(modelId, e.textHash, Buffer.from(e.vector.buffer, e.vector.byteOffset, e.vector.byteLength));
  });
  return {
    get(modelId, textHashes) {
      const out = new Map<string, Float32Array>();
      const unique = [...new Set(textHashes)];
      for (let i = 0; i < unique.length; i += CHUNK) {
        const chunk = unique.slice(i, i + CHUNK);
        for (const row of select(chunk.length).all(modelId, ...chunk) as [string, Buffer][]) out.set(row[0], toVector(row[1]));
      }
      return out;
    },
    put: (modelId, entries) => put.immediate(modelId, entries), // IMMEDIATE: wait for a concurrent writer (see records.ts)
  };
}
