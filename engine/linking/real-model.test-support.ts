import { afterAll, beforeAll } from 'vitest';
import type { Skill } from '../../taxonomy/model/types.ts';
import { sha256Hex } from '../adapters/sha256.ts';
import { createTransformersEmbedder } from '../adapters/transformers-embedder.ts';
import { createCachedEmbedder, type CachedEmbedder } from '../embedding/cached-embedder.ts';
import { createMemoryCache } from '../embedding/memory-cache.ts';
import { buildSkillIndex, type SkillIndex } from './skill-index.ts';

/** What a real-model linking test works with: its skills, the shipped model and their label index. */
export interface RealModelIndex {
  readonly skills: readonly Skill[];
  /** The shipped q8 model behind an in-memory vector cache. */
  readonly embedder: CachedEmbedder;
  readonly index: SkillIndex;
}

/**
 * The set-up the engine's real-model linking tests share: before the enclosing suite's tests, `select` gives the
 * skills (e.g. a slice of ESCO v1.1.1, which the caller loads), the shipped model is loaded (q8, cached in memory) and
 * their label index built; after them, both are released. The returned object's fields can be read once the suite's
 * tests run (a `beforeAll` registered after this call sees them too).
 */
export function realModelIndex(select: () => readonly Skill[] | Promise<readonly Skill[]>, timeoutMs = 300_000): RealModelIndex {
  let ready: RealModelIndex | null = null;
  let embedder: CachedEmbedder | null = null;
  let index: SkillIndex | null = null;
  beforeAll(async () => {
    const skills = await select();
    embedder = createCachedEmbedder({ embedder: await createTransformersEmbedder({ dtype: 'q8' }), cache: createMemoryCache(), hash: sha256Hex });
    index = await buildSkillIndex(skills, embedder);
    ready = { skills, embedder, index };
  }, timeoutMs);
  afterAll(async () => {
    await index?.dispose();
    await embedder?.dispose();
  });
  const get = (): RealModelIndex => {
    if (!ready) throw new Error('realModelIndex: read before its beforeAll ran');
    return ready;
  };
  return {
    get skills() {
      return get().skills;
    },
    get embedder() {
      return get().embedder;
    },
    get index() {
      return get().index;
    },
  };
}
