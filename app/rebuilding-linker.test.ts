import { describe, expect, it } from 'vitest';
import type { TaxonomyData } from '../taxonomy/model/types.ts';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import type { ModelLinker } from './linking-pipeline.ts';
import { rebuildingLinker } from './rebuilding-linker.ts';
import type { TextLink } from './text-linker.ts';

/**
 * Issue 19: a linker that follows the store's taxonomy. The store is the real SQLite store; the linker
 * behind it is a small deterministic fake (exact preferred labels), so the test is about the swap.
 */
function labelLinker(taxonomy: TaxonomyData, log: string[], delayMs = 0): ModelLinker {
  const n = taxonomy.skills.length;
  const find = (text: string): TextLink[] =>
    taxonomy.skills
      .filter((s) => text.includes(s.preferredLabel))
      .map((s) => ({ skillId: s.id, confidence: 1, phrase: s.preferredLabel, parts: {}, provenance: { kind: 'text', source: text, span: null } }));
  return {
    modelId: 'fake-labels',
    link: async (text) => (await new Promise((r) => setTimeout(r, delayMs)), find(text)),
    linkMany: async (texts) => texts.map(find),
    search: async () => [],
    dispose: async () => void log.push(`disposed ${n}`),
  };
}

describe('rebuildingLinker (issue 19)', () => {
  it('rebuilds only when the store\'s taxonomy version moved on, and disposes the old linker after the calls on it', async () => {
    const sample = await loadSample();
    const store = await createSqliteStore(':memory:');
    const log: string[] = [];
    try {
      await store.importTaxonomy(sample.taxonomy);
      const v = await store.linkTaxonomyVersion();
      const linker = rebuildingLinker(store, async (t) => (log.push(`built ${t.skills.length}`), labelLinker(t, log, 50)), labelLinker(await store.loadTaxonomy(), log, 50), v);
      expect(linker.taxonomyVersion).toBe(v);
      expect(await linker.rebuild()).toBe(false);
      expect(log).toEqual([]);
      expect(await linker.link('I do beekeeping.')).toEqual([]);

      const bee = { id: 'urn:test:skill:beekeeping', source: 'esco', preferredLabel: 'beekeeping', altLabels: [], hiddenLabels: [], description: '', skillType: '', reuseLevel: '' } as const;
      await store.importTaxonomy({ skills: [bee], groups: [], broader: [], skillRelations: [], occupations: [], occupationSkills: [], crosswalk: [] }, { mode: 'merge' });
      const running = linker.link('I do beekeeping.'); // on the old linker
      expect(await linker.rebuild()).toBe(true);
      expect(linker.taxonomyVersion).toBe(v + 1);
      expect(await running).toEqual([]);
      expect(log).toEqual([`built ${sample.taxonomy.skills.length + 1}`, `disposed ${sample.taxonomy.skills.length}`]);
      expect((await linker.link('I do beekeeping.')).map((l) => l.skillId)).toEqual([bee.id]);
      await linker.dispose();
      expect(log.at(-1)).toBe(`disposed ${sample.taxonomy.skills.length + 1}`);
    } finally {
      await store.close();
    }
  });
});
