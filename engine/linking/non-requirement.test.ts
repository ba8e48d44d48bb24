import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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
