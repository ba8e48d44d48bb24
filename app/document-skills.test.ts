import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import type { JobPosting, SkillLink } from '../taxonomy/model/types.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { createModelLinker, type ModelLinker } from './linking-pipeline.ts';
import { withTextLinksMany } from './document-skills.ts';
import type { LinkContext, TextLinker } from './text-linker.ts';

// The real model (worker thread). fp32: its vectors do not depend on what else shares a model batch
// (q8 quantises activations per batch, so batched and one-by-one linking differ by ~0.01 there).
let store: GraphStore;
let linker: ModelLinker;
let postings: JobPosting[];

beforeAll(async () => {
  store = await createSqliteStore(':memory:');
  const sample = await loadSample();
  await store.importTaxonomy(sample.taxonomy);
  postings = (sample.records.postings ?? []).slice(0, 40);
  linker = await createModelLinker(store, sample.taxonomy.skills, { dtype: 'fp32', occupationSkills: sample.taxonomy.occupationSkills });
});
afterAll(async () => {
  await linker?.dispose();
  await store?.close();
});

describe('withTextLinksMany(postings, linker)', () => {
  it('gives each posting its explicit skills first, then exactly the links link() finds in its text alone', async () => {
    // More postings than one linkMany batch; the first explicit skill of each is kept.
    const items = postings.map((p) => ({ posting: { ...p, skills: [] }, explicit: p.skills.filter((l) => l.provenance.kind !== 'text').slice(0, 1) }));
    const linked = await withTextLinksMany(items, linker);
    expect(linked.map((p) => p.id)).toEqual(postings.map((p) => p.id));
    let fromText = 0;
    for (const [i, { posting, explicit }] of items.entries()) {
      const alone = await linker.link(`${posting.title}\n${posting.description}`);
      const seen = new Set(explicit.map((l) => l.skillId));
      const expected: SkillLink[] = [...explicit, ...alone.filter((l) => !seen.has(l.skillId))];
      expect(linked[i]!.skills).toEqual(expected);
      fromText += alone.length;
    }
    expect(fromText).toBeGreaterThan(100);
  }, 300_000);

  it('without a linker keeps the explicit skills only', async () => {
    const p = postings[0]!;
    const [out] = await withTextLinksMany([{ posting: p, explicit: [] }], null);
    expect(out).toEqual({ ...p, skills: [] });
  });

  it("passes each posting's stated occupation to the linker (the senses of its words; real effect in engine/linking/occupation-senses.test.ts)", async () => {
    // A small fake linker recording what it was given.
    const seen: (LinkContext | undefined)[] = [];
    const fake: TextLinker = {
      link: async () => [],
      linkMany: async (texts, context) => (seen.push(context), texts.map(() => [])),
      search: async () => [],
    };
    const [a, b] = postings;
    await withTextLinksMany([{ posting: { ...a!, occupationId: 'urn:occ:1' }, explicit: [] }, { posting: { ...b!, occupationId: null }, explicit: [] }], fake);
    await withTextLinksMany([{ posting: { ...a!, occupationId: null }, explicit: [] }], fake);
    expect(seen).toEqual([{ occupations: ['urn:occ:1', null] }, undefined]);
  });
});
