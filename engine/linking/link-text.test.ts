import { beforeAll, describe, expect, it } from 'vitest';
import type { Skill } from '../../taxonomy/model/types.ts';
import type { CachedEmbedder } from '../embedding/cached-embedder.ts';
import { buildLexicalIndex } from './lexical-index.ts';
import { createLinker, type Linker } from './link-text.ts';
import { realModelIndex } from './real-model.test-support.ts';
import { weightsFor } from './linking-weights.ts';
import { FEATURES, skillPriors } from './features.ts';
import { buildSkillIndex, type SkillIndex } from './skill-index.ts';

const skill = (n: number, preferredLabel: string, altLabels: string[], description: string): Skill => ({
  id: `http://data.europa.eu/esco/skill/test-${n}`,
  source: 'esco',
  preferredLabel,
  altLabels,
  hiddenLabels: [],
  description,
  skillType: 'skill/competence',
  reuseLevel: '',
});

/** A small ESCO-like subset: real model, small index (keeps the test fast). */
const SKILLS: Skill[] = [
  skill(1, 'Python (computer programming)', ['Python', 'python programming'], 'Techniques and principles of software development in Python.'),
  skill(2, 'SQL', ['structured query language'], 'The computer language SQL is a query language for retrieving information from a database.'),
  skill(3, 'manage budgets', ['budget management', 'control budgets'], 'Plan, monitor and report on the budget.'),
  skill(4, 'weld metal', ['welding', 'arc welding'], 'Join metal workpieces using welding equipment.'),
  skill(5, 'provide customer service', ['customer service', 'assist customers'], 'Help customers with questions and complaints.'),
  skill(6, 'handle knives ', ['use knives', 'knife skills'], 'Use knives for food processing.'),
  skill(7, 'drive vehicles', ['driving'], 'Be able to drive vehicles.'),
  skill(8, 'speak English', ['English'], 'Communicate orally in English.'),
  skill(9, 'machine learning', ['ML'], 'The principles, methods and algorithms of machine learning.'),
  skill(10, 'Java (computer programming)', ['Java'], 'Software development in Java.'),
];

const real = realModelIndex(() => SKILLS);
let embedder: CachedEmbedder;
let index: SkillIndex;
let linker: Linker;
beforeAll(() => {
  ({ embedder, index } = real);
  linker = createLinker({ index, lexical: buildLexicalIndex(SKILLS), embedder });
});

describe('buildSkillIndex', () => {
  it('buildSkillIndex() packs one row per distinct label plus a description row, grouped by skill', () => {
    expect(index.rows).toBe(SKILLS.reduce((n, s) => n + 1 + s.altLabels.length + 1, 0));
    expect(index.matrix.length).toBe(index.rows * 384);
    expect(index.skillStart[0]).toBe(0);
    expect(index.skillStart[SKILLS.length]).toBe(index.rows);
    expect(index.rowText[index.skillStart[5]!]).toBe('handle knives'); // trimmed
  });

  it('topSkills() returns the exact top k by max over label rows', async () => {
    const [q] = await embedder.embed(['arc welding of steel']);
    const top = index.topSkills(q!, 3);
    expect(top).toHaveLength(3);
    expect(index.skills[top[0]!.index]!.preferredLabel).toBe('weld metal');
    const all = index.skillScores(q!);
    expect(top[0]!.score).toBe(Math.max(...all));
  });

  it('a second build over the same cache embeds nothing', async () => {
    const before = embedder.stats.embedded;
    await buildSkillIndex(SKILLS, embedder);
    expect(embedder.stats.embedded).toBe(before);
  });
});

describe('createLinker', () => {
  it('link() finds a phrase inside a long sentence with its span in the original text', async () => {
    const text = 'About the role:\n• You will spend most of your week writing clean Python code for our data platform, together with a friendly team.';
    const links = await linker.link(text);
    const py = links.find((l) => l.label === 'Python (computer programming)');
    expect(py).toBeDefined();
    expect(py!.phrase).toMatch(/Python/);
    expect(text.slice(py!.provenance.span[0], py!.provenance.span[1])).toBe(py!.phrase);
    expect(py!.provenance.source).toBe(text.slice(text.indexOf('You will'), text.length));
    expect(py!.provenance.kind).toBe('text');
    expect(py!.confidence).toBeGreaterThan(0.3);
    expect(py!.confidence).toBeLessThanOrEqual(1);
    for (const k of ['lexical', 'embedding', 'fused'] as const) expect(Number.isFinite(py!.scores[k])).toBe(true);
  });

  it('link() skips boilerplate segments (benefits, equal opportunity)', async () => {
    const links = await linker.link('We offer health insurance and English lessons.\nWe are an equal opportunity employer and welcome speakers of English.');
    expect(links).toEqual([]);
  });

  it('link() is deterministic and handles empty and whitespace input', async () => {
    const text = 'Welding and customer service experience required; SQL is a plus.';
    expect(await linker.link(text)).toEqual(await linker.link(text));
    expect(await linker.link('')).toEqual([]);
    expect(await linker.link('  \n\t ')).toEqual([]);
  });

  it('rankSkills() ranks every skill, the relevant one first', async () => {
    const ranked = await linker.rankSkills('Knife Skills');
    expect(ranked).toHaveLength(SKILLS.length);
    expect(ranked[0]!.skillId).toBe(SKILLS[5]!.id);
    expect(ranked.every((r) => Number.isFinite(r.score))).toBe(true);
    expect(await linker.rankSkills('Knife Skills', 2)).toHaveLength(2);
  });

  it('createLinker() rejects bad options with invalid <option>: <value>', () => {
    const lexical = buildLexicalIndex(SKILLS);
    expect(() => createLinker({ index, lexical, embedder, threshold: 2 })).toThrow(/^invalid threshold: 2/);
    expect(() => createLinker({ index, lexical, embedder, weights: { bogus: 1 } as never })).toThrow(/^invalid weights.bogus/);
    expect(() => createLinker({ index, lexical, embedder, maxPhraseWords: 0 })).toThrow(/^invalid maxPhraseWords: 0/);
    expect(() => createLinker({ index, lexical, embedder, phraseCandidates: -1 })).toThrow(/^invalid phraseCandidates: -1/);
    expect(() => createLinker({ index, lexical, embedder, maxPhrases: 1.5 })).toThrow(/^invalid maxPhrases: 1.5/);
    expect(() => createLinker({ index, lexical, embedder, textKind: 'resume' as never })).toThrow(/^invalid textKind: "resume" \(expected 'posting' or 'cv' or 'course'\)/);
  });

  it('rankSkills() with candidates covering every skill equals the exhaustive search', async () => {
    const lexical = buildLexicalIndex(SKILLS);
    const exhaustive = createLinker({ index, lexical, embedder, phraseCandidates: 0 });
    const candidates = createLinker({ index, lexical, embedder, phraseCandidates: SKILLS.length, maxPhrases: 0 });
    for (const text of ['Experience with arc welding and budget control.', 'We need a Python developer who knows SQL; English is a must.']) {
      const a = await exhaustive.rankSkills(text);
      const b = await candidates.rankSkills(text);
      expect(b.map((r) => r.skillId)).toEqual(a.map((r) => r.skillId));
      b.forEach((r, i) => {
        expect(r.score).toBeCloseTo(a[i]!.score, 5);
        expect(r.phrase).toBeCloseTo(a[i]!.phrase, 5);
      });
    }
  });

  it('link() with few candidates and capped phrases still explains each skill by phrase, span and scores', async () => {
    const lexical = buildLexicalIndex(SKILLS);
    const fast = createLinker({ index, lexical, embedder, phraseCandidates: 2, maxPhrases: 3 });
    const text = 'You will write Python code every day and weld metal frames at the workshop.';
    const links = await fast.link(text);
    expect(links.map((l) => l.label)).toContain('Python (computer programming)');
    for (const l of links) {
      expect(text.slice(l.provenance.span[0], l.provenance.span[1])).toBe(l.phrase);
      expect(Number.isFinite(l.scores.lexical) && Number.isFinite(l.scores.embedding) && Number.isFinite(l.scores.fused)).toBe(true);
    }
  });

  it('createLinker() takes the stored weights and calibration of its embedder model id', () => {
    expect(linker.options.phraseVectors).toBe('embedded');
    expect(linker.options.textKind).toBe('posting');
    expect(createLinker({ index, lexical: buildLexicalIndex(SKILLS), embedder, textKind: 'cv' }).options.calibration).toEqual(weightsFor('all-MiniLM-L6-v2@q8', 'embedded')!.calibrationByKind!.cv);
    expect(linker.options.fitted).toEqual({ modelId: 'all-MiniLM-L6-v2@q8', phraseVectors: 'embedded', version: weightsFor('all-MiniLM-L6-v2@q8', 'embedded')!.version });
    expect(linker.options.calibration).toEqual(weightsFor('all-MiniLM-L6-v2@q8', 'embedded')!.calibration);
    expect(linker.options.weights).toEqual(weightsFor('all-MiniLM-L6-v2@q8', 'embedded')!.weights);
  });

  it('linkMany() gives each text the links link() gives it, in input order, batched', async () => {
    const texts = [
      'You will write Python code every day and weld metal frames at the workshop.',
      '',
      'Excellent customer service and a clean driving licence; SQL is a plus.',
      'Budget management for the department.\n• Machine learning models in production',
    ];
    const one = [];
    for (const t of texts) one.push(await linker.link(t));
    // Same texts again: vectors come from the cache, so batched and single runs see identical inputs.
    for (const batchTexts of [1, 2, 16]) expect(await linker.linkMany(texts, { batchTexts })).toEqual(one);
    expect(await linker.linkMany([])).toEqual([]);
    await expect(linker.linkMany(['ok', 3 as never])).rejects.toThrow(/^invalid texts\[1\]: 3/);
    await expect(linker.linkMany(texts, { batchTexts: 0 })).rejects.toThrow(/^invalid batchTexts: 0/);
  });

  it('candidateFeatures() returns every ranked skill with one value per feature, priors included when given', async () => {
    const priors = skillPriors(SKILLS, [
      { occupationId: 'o1', skillId: SKILLS[0]!.id, relationType: 'essential', importance: null, level: null },
      { occupationId: 'o2', skillId: SKILLS[0]!.id, relationType: 'essential', importance: null, level: null },
      { occupationId: 'o2', skillId: SKILLS[1]!.id, relationType: 'essential', importance: null, level: null },
    ]);
    expect(Array.from(priors.essential.slice(0, 3)).map((x) => +x.toFixed(3))).toEqual([1, 0.631, 0]);
    const fitting = createLinker({ index, lexical: buildLexicalIndex(SKILLS), embedder, priors, allFeatures: true });
    const rows = await fitting.candidateFeatures('We need a Python developer who knows SQL.');
    expect(rows.length).toBe(SKILLS.length);
    const py = rows.find((r) => r.skillId === SKILLS[0]!.id)!;
    expect(py.features).toHaveLength(FEATURES.length);
    expect(py.features[FEATURES.indexOf('exact')]).toBe(1);
    expect(py.features[FEATURES.indexOf('coverage')]).toBe(1);
    expect(py.features[FEATURES.indexOf('essential')]).toBe(1);
    expect(py.features[FEATURES.indexOf('phrase')]).toBeGreaterThan(0.99);
    // Links explain the fused score by family: embedding + lexical + prior = fused.
    const links = await createLinker({ index, lexical: buildLexicalIndex(SKILLS), embedder, priors }).link('We need a Python developer who knows SQL.');
    for (const l of links) expect(l.scores.embedding + l.scores.lexical + l.scores.prior).toBeCloseTo(l.scores.fused, 4);
    expect(() => createLinker({ index, lexical: buildLexicalIndex(SKILLS), embedder, priors: { ...priors, knowledge: new Uint8Array(2) } })).toThrow(/^invalid priors/);
  });
});
