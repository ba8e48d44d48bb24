import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import type { JobPosting, TaxonomyData } from '../taxonomy/model/types.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import type { TitleNormalizer } from '../engine/linking/title-normalizer.ts';
import { importPostings } from './import-postings.ts';
import { linkStoredDocuments } from './link-stored.ts';
import { runLinkWorker } from './link-worker.ts';
import { createModelLinker, type ModelLinker } from './linking-pipeline.ts';
import { localOperator } from './principal.ts';
import { rebuildingLinker, type RebuildingLinker } from './rebuilding-linker.ts';
import { Workspace } from './workspace.ts';

/**
 * Issue 18 (round 6): a posting's occupation — stated (JSON-LD `occupationalCategory`) or inferred from its title with
 * high confidence — sets the sense of its words at import, and every relink — start-up linking, `skillgraph worker`,
 * the relink after a taxonomy import — links it in the same sense, so its links do not change. Real model, the ESCO
 * skills of the fitter-and-turner occupation plus the programming languages (the "assembly" sense error of issue 18);
 * the real SQLite store and its linking queue. The title normaliser is a small deterministic fake (title → occupation,
 * confidence), so the inferred case does not embed ESCO's occupation labels.
 */
const NOW = new Date('2026-12-01T00:00:00Z');
// "Assembly" written as a name (capitalised mid-sentence), so that the language's name label counts (engine/linking/name-labels.ts)
// and only the occupation's sense can tell the trade from the language.
const BODY = 'Skilled in Assembly of machine parts. Operate lathe and milling machines, use precision measuring equipment and interpret technical drawings.';

let taxonomy: TaxonomyData;
let fitter: string;
let developer: string;
let store: GraphStore;
let linker: RebuildingLinker;
let ws: Workspace;
const PROGRAMMING = 'Assembly (computer programming)';

const posting = (id: string, occupation: string | null, title = 'Workshop vacancy'): Record<string, unknown> => ({
  '@context': 'https://schema.org',
  '@type': 'JobPosting',
  '@id': id,
  title,
  description: BODY,
  datePosted: '2026-11-30',
  hiringOrganization: { '@type': 'Organization', name: 'Example Engineering' },
  ...(occupation ? { occupationalCategory: occupation } : {}),
});

/** A stored posting's text links as comparable rows (skill, confidence to 6 digits). */
const rows = (p: JobPosting | undefined): [string, number][] => (p?.skills ?? []).filter((l) => l.provenance.kind === 'text').map((l) => [l.skillId, Number(l.confidence.toFixed(6))]);
const stored = async (id: string): Promise<[string, number][]> => rows((await store.getRecords({ postings: [id] })).postings?.[0]);
const labelOf = (id: string): string => taxonomy.skills.find((s) => s.id === id)!.preferredLabel;
const work = (): ReturnType<typeof runLinkWorker> => runLinkWorker({ queue: store, linker, workerId: 'test-worker', untilEmpty: true, idleMs: 10 });

beforeAll(async () => {
  const esco = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
  fitter = esco.occupations.find((o) => o.preferredLabel === 'fitter and turner')!.id;
  developer = esco.occupations.find((o) => o.preferredLabel === 'software developer')!.id;
  const held = new Set(esco.occupationSkills.filter((r) => r.occupationId === fitter).map((r) => r.skillId));
  const skills = esco.skills.filter((s) => held.has(s.id) || /\(computer programming\)/.test(s.preferredLabel) || /^assembl/i.test(s.preferredLabel));
  const ids = new Set(skills.map((s) => s.id));
  taxonomy = { skills, groups: [], broader: [], skillRelations: [], occupations: esco.occupations, occupationSkills: esco.occupationSkills.filter((r) => ids.has(r.skillId)), crosswalk: [] };
  store = await createSqliteStore(':memory:');
  await store.importTaxonomy(taxonomy);
  const version = await store.linkTaxonomyVersion();
  const build = (t: TaxonomyData): Promise<ModelLinker> => createModelLinker(store, t.skills, { occupationSkills: t.occupationSkills, occupations: t.occupations, linkThreads: 0 });
  linker = rebuildingLinker(store, build, await build(await store.loadTaxonomy()), version);
  // The fake normaliser: "Fitter wanted" is the fitter (confidence 0.95, inferred), "Workshop helper" only 0.5 (not).
  const confident: Record<string, number> = { 'Fitter wanted': 0.95, 'Workshop helper': 0.5 };
  const titles: TitleNormalizer = {
    normalize: async (ts) => ts.map((t) => (confident[t] ? [{ occupationId: fitter, label: 'fitter and turner', source: 'esco', code: '', similarity: 0.9, confidence: confident[t]! }] : [])),
    rankAll: async (ts) => ts.map(() => [fitter]),
    dispose: async () => {},
  };
  ws = await Workspace.open({ store, linker, titles: async () => titles });
}, 300_000);
afterAll(async () => {
  await linker?.dispose();
  await store?.close();
});

describe('relinks keep the posting\'s stated occupation (issue 18)', () => {
  it('start-up linking, the worker, a taxonomy import\'s relink and a changed occupation: each links as the import did', async () => {
    const graph = [posting('urn:test:fitter', fitter), posting('urn:test:none', null), posting('urn:test:inferred', null, 'Fitter wanted'), posting('urn:test:unsure', null, 'Workshop helper')];
    const imported = await importPostings(ws, localOperator, { '@context': 'https://schema.org', '@graph': graph }, NOW);
    const atImport = new Map(imported.postings.map((p) => [p.id, rows(p)]));
    const labels = (id: string): string[] => atImport.get(id)!.map(([skill]) => labelOf(skill));
    // The occupation changes the links: the programming language is cut in the fitter's sense only, stated or confidently inferred.
    expect(labels('urn:test:fitter')).not.toContain(PROGRAMMING);
    expect(labels('urn:test:none')).toContain(PROGRAMMING);
    expect(labels('urn:test:fitter').length).toBeGreaterThan(0);
    expect(imported.postings.find((p) => p.id === 'urn:test:inferred')).toMatchObject({ occupationId: fitter, occupationInferred: { confidence: 0.95, from: 'title' } });
    expect(labels('urn:test:inferred')).toEqual(labels('urn:test:fitter'));
    expect(imported.postings.find((p) => p.id === 'urn:test:unsure')?.occupationId).toBeNull();
    expect(labels('urn:test:unsure')).toContain(PROGRAMMING);

    // Start-up linking (`skillgraph start`): every stored posting is queued for the model and relinked.
    await linkStoredDocuments(store, linker);
    expect((await store.linkQueueStats(linker.modelId)).done).toBe(4);
    for (const [id, links] of atImport) expect(await stored(id)).toEqual(links);

    // `skillgraph worker`: a posting imported while the model has queued work gets a job, and the worker relinks it.
    const later = await importPostings(ws, localOperator, posting('urn:test:fitter-2', fitter), NOW);
    const laterLinks = rows(later.postings[0]);
    expect(laterLinks).toEqual(atImport.get('urn:test:fitter'));
    expect((await work()).done).toBe(1);
    expect(await stored('urn:test:fitter-2')).toEqual(laterLinks);

    // A taxonomy import raises the taxonomy version: the worker rebuilds its linker and relinks every posting.
    await store.importTaxonomy(taxonomy);
    const relinked = await work();
    expect(relinked.done).toBe(5);
    expect(linker.taxonomyVersion).toBe(await store.linkTaxonomyVersion());
    for (const [id, links] of atImport) expect(await stored(id)).toEqual(links);
    expect(await stored('urn:test:fitter-2')).toEqual(laterLinks);

    // The occupation alone changes (same text): the posting goes back to the queue and is linked in the new sense.
    const [doc] = (await store.getRecords({ postings: ['urn:test:fitter'] })).postings!;
    await store.putRecords({ postings: [{ ...doc!, occupationId: developer }] });
    expect((await work()).done).toBe(1);
    expect((await stored('urn:test:fitter')).map(([id]) => labelOf(id))).toContain(PROGRAMMING);
  }, 300_000);
});
