import { describe, expect, it } from 'vitest';
import { seededRandom } from '../ports/random.ts';
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

const WORDS = [
  'weld', 'welding', 'metal', 'steel', 'pipes', 'manage', 'budgets', 'Python', 'programming', 'customer', 'service',
  'care', 'teach', 'mathematics', 'drive', 'truck', 'forklift', 'operate', 'machinery', 'C++', 'cook', 'bread', 'bake',
  'nursing', 'patients', 'financial', 'analysis', 'data', 'SQL', 'design', 'graphic', 'marketing', 'negotiate', 'café',
];

/** Seeded skills with a 1–3 word preferred label and 0–4 alternative labels (duplicate labels across skills). */
function seededSkills(n: number, seed: number): Skill[] {
  const rnd = seededRandom(seed);
  const phrase = () => Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => WORDS[Math.floor(rnd() * WORDS.length)]!).join(' ');
  return Array.from({ length: n }, (_, i) => skill(100 + i, phrase(), Array.from({ length: Math.floor(rnd() * 5) }, phrase)));
}

const MANY = seededSkills(150, 3);
const LEX = buildLexicalIndex(MANY);
const QUERIES = ['weld steel pipes', 'manage budgets for patients', 'Python SQL data analysis', 'café', 'forklift', 'xylophone', 'teach mathematics and cook bread', MANY[5]!.preferredLabel];

describe('buildLexicalIndex().topSkills / restrict', () => {
  it('topSkills() returns at most k distinct skills, best first: a prefix of the skillScores() ranking', () => {
    for (const text of QUERIES) {
      const per = LEX.skillScores(text);
      const ranking = Array.from(per).filter((v) => v > 0).sort((a, b) => b - a);
      for (const k of [1, 3, 10, 40]) {
        const got = Array.from(LEX.topSkills(text, k, Infinity));
        expect(got.length).toBeLessThanOrEqual(k);
        expect(new Set(got).size).toBe(got.length);
        got.forEach((sk, i) => expect(per[sk]!, `${text} k=${k} #${i}`).toBeCloseTo(ranking[i]!, 5));
        if (k <= 3) expect(got).toHaveLength(Math.min(k, ranking.length));
      }
    }
  });

  it('topSkills() with the default maxDf and with a small maxDf returns distinct skills that share a label gram', () => {
    for (const text of QUERIES) {
      for (const maxDf of [undefined, 2]) {
        const got = Array.from(LEX.topSkills(text, 5, maxDf));
        expect(got.length).toBeLessThanOrEqual(5);
        expect(new Set(got).size).toBe(got.length);
        const per = LEX.skillScores(text);
        for (const sk of got) expect(per[sk]!).toBeGreaterThan(0);
      }
    }
    expect(LEX.topSkills('', 5)).toHaveLength(0);
    expect(LEX.topSkills('qqqq zzzz', 5)).toHaveLength(0);
  });

  it('restrict(skills)(text) equals skillScoresFor(text, skills), also after another restrict() was built', () => {
    const rnd = seededRandom(6);
    const a = Int32Array.from({ length: 30 }, () => Math.floor(rnd() * MANY.length));
    const b = Int32Array.of(0, 1, 2, 149, 1);
    const ra = LEX.restrict(a);
    const check = (r: (t: string, out?: Float32Array) => Float32Array, ids: Int32Array, text: string) => {
      const got = r(text);
      const want = LEX.skillScoresFor(text, ids);
      expect(got).toHaveLength(ids.length);
      for (let i = 0; i < ids.length; i++) expect(Math.abs(got[i]! - want[i]!), `${text} [${i}]`).toBeLessThan(1e-6);
    };
    for (const text of QUERIES) check(ra, a, text);
    const rb = LEX.restrict(b);
    for (const text of [...QUERIES, '', '  ']) {
      check(ra, a, text);
      check(rb, b, text);
    }
    const out = new Float32Array(b.length).fill(7);
    expect(Array.from(rb('', out))).toEqual([0, 0, 0, 0, 0]);
  });

  it('skillScoresFor() is the max over the skill\'s labels (preferred and alternative)', () => {
    const lex = buildLexicalIndex(SKILLS);
    const [weld] = lex.skillScoresFor('arc welding', Int32Array.of(0));
    expect(weld).toBeCloseTo(1, 5);
    expect(lex.restrict(Int32Array.of(0))('arc welding')[0]).toBeCloseTo(1, 5);
    expect(Array.from(lex.topSkills('arc welding', 2))[0]).toBe(0);
  });
});
