import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkResult } from '../engine/linking/link-text.ts';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import type { JobPosting } from '../taxonomy/model/types.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { HELPER_CHUNK, linkManyShared, type LinkHelper } from './link-helper.ts';
import { skillPriors } from '../engine/linking/features.ts';
import { buildLinker, createLinkingPipeline, HELPER_MIN_TEXTS, type LinkingPipeline } from './linking-pipeline.ts';

/** A deterministic fake linker: one result per text naming it (which linker ran is recorded). */
const fakeLinks = (who: string[], name: string) => async (texts: readonly string[]): Promise<LinkResult[][]> => {
  who.push(name);
  await new Promise((r) => setTimeout(r, 1));
  return texts.map((t) => [{ skillId: t, label: t, confidence: 1, provenance: { kind: 'text', source: t, span: [0, t.length] }, phrase: t, scores: { lexical: 0, embedding: 0, prior: 0, fused: 1 } }]);
};

describe('linkManyShared (unit: small fakes for the two linkers)', () => {
  const texts = Array.from({ length: 5 * HELPER_CHUNK + 3 }, (_, i) => `t${i}`);

  it('splits the chunks between the calling thread and the helper, results in input order', async () => {
    const who: string[] = [];
    const helper: LinkHelper = { linkMany: fakeLinks(who, 'helper'), dispose: async () => {} };
    const out = await linkManyShared(texts, fakeLinks(who, 'local'), Promise.resolve(helper));
    expect(out.map((r) => r[0]!.skillId)).toEqual(texts);
    expect(who).toContain('helper');
    expect(who).toContain('local');
  });

  it('links locally what a failing helper hands back, and everything without a helper', async () => {
    const who: string[] = [];
    let calls = 0;
    const failing: LinkHelper = {
      async linkMany(t) {
        if (++calls > 1) throw new Error('link helper exited (code 1)');
        return fakeLinks(who, 'helper')(t);
      },
      dispose: async () => {},
    };
    expect((await linkManyShared(texts, fakeLinks(who, 'local'), Promise.resolve(failing))).map((r) => r[0]!.skillId)).toEqual(texts);
    expect((await linkManyShared(texts, fakeLinks([], 'local'), Promise.resolve(null))).map((r) => r[0]!.skillId)).toEqual(texts);
  });
});

// The real model and a real helper thread (fp32: vectors do not depend on their batch mates).
describe('createLinkingPipeline with a link helper thread', () => {
  let store: GraphStore;
  let one: LinkingPipeline;
  let two: LinkingPipeline;
  let postings: readonly JobPosting[];
  let occupationIds: string[];
  let sample: Awaited<ReturnType<typeof loadSample>>;

  beforeAll(async () => {
    // a store file, so the helper reads cached vectors from it itself (the warm path of an import)
    const file = join(mkdtempSync(join(tmpdir(), 'sg-link-helper-')), 'store.db');
    store = await createSqliteStore(file);
    sample = await loadSample();
    await store.importTaxonomy(sample.taxonomy);
    postings = sample.records.postings ?? [];
    const opts = { dtype: 'fp32' as const, occupationSkills: sample.taxonomy.occupationSkills, occupations: sample.taxonomy.occupations };
    occupationIds = sample.taxonomy.occupations.map((o) => o.id);
    one = await createLinkingPipeline(store, sample.taxonomy.skills, { ...opts, linkThreads: 0 });
    two = await createLinkingPipeline(store, sample.taxonomy.skills, { ...opts, linkThreads: 1, cacheFile: file });
  }, 600_000);
  afterAll(async () => {
    await one?.dispose();
    await two?.dispose();
    await store?.close();
  });

  it('gives a large batch exactly the links of the single-threaded pipeline', async () => {
    const texts = Array.from({ length: Math.max(HELPER_MIN_TEXTS, 3 * HELPER_CHUNK) }, (_, i) => {
      // six distinct postings (repeated), so the model's cold pass stays short
      const p = postings[i % 6]!;
      return `${p.title}\n${p.description}`;
    });
    expect(new Set(texts).size).toBe(6);
    // vectors cached first (the single-threaded pass), so both passes score the same vectors
    const want = await one.linker.linkMany(texts);
    const got = await two.linker.linkMany(texts);
    expect(got).toEqual(want);
    // a batch with a text nobody linked yet: the helper asks the calling thread for its vectors
    const fresh = [...texts.slice(0, HELPER_MIN_TEXTS - 1), 'Experience with Kubernetes and Terraform is required.'];
    expect(await two.linker.linkMany(fresh)).toEqual(await one.linker.linkMany(fresh));
    expect(want.flat().length).toBeGreaterThan(0);
  }, 600_000);

  it('links a large batch of another kind of text as that kind in the helper too', async () => {
    // CV text (its inflected verbs read in base form; the fp32 weights have one calibration for every kind, so the kind shows in the scores).
    const texts = Array.from({ length: Math.max(HELPER_MIN_TEXTS, 3 * HELPER_CHUNK) }, (_, i) => {
      const p = postings[i % 6]!;
      return `Cleaned data and managed inventory.\n${p.title}: ${p.description}`;
    });
    const want = await one.textLinker.withKind!('cv').linkMany(texts);
    const got = await two.textLinker.withKind!('cv').linkMany(texts);
    expect(got).toEqual(want);
    // …and not as postings, so a chunk the helper linked as posting text would differ.
    const asPosting = await one.textLinker.linkMany(texts);
    const fused = (links: typeof want) => links.map((l) => l.map((x) => x.parts['fused']));
    expect(fused(asPosting)).not.toEqual(fused(want));
    expect(want.flat().length).toBeGreaterThan(0);
  }, 600_000);

  it("gives a large batch with stated occupations the single-threaded pipeline's links (the helper gets each chunk's occupations)", async () => {
    const texts = Array.from({ length: Math.max(HELPER_MIN_TEXTS, 3 * HELPER_CHUNK) }, (_, i) => {
      const p = postings[i % 6]!;
      return `${p.title}\n${p.description}`;
    });
    // Each text stated as one of the taxonomy's occupations in turn (or none), so chunks differ in what they are told.
    const occupations = texts.map((_, i) => (i % 5 === 0 ? null : occupationIds[i % occupationIds.length]!));
    const want = await one.linker.linkMany(texts, { occupations });
    expect(await two.linker.linkMany(texts, { occupations })).toEqual(want);
    expect(want.flat().length).toBeGreaterThan(0);
  }, 600_000);

  it("hands a helper the calling thread's lexical arrays in shared memory: a linker built on them links as the one that read the snapshot", async () => {
    const t = sample.taxonomy;
    const setup = { skills: t.skills, priors: skillPriors(t.skills, t.occupationSkills, { occupations: t.occupations }), ortThreads: 1 };
    const caller = await buildLinker(one.embedder, setup, undefined, { shareLexical: true });
    const data = caller.lexicalData!;
    expect(data.fwdW.buffer).toBeInstanceOf(SharedArrayBuffer);
    const helperSide = await buildLinker(one.embedder, setup, undefined, { lexicalData: Promise.resolve(data) });
    try {
      expect(helperSide.linker.options.lexical).not.toBe(caller.linker.options.lexical);
      const texts = postings.slice(0, 6).map((p) => `${p.title}\n${p.description}`);
      const want = await caller.linker.linkMany(texts);
      expect(await helperSide.linker.linkMany(texts)).toEqual(want);
      expect(want.flat().length).toBeGreaterThan(0);
    } finally {
      await caller.index.dispose();
      await helperSide.index.dispose();
    }
  }, 600_000);
});
