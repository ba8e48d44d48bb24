import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEsco } from '../../taxonomy/loaders/esco.ts';
import { sharedPath } from '../../taxonomy/loaders/shared-path.ts';
import type { Skill } from '../../taxonomy/model/types.ts';
import { createCachedEmbedder } from '../embedding/cached-embedder.ts';
import { createMemoryCache } from '../embedding/memory-cache.ts';
import { buildSkillIndex } from '../linking/skill-index.ts';
import { createFileIndexSnapshot, snapshotFile } from './file-index-snapshot.ts';
import { sha256Hex } from './sha256.ts';
import { createTransformersEmbedder } from './transformers-embedder.ts';
import type { Embedder } from '../ports/embedder.ts';

let dir: string;
let skills: readonly Skill[];
let model: Embedder;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-snapshot-'));
  // 60 real ESCO skills (their labels, alternative labels and descriptions are the rows).
  skills = (await loadEsco(sharedPath('datasets', 'esco-v1.1.1'))).skills.slice(0, 60);
  model = await createTransformersEmbedder({ dtype: 'q8' });
}, 120_000);
afterAll(async () => {
  await model.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('createFileIndexSnapshot', () => {
  it('a warm build reads the matrix from the snapshot (no embedding) and gives the same index as the cold build', async () => {
    const snapshot = createFileIndexSnapshot(dir);
    const cold = createCachedEmbedder({ embedder: model, cache: createMemoryCache(), hash: sha256Hex });
    const a = await buildSkillIndex(skills, cold, { snapshot });
    expect(cold.stats.embedded).toBeGreaterThan(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.f32'))).toHaveLength(1);
    const warm = createCachedEmbedder({ embedder: model, cache: createMemoryCache(), hash: sha256Hex });
    const b = await buildSkillIndex(skills, warm, { snapshot });
    expect(warm.stats.embedded + warm.stats.hits).toBe(0);
    expect(b.rows).toBe(a.rows);
    expect(Array.from(b.matrix)).toEqual(Array.from(a.matrix));
  }, 120_000);

  it('ignores a snapshot of the wrong size and one of other rows (the key covers model and every row text)', async () => {
    const snapshot = createFileIndexSnapshot(dir);
    const texts = ['a', 'b'];
    writeFileSync(snapshotFile(dir, 'm@q8', texts), new Uint8Array(12));
    expect(await snapshot.load('m@q8', texts, 2)).toBeNull();
    await snapshot.save('m@q8', texts, Float32Array.of(1, 2, 3, 4));
    expect(Array.from((await snapshot.load('m@q8', texts, 2))!)).toEqual([1, 2, 3, 4]);
    expect(await snapshot.load('m@q8', ['a', 'c'], 2)).toBeNull();
    expect(await snapshot.load('m@fp32', texts, 2)).toBeNull();
  });

  it('names the file by the SHA-256 of model, row count and rows; a frozen row list remembers its key per model', () => {
    const texts = Object.freeze(['weld metal', 'manage budgets']);
    const expected = (m: string) => join(dir, `skill-index-${m.replace('@', '_')}-${sha256Hex(`${m}\n2\nweld metal\nmanage budgets`).slice(0, 24)}.f32`);
    for (let i = 0; i < 2; i++) {
      expect(snapshotFile(dir, 'm@q8', texts)).toBe(expected('m@q8'));
      expect(snapshotFile(dir, 'm@fp32', texts)).toBe(expected('m@fp32'));
    }
    // A list that is not frozen is hashed as it is now.
    const open = ['weld metal', 'manage budgets'];
    expect(snapshotFile(dir, 'm@q8', open)).toBe(expected('m@q8'));
    open[1] = 'sell goods';
    expect(snapshotFile(dir, 'm@q8', open)).not.toBe(expected('m@q8'));
  });
});

describe('createFileTfidfSnapshot', () => {
  it('a lexical index from the snapshot scores exactly as the one built from the labels', async () => {
    const { createFileTfidfSnapshot } = await import('./file-index-snapshot.ts');
    const { buildLexicalIndex } = await import('../linking/lexical-index.ts');
    const snapshot = createFileTfidfSnapshot(dir);
    const built = buildLexicalIndex(skills, { snapshot });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tfidf'))).toHaveLength(1);
    const loaded = buildLexicalIndex(skills, { snapshot });
    for (const q of ['manage a budget', 'welding of metal parts', skills[7]!.preferredLabel]) {
      expect(Array.from(loaded.skillScores(q))).toEqual(Array.from(built.skillScores(q)));
      expect(Array.from(loaded.topSkills(q, 5))).toEqual(Array.from(built.topSkills(q, 5)));
    }
  });

  it('shared: the same arrays and vocabulary, in a SharedArrayBuffer (for a worker thread, without a copy)', async () => {
    const { createFileTfidfSnapshot } = await import('./file-index-snapshot.ts');
    const { buildLexicalIndex } = await import('../linking/lexical-index.ts');
    const { labelRows } = await import('../linking/label-rows.ts');
    buildLexicalIndex(skills, { snapshot: createFileTfidfSnapshot(dir) }); // written (or already there)
    const texts = labelRows(skills, { descriptions: false, hiddenLabels: true }).map((r) => r.text);
    const plain = createFileTfidfSnapshot(dir).load(texts)!;
    const shared = createFileTfidfSnapshot(dir, { shared: true }).load(texts)!;
    expect(shared.vocab).toEqual(plain.vocab);
    expect([shared.minN, shared.maxN, shared.n]).toEqual([plain.minN, plain.maxN, plain.n]);
    for (const a of ['idf', 'start', 'postRow', 'postW', 'rowStart', 'fwdId', 'fwdW'] as const) {
      expect(shared[a].buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(plain[a].buffer).not.toBeInstanceOf(SharedArrayBuffer);
      expect(Array.from(shared[a])).toEqual(Array.from(plain[a]));
    }
  });
});
