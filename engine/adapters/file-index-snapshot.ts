import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { IndexSnapshot, TfidfSnapshot } from '../ports/index-snapshot.ts';
import type { TfidfData } from '../linking/tfidf-index.ts';
import { sha256Hex } from './sha256.ts';

/** The snapshot file of a matrix: `<dir>/skill-index-<model>-<content hash>.f32` (raw little-endian float32, rows × dim). */
export function snapshotFile(dir: string, modelId: string, texts: readonly string[]): string {
  return join(dir, `skill-index-${modelId.replace(/[^A-Za-z0-9._-]+/g, '_')}-${contentKey(`${modelId}\n`, texts)}.f32`);
}

/**
 * The content hash of a snapshot (24 hex digits of SHA-256 over `head`, the row count and the rows), once per
 * (head, frozen texts array): a start-up asks for the same label rows' key more than once (the snapshot check
 * before the link helper starts, then the load). An array that is not frozen may change, so it is hashed each time.
 */
function contentKey(head: string, texts: readonly string[]): string {
  const memo = Object.isFrozen(texts) ? (keys.get(texts) ?? keys.set(texts, new Map()).get(texts)!) : null;
  let key = memo?.get(head);
  if (key === undefined) {
    key = sha256Hex(`${head}${texts.length}\n${texts.join('\n')}`).slice(0, 24);
    memo?.set(head, key);
  }
  return key;
}

const keys = new WeakMap<readonly string[], Map<string, string>>();

/**
 * Index snapshots as files in `dir` (created on first save). A file whose size does not match rows × dim
 * is ignored; saves go through a temporary file and a rename, so a crash never leaves a torn snapshot.
 */
export function createFileIndexSnapshot(dir: string): IndexSnapshot {
  return {
    async load(modelId, texts, dim) {
      const file = snapshotFile(dir, modelId, texts);
      try {
        if (statSync(file).size !== texts.length * dim * 4) return null;
        const buf = readFileSync(file);
        // readFileSync of a large file owns its ArrayBuffer from offset 0; copy otherwise (alignment).
        return buf.byteOffset % 4 === 0 ? new Float32Array(buf.buffer, buf.byteOffset, texts.length * dim) : new Float32Array(new Uint8Array(buf).buffer);
      } catch {
        return null;
      }
    },
    async save(modelId, texts, matrix) {
      const file = snapshotFile(dir, modelId, texts);
      try {
        mkdirSync(dir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, new Uint8Array(matrix.buffer, matrix.byteOffset, matrix.byteLength));
        renameSync(tmp, file);
      } catch {
        // A cache: failing to write it only costs the next start-up its speed.
      }
    },
  };
}

/** Where index snapshots live: `index/` beside the embedding cache (`$SKILLGRAPH_CACHE`'s folder, else `$XDG_CACHE_HOME/skillgraph`, else `~/.cache/skillgraph`). */
export function defaultIndexSnapshotDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['SKILLGRAPH_CACHE']) return join(dirname(env['SKILLGRAPH_CACHE']), 'index');
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'skillgraph', 'index');
}

const ARRAYS = ['idf', 'start', 'postRow', 'postW', 'rowStart', 'fwdId', 'fwdW'] as const;

/** A whole file in a SharedArrayBuffer (a Buffer view on it, from offset 0). */
function readShared(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.from(new SharedArrayBuffer(size));
    for (let at = 0; at < size; ) {
      const n = readSync(fd, bytes, at, size - at, at);
      if (n === 0) throw new Error('short read');
      at += n;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

export interface TfidfSnapshotOptions {
  /**
   * Load the arrays into shared memory (a SharedArrayBuffer), so a worker thread can be handed them
   * without a copy or a second read (the link helper, app/link-helper.ts).
   */
  readonly shared?: boolean;
}

/**
 * Lexical TF-IDF snapshots as files in `dir`: `lexical-<content hash>.tfidf` = a 4-byte header length,
 * a JSON header (n-gram sizes, row count, vocabulary, array lengths), then the arrays (4-byte aligned).
 */
export function createFileTfidfSnapshot(dir: string, opts: TfidfSnapshotOptions = {}): TfidfSnapshot {
  const fileOf = (texts: readonly string[]) => join(dir, `lexical-${contentKey('tfidf-v1\n', texts)}.tfidf`);
  return {
    load(texts) {
      try {
        const buf = opts.shared ? readShared(fileOf(texts)) : readFileSync(fileOf(texts));
        const headLen = buf.readUInt32LE(0);
        const head = JSON.parse(buf.subarray(4, 4 + headLen).toString('utf8')) as { minN: number; maxN: number; n: number; vocab: string[]; lengths: number[] };
        if (head.n !== texts.length) return null;
        let at = 4 + headLen + ((4 - ((4 + headLen) % 4)) % 4);
        // Views on the file's buffer (no copy: ~140 MB for ESCO) when it is 4-byte aligned, as a large read is; else copies.
        const aligned = buf.byteOffset % 4 === 0;
        const arrays = ARRAYS.map((name, i) => {
          const len = head.lengths[i]!;
          if (at + len * 4 > buf.byteLength) throw new Error('truncated snapshot');
          const src = aligned ? buf.buffer : buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + len * 4);
          const offset = aligned ? buf.byteOffset + at : 0;
          at += len * 4;
          return name === 'idf' || name === 'postW' || name === 'fwdW' ? new Float32Array(src, offset, len) : new Int32Array(src, offset, len);
        });
        const [idf, start, postRow, postW, rowStart, fwdId, fwdW] = arrays as [Float32Array, Int32Array, Int32Array, Float32Array, Int32Array, Int32Array, Float32Array];
        return { minN: head.minN, maxN: head.maxN, n: head.n, vocab: head.vocab, idf, start, postRow, postW, rowStart, fwdId, fwdW };
      } catch {
        return null;
      }
    },
    save(texts, data: TfidfData) {
      try {
        mkdirSync(dir, { recursive: true });
        const head = Buffer.from(JSON.stringify({ minN: data.minN, maxN: data.maxN, n: data.n, vocab: data.vocab, lengths: ARRAYS.map((a) => data[a].length) }), 'utf8');
        const pad = (4 - ((4 + head.length) % 4)) % 4;
        const len = Buffer.alloc(4);
        len.writeUInt32LE(head.length, 0);
        const parts = [len, head, Buffer.alloc(pad), ...ARRAYS.map((a) => Buffer.from(data[a].buffer, data[a].byteOffset, data[a].byteLength))];
        const file = fileOf(texts);
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, Buffer.concat(parts));
        renameSync(tmp, file);
      } catch {
        // A cache: failing to write it only costs the next start-up its speed.
      }
    },
  };
}
