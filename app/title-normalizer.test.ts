import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import type { JobPosting, Occupation } from '../taxonomy/model/types.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { importPostings } from './import-postings.ts';
import { localOperator } from './principal.ts';
import { inferPostingOccupations, openTitleNormalizer, type StoreTitleNormalizer } from './title-normalizer.ts';
import { Workspace } from './workspace.ts';

// The real model over a slice of the real ESCO occupations (a small slice keeps the label embedding short).
const DATA_ANALYST = 'http://data.europa.eu/esco/occupation/d3edb8f8-3a06-47a0-8fb9-9b212c006aa2';
let store: GraphStore;
let normalizer: StoreTitleNormalizer;
let occupations: Occupation[];

beforeAll(async () => {
  const esco = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
  // ICT professionals (ISCO 25xx) and the business and administration professionals beside them (24xx)
  occupations = esco.occupations.filter((o) => /^2[45]\d\d\./.test(o.code));
  store = await createSqliteStore(':memory:');
  normalizer = await openTitleNormalizer(store, occupations, { dtype: 'fp32' });
}, 600_000);
afterAll(async () => {
  await normalizer?.dispose();
  await store?.close();
});

describe('openTitleNormalizer (all-MiniLM-L6-v2 over ESCO occupations)', () => {
  it('normalises free-text titles to the right occupation first, with confidences that sum to at most 1', async () => {
    const [analyst, dev] = await normalizer.normalize(['Data Analyst (m/f/d)', 'Senior Java Software Engineer'], 5);
    expect(analyst![0]!.occupationId).toBe(DATA_ANALYST);
    expect(dev!.slice(0, 3).map((m) => m.label)).toEqual(expect.arrayContaining([expect.stringMatching(/software|developer|programmer/i)]));
    for (const list of [analyst!, dev!]) {
      expect(list).toHaveLength(5);
      expect(list.map((m) => m.similarity)).toEqual([...list.map((m) => m.similarity)].sort((a, b) => b - a));
      expect(list.reduce((s, m) => s + m.confidence, 0)).toBeLessThanOrEqual(1 + 1e-9);
      expect(list[0]!.confidence).toBeGreaterThan(list[4]!.confidence);
    }
    // a vague title spreads its confidence
    const [vague] = await normalizer.normalize(['Officer'], 1);
    expect(vague![0]!.confidence).toBeLessThan(analyst![0]!.confidence);
  });

  it('is deterministic, and rankAll ranks every occupation in the same order as normalize', async () => {
    const a = await normalizer.normalize(['database administrator'], 10);
    const b = await normalizer.normalize(['database administrator'], 10);
    expect(a).toEqual(b);
    const [all] = await normalizer.rankAll(['database administrator']);
    expect(all).toHaveLength(occupations.length);
    expect(all!.slice(0, 10)).toEqual(a[0]!.map((m) => m.occupationId));
  });

  it('inferPostingOccupations gives a posting without an occupation the best one with its confidence, and leaves the others', async () => {
    const base: JobPosting = { id: 'p1', title: 'Data analyst', description: '', organisationId: 'o', datePosted: '2026-01-01', occupationId: null, location: '', skills: [] };
    const given = { ...base, id: 'p2', occupationId: occupations[0]!.id };
    const [inferred, kept] = await inferPostingOccupations([base, given], normalizer);
    expect(inferred).toMatchObject({ occupationId: DATA_ANALYST, occupationInferred: { from: 'title' } });
    expect(inferred!.occupationInferred!.confidence).toBeGreaterThanOrEqual(0.8);
    expect(kept).toEqual(given);
  });

  it('importPostings infers the occupation of a posting stated without one when the workspace has the normaliser (API and CLI alike)', async () => {
    await store.importTaxonomy({ skills: [], groups: [], broader: [], skillRelations: [], occupations, occupationSkills: [], crosswalk: [] });
    let opened = 0;
    const ws = await Workspace.open({ store, titles: async (occ) => ((opened += occ.length > 0 ? 1 : 0), { ...normalizer, dispose: async () => {} }) });
    const posting = { '@context': 'https://schema.org', '@type': 'JobPosting', identifier: 'urn:test:posting:1', title: 'Data Analyst (m/f/d)', description: 'Reporting and dashboards.', datePosted: '2026-01-01', hiringOrganization: { '@type': 'Organization', identifier: 'org:test', name: 'Test' } };
    const { postings: [p] } = await importPostings(ws, localOperator, posting, new Date('2026-01-02T00:00:00Z'));
    expect(p).toMatchObject({ occupationId: DATA_ANALYST, occupationInferred: { from: 'title' } });
    expect((await store.listPostings()).find((x) => x.id === p!.id)).toMatchObject({ occupationId: DATA_ANALYST, occupationInferred: { from: 'title' } });
    expect(ws.records.postings.get(p!.id)?.occupationId).toBe(DATA_ANALYST);
    // opened once, on first use
    await importPostings(ws, localOperator, { ...posting, identifier: 'urn:test:posting:2' }, new Date('2026-01-02T00:00:00Z'));
    expect(opened).toBe(1);
  });
});
