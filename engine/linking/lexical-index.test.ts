import { describe, expect, it } from 'vitest';
import type { Skill } from '../../taxonomy/model/types.ts';
import { buildLexicalIndex } from './lexical-index.ts';
import { buildTfidfIndex } from './tfidf-index.ts';

const skill = (n: number, preferredLabel: string, altLabels: string[]): Skill => ({
  id: `http://data.europa.eu/esco/skill/lex-${n}`,
  source: 'esco',
  preferredLabel,
  altLabels,
  hiddenLabels: [],
  description: '',
  skillType: 'skill/competence',
  reuseLevel: '',
});
const SKILLS = [
  skill(0, 'weld metal', ['arc welding', 'welding']),
  skill(1, 'manage budgets', ['budget management']),
  skill(2, 'Python (computer programming)', ['Python']),
  skill(3, 'provide customer service', ['customer care']),
];

describe('buildTfidfIndex', () => {
  it('scoresFor() equals scores() on the chosen rows, in the order given', () => {
    const texts = ['arc welding', 'budget management', 'python programming', 'customer care', 'welding'];
    const idx = buildTfidfIndex(texts);
    for (const q of ['welding of steel', 'Budget', 'zzz', '']) {
      const all = idx.scores(q);
      const some = idx.scoresFor(q, Int32Array.of(4, 0, 2));
      expect([...some].map((v) => +v.toFixed(5))).toEqual([all[4]!, all[0]!, all[2]!].map((v) => +v.toFixed(5)));
    }
  });
});

describe('buildLexicalIndex', () => {
  it('skillScoresFor() equals skillScores() for the chosen skills', () => {
    const lex = buildLexicalIndex(SKILLS);
    for (const q of ['arc welding and budgets', 'Python', 'customer service desk']) {
      const all = lex.skillScores(q);
      const some = lex.skillScoresFor(q, Int32Array.of(3, 0, 2));
      expect([...some].map((v) => +v.toFixed(5))).toEqual([all[3]!, all[0]!, all[2]!].map((v) => +v.toFixed(5)));
    }
  });
});
