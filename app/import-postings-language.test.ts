import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSample, type SampleData } from '../taxonomy/loaders/sample.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { importPostings } from './import-postings.ts';
import { localOperator } from './principal.ts';
import { Workspace } from './workspace.ts';

/** Issue 18: "a German posting gives zero skills and no warning" — through `import postings`, plain text and JSON-LD alike. */
const NOW = new Date('2026-12-01T00:00:00Z');
const GERMAN = 'Softwareentwickler (m/w/d)\nWir suchen ab sofort einen Softwareentwickler für unser Team in Berlin. Sie haben Erfahrung mit Java und sind teamfähig. Wir bieten Ihnen einen sicheren Arbeitsplatz und flexible Arbeitszeiten.';

let sample: SampleData;
let store: GraphStore;
beforeEach(async () => {
  sample ??= await loadSample();
  store = await createSqliteStore(':memory:');
  await store.importTaxonomy(sample.taxonomy);
});
afterEach(async () => store.close());

describe('importPostings warns on text in a language the linker does not cover', () => {
  it('a plain-text German posting lands with a LANGUAGE_NOT_COVERED warning naming German', async () => {
    const ws = await Workspace.open({ store });
    const done = await importPostings(ws, localOperator, GERMAN, NOW);
    expect(done.postings).toHaveLength(1);
    expect(done.warnings).toEqual([{ code: 'LANGUAGE_NOT_COVERED', path: 'document', message: expect.stringContaining('German') }]);
  });

  it('a JSON-LD German posting gets the same warning; an English plain-text posting none', async () => {
    const ws = await Workspace.open({ store });
    const [title, description] = GERMAN.split('\n');
    const jsonld = await importPostings(ws, localOperator, { '@context': 'https://schema.org', '@type': 'JobPosting', '@id': 'urn:test:de', title, description, datePosted: '2026-11-30', hiringOrganization: { '@type': 'Organization', name: 'Beispiel GmbH' } }, NOW);
    expect(jsonld.warnings.map((w) => w.code)).toEqual(['LANGUAGE_NOT_COVERED']);
    const english = await importPostings(ws, localOperator, 'Software developer\nWe are looking for a software developer for our team in Berlin. You have experience with Java and you work well in a team. We offer a secure job and flexible hours.', NOW);
    expect(english.warnings).toEqual([]);
  });
});
