import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadEsco } from '../../taxonomy/loaders/esco.ts';
import { buildLexicalIndex } from './lexical-index.ts';
import { createLinker } from './link-text.ts';
import { realModelIndex } from './real-model.test-support.ts';
import { sharedPath } from '../../taxonomy/loaders/shared-path.ts';
import { isNonRequirement } from './boilerplate.ts';

describe('isNonRequirement', () => {
  it('recognises interview logistics and reporting lines, not requirements that share their words', () => {
    for (const s of ['Interviews take place on site', 'Report to the team lead', 'You will report directly to the CFO.', 'Only shortlisted candidates will be contacted.', 'Start date: January 2027'])
      expect(isNonRequirement(s), s).toBe(true);
    for (const s of ['Conduct interviews with stakeholders to gather requirements', 'Prepare monthly financial reports for management', 'administered medication', 'The successful candidate will have deep knowledge of SQL'])
      expect(isNonRequirement(s), s).toBe(false);
  });

  it('flags under 1 % of the SkillSpan train+dev sentences that carry an annotated skill or knowledge span', () => {
    let withSpan = 0;
    let flagged = 0;
    for (const split of ['train', 'dev']) {
      for (const line of readFileSync(sharedPath('datasets', 'skillspan', 'json', `${split}.json`), 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        const r = JSON.parse(line) as { tokens: string[]; tags_skill: string[]; tags_knowledge: string[] };
        if (r.tokens.length > 40 || ![...r.tags_skill, ...r.tags_knowledge].some((t) => t !== 'O')) continue;
        withSpan++;
        if (isNonRequirement(r.tokens.join(' '))) flagged++;
      }
    }
    expect(withSpan).toBeGreaterThan(2000);
    expect(flagged / withSpan).toBeLessThan(0.01);
  });
});

/** Issue 18's boilerplate through the real linker (q8, the shipped weights) over ESCO's interview, reporting and planning skills. */
describe('createLinker on interview logistics and reporting lines (real model, ESCO v1.1.1)', () => {
  const real = realModelIndex(async () => (await loadEsco(sharedPath('datasets', 'esco-v1.1.1'))).skills.filter((s) => /interview|report|\bplan|team/i.test(s.preferredLabel)));

  it('links nothing in "Interviews take place on site" or "Report to the team lead"; the same skills as requirements do link', async () => {
    const { skills, index, embedder } = real;
    const linker = createLinker({ index, lexical: buildLexicalIndex(skills), embedder });
    const labels = async (t: string) => (await linker.link(t)).map((l) => l.label);
    expect(skills.some((s) => s.preferredLabel === 'give interviews to media')).toBe(true);
    expect(await labels('Interviews take place on site.')).toEqual([]);
    expect(await labels('Report to the team lead.')).toEqual([]);
    // Not a blanket cut: requirements about interviews and reports are linked.
    expect(await labels('You will give interviews to the media about our products.')).toContain('give interviews to media');
    expect(await labels('Write reports on the results of each audit.')).not.toEqual([]);
  }, 120_000);
});
