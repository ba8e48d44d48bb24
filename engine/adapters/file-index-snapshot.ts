import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { IndexSnapshot } from '../ports/index-snapshot.ts';
import { sha256Hex } from './sha256.ts';

/** The snapshot file of a matrix: `<dir>/skill-index-<model>-<content hash>.f32` (raw little-endian float32, rows × dim). */
export function snapshotFile(dir: string, modelId: string, texts: readonly string[]): string {
  const key = sha256Hex(`${modelId}\n${texts.length}\n${texts.join('\n')}`).slice(0, 24);
  return join(dir, `skill-index-${modelId.replace(/[^A-Za-z0-9._-]+/g, '_')}-${key}.f32`);
}

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
