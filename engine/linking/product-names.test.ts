import { describe, expect, it } from 'vitest';
import type { Skill } from '../../taxonomy/model/types.ts';
import { candidatePhrases } from './phrases.ts';
import { productNames } from './product-names.ts';

function skill(id: string, hiddenLabels: string[], preferredLabel = id, altLabels: string[] = []): Skill {
  return { id, source: 'esco', preferredLabel, altLabels, hiddenLabels, description: '', skillType: 'skill/competence', reuseLevel: 'cross-sector' };
}

/** Five "Microsoft …" products (a vendor), one "Adobe …" (not a vendor: too few), a product whose name is a label. */
const SKILLS = [
  skill('spreadsheets', ['Microsoft Excel', 'Adobe Director']),
  skill('word processing', ['Microsoft Word']),
  skill('mail', ['Microsoft Outlook']),
  skill('projects', ['Microsoft Project']),
  skill('erp', ['Microsoft Dynamics']),
  skill('teams', [], 'Teams', ['Microsoft Teams']),
];

describe('productNames', () => {
  const p = productNames(SKILLS)!;

  it('reads a vendor\'s two-word hidden labels by their short name, unless the name is a label itself', () => {
    expect([...p.names.keys()].sort()).toEqual(['Dynamics', 'Excel', 'Outlook', 'Project', 'Word']);
    expect(p.names.get('Excel')).toBe('Microsoft Excel');
    expect(productNames([skill('a', ['Adobe Director'])])).toBeNull();
    expect(productNames(SKILLS)).toBe(p);
  });

  it('expands short names where a text lists products, written as names', () => {
    expect(p.expand('Advanced Excel and Word skills')).toBe('Advanced Microsoft Excel and Microsoft Word skills');
    expect(p.expand('working knowledge of Word, Power-point, Excel & databases.')).toBe('working knowledge of Microsoft Word, Power-point, Microsoft Excel & databases.');
    // one short name with its vendor named elsewhere in the text
    expect(p.expand('Microsoft Office suite (Outlook and others)')).toBe('Microsoft Office suite (Microsoft Outlook and others)');
  });

  it('reads a lone short name only where requirement wording asks for it as a tool', () => {
    expect(p.expand('Good working knowledge of Excel')).toBe('Good working knowledge of Microsoft Excel');
    expect(p.expand('Advanced Excel skills')).toBe('Advanced Microsoft Excel skills');
    expect(p.expand('Proficient in Outlook.')).toBe('Proficient in Microsoft Outlook.');
    expect(p.expand('Send the Word to the team')).toBe('Send the Word to the team');
  });

  it('leaves a lone short name without such wording, the verb, a sentence\'s first word, a run of capitalised words and a name after its vendor', () => {
    for (const t of [
      'Good working relationship with Outlook',
      'You will excel in sales and word processing',
      'Excel in everything you do',
      'Report to the Project Manager and Finance Director, with Word',
      'Microsoft Excel and Microsoft Word',
    ])
      expect(p.expand(t), t).toBe(t);
  });

  it('expands the phrases of a segment that contain an expanded name, offsets unchanged', () => {
    const text = 'Advanced Excel and Word skills';
    const phrases = candidatePhrases(text, 3);
    const out = p.expandPhrases(text, phrases);
    expect(out.map((q) => [q.start, q.end])).toEqual(phrases.map((q) => [q.start, q.end]));
    expect(out.find((q) => q.start === text.indexOf('Excel') && q.words === 1)!.text).toBe('Microsoft Excel');
    expect(out.find((q) => q.start === 0 && q.words === 2)!.text).toBe('Advanced Microsoft Excel');
    const lone = 'Report on the Project every week';
    expect(p.expandPhrases(lone, candidatePhrases(lone, 3)).map((q) => q.text)).toEqual(candidatePhrases(lone, 3).map((q) => q.text));
  });
});
