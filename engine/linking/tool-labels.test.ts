import { describe, expect, it } from 'vitest';
import { loadEsco } from '../../taxonomy/loaders/esco.ts';
import { sharedPath } from '../../taxonomy/loaders/shared-path.ts';
import { buildSkillIndex } from './skill-index.ts';
import { buildLexicalIndex } from './lexical-index.ts';
import { createLinker } from './link-text.ts';
import { realModelIndex } from './real-model.test-support.ts';

/** ESCO's software-use skills and a few it competes with (sales, presentations to an audience), published or with the O*NET product names. */
const SLICE = /software|spreadsheet|database|business intelligence|accounting|sales|audience|microsoft|computer literacy|video editing|presentation/i;

/** The real linker (q8, the shipped weights) over that slice of ESCO v1.1.1 with the product names as hidden labels. */
describe('createLinker with the O*NET product names as hidden labels (real model, ESCO v1.1.1)', () => {
  const real = realModelIndex(async () => (await loadEsco(sharedPath('datasets', 'esco-v1.1.1'))).skills.filter((s) => SLICE.test(s.preferredLabel)));

  it('links the products a posting names to the skills they stand for; "excel" the verb links no spreadsheet', async () => {
    const { skills, index, embedder } = real;
    const linker = createLinker({ index, lexical: buildLexicalIndex(skills), embedder });
    const labels = async (t: string) => (await linker.link(t)).map((l) => l.label);
    expect(await labels('Proficient in Microsoft Excel and Outlook.')).toContain('use spreadsheets software');
    expect(await labels('Experience with Tableau dashboards.')).toContain('business intelligence');
    expect(await labels('Proficient in QuickBooks.')).toContain('use accounting systems');
    expect(await labels('You will excel in a fast-paced sales environment.')).not.toContain('use spreadsheets software');
  }, 120_000);

  it('reads the short names a text lists ("Word, Power-point, Excel") as the products, with the span of the short name', async () => {
    const { skills, index, embedder } = real;
    const linker = createLinker({ index, lexical: buildLexicalIndex(skills), embedder });
    const text = 'Computer literacy including working knowledge of Word, Power-point, Excel & databases.';
    const links = await linker.link(text);
    const spreadsheets = links.find((l) => l.label === 'use spreadsheets software');
    expect(spreadsheets?.phrase).toBe('Excel');
    expect(links.find((l) => l.label === 'use word processing software')?.phrase).toBe('Word');
    expect((await linker.link('Advanced Excel and Word skills')).map((l) => l.label)).toEqual(expect.arrayContaining(['use spreadsheets software', 'use word processing software']));
    // a lone capitalised word is not read as a product: "Director" is no Adobe Director (perform video editing) here
    expect(real.skills.find((s) => s.preferredLabel === 'perform video editing')?.hiddenLabels).toContain('Adobe Director');
    expect((await linker.link('Prepare briefing notes and presentations for the Director.')).map((l) => l.label)).not.toContain('perform video editing');
  }, 120_000);

  it('without them (as published) the same linker does not link Tableau or QuickBooks', async () => {
    const published = (await loadEsco(sharedPath('datasets', 'esco-v1.1.1'), { toolLabels: false })).skills.filter((s) => SLICE.test(s.preferredLabel));
    const index = await buildSkillIndex(published, real.embedder);
    try {
      const linker = createLinker({ index, lexical: buildLexicalIndex(published), embedder: real.embedder });
      const labels = async (t: string) => (await linker.link(t)).map((l) => l.label);
      expect(await labels('Experience with Tableau dashboards.')).not.toContain('business intelligence');
      expect(await labels('Proficient in QuickBooks.')).not.toContain('use accounting systems');
    } finally {
      await index.dispose();
    }
  }, 120_000);
});
