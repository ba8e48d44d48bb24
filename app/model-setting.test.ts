import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotFile } from '../engine/adapters/file-index-snapshot.ts';
import { defaultModel, modelIdentity } from '../engine/adapters/models-dir.ts';
import { sha256Hex } from '../engine/adapters/sha256.ts';
import { createTransformersEmbedder } from '../engine/adapters/transformers-embedder.ts';
import { createCachedEmbedder } from '../engine/embedding/cached-embedder.ts';
import { createMemoryCache } from '../engine/embedding/memory-cache.ts';
import { DEFAULT_WEIGHTS } from '../engine/linking/options.ts';
import { weightsFor } from '../engine/linking/linking-weights.ts';
import type { Embedder } from '../engine/ports/embedder.ts';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import type { Skill } from '../taxonomy/model/types.ts';
import { createLinkingPipeline, unfittedWarning } from './linking-pipeline.ts';

/**
 * Issue 18 (round 6), model identity: the REAL shipped model put under another folder name (a symlink in a temp
 * models folder) is another model to the product — its own id, embedding cache keys and index snapshot files — and,
 * having no fitted linking weights, links with the hand-set defaults after one warning naming the missing file.
 */
const root = mkdtempSync(join(tmpdir(), 'skillgraph-model-setting-'));
const models = join(root, 'models');
const savedCache = process.env['SKILLGRAPH_CACHE'];
let mine: Embedder;
let shipped: Embedder;
let skills: Skill[];

beforeAll(async () => {
  mkdirSync(models);
  symlinkSync(sharedPath('models', 'all-MiniLM-L6-v2'), join(models, 'my-encoder'), 'dir');
  // index snapshots of this test go to its own folder, not the machine's cache
  process.env['SKILLGRAPH_CACHE'] = join(root, 'cache', 'embeddings.sqlite');
  mine = await createTransformersEmbedder({ modelsDir: models, model: defaultModel({ SKILLGRAPH_MODEL: 'my-encoder' }), dtype: 'q8' });
  shipped = await createTransformersEmbedder({ dtype: 'q8' });
  skills = (await loadSample()).taxonomy.skills.slice(0, 40);
}, 120_000);
afterAll(async () => {
  await mine?.dispose();
  await shipped?.dispose();
  if (savedCache === undefined) delete process.env['SKILLGRAPH_CACHE'];
  else process.env['SKILLGRAPH_CACHE'] = savedCache;
  rmSync(root, { recursive: true, force: true });
});

describe('a model under another folder name (real all-MiniLM-L6-v2, symlinked)', () => {
  it('has its own id, announced before it loads, and the same vectors as the folder it links to', async () => {
    expect(mine.modelId).toBe('my-encoder@q8');
    expect(shipped.modelId).toBe('all-MiniLM-L6-v2@q8');
    expect(modelIdentity('q8', 'my-encoder', models)).toEqual({ modelId: 'my-encoder@q8', dimensions: 384 });
    expect(mine.dimensions).toBe(384);
    const [a] = await mine.embed(['operate lathes']);
    const [b] = await shipped.embed(['operate lathes']);
    expect(Array.from(a!)).toEqual(Array.from(b!));
  }, 60_000);

  it('keeps its vectors under its own cache keys and index snapshot files', async () => {
    const cache = createMemoryCache();
    const text = 'weld steel pipes';
    await createCachedEmbedder({ embedder: mine, cache, hash: sha256Hex }).embed([text]);
    const hash = sha256Hex(text);
    expect((await cache.getEmbeddings('my-encoder@q8', [hash])).size).toBe(1);
    expect((await cache.getEmbeddings('all-MiniLM-L6-v2@q8', [hash])).size).toBe(0);
    const texts = skills.map((s) => s.preferredLabel);
    expect(snapshotFile(root, mine.modelId, texts)).not.toBe(snapshotFile(root, shipped.modelId, texts));
  }, 60_000);

  it('links with the hand-set default weights after ONE warning naming the missing weights file; the shipped model uses its own', async () => {
    expect(weightsFor('my-encoder@q8', 'embedded')).toBeNull();
    expect(weightsFor('all-MiniLM-L6-v2@q8', 'embedded')).not.toBeNull();
    const warnings: string[] = [];
    const pipeline = await createLinkingPipeline(createMemoryCache(), skills, { model: mine, linkThreads: 0, onWarning: (m) => warnings.push(m) });
    try {
      expect(warnings).toEqual([unfittedWarning('my-encoder@q8', 'embedded')]);
      expect(warnings[0]).toContain('engine/linking/weights/my-encoder@q8.embedded.json is missing');
      expect(pipeline.linker.options.fitted).toBeNull();
      expect(pipeline.linker.options.weights).toMatchObject(DEFAULT_WEIGHTS);
      expect(pipeline.modelId).toBe('my-encoder@q8');
    } finally {
      await pipeline.dispose();
    }
    const quiet: string[] = [];
    const own = await createLinkingPipeline(createMemoryCache(), skills, { model: shipped, linkThreads: 0, onWarning: (m) => quiet.push(m) });
    try {
      expect(quiet).toEqual([]);
      expect(own.linker.options.fitted).toMatchObject({ modelId: 'all-MiniLM-L6-v2@q8' });
    } finally {
      await own.dispose();
    }
  }, 120_000);
});
