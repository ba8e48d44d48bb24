import { beforeAll, describe, expect, it } from 'vitest';
import { loadEsco } from '../../taxonomy/loaders/esco.ts';
import { sharedPath } from '../../taxonomy/loaders/shared-path.ts';
import { buildLexicalIndex } from './lexical-index.ts';
import { createLinker } from './link-text.ts';
import { realModelIndex } from './real-model.test-support.ts';
import { peopleObjects, verbFormsOf } from './verb-forms.ts';

describe('verbFormsOf (small fake vocabulary)', () => {
  const labels = [...Array.from({ length: 12 }, (_, i) => `clean item ${i}`), ...Array.from({ length: 12 }, (_, i) => `manage thing ${i}`), 'cleaned ride units', 'advanced manufacturing', 'advance payments'];
  const vf = verbFormsOf(labels);

  it('reads a regular past tense as the base form labels start with', () => {
    expect(vf.lemma('cleaned')).toBe('clean');
    expect(vf.lemma('Managed')).toBe('manage');
    expect(vf.normalise('Cleaned data and managed budgets.')).toBe('clean data and manage budgets.');
  });

  it('leaves forms the labels use as written, words with no label verb and -ing forms alone', () => {
    // "advanced" starts a label as often as "advance" does: an adjective here.
    expect(vf.lemma('advanced')).toBeNull();
    expect(vf.lemma('cleaning')).toBeNull();
    expect(vf.lemma('walked')).toBeNull();
    expect(vf.normalise('Advanced cleaning')).toBe('Advanced cleaning');
  });

  it('reads an -s form only as the first word', () => {
    expect(vf.normalise('Manages cleans')).toBe('manage cleans');
    expect(vf.normalise('Manages cleans', false)).toBe('Manages cleans');
  });
});

describe('peopleObjects', () => {
  const people = peopleObjects(['data analyst', 'barista', 'software engineer', 'fireman', 'nanny']);
  it('names counted or qualified people by the taxonomy\'s generic word', () => {
    expect(people.generalise('train two junior analysts')).toBe('train employees');
    expect(people.generalise('mentor 4 engineers')).toBe('mentor employees');
    expect(people.generalise('supervise six firemen')).toBe('supervise employees');
    expect(people.generalise('hire two nannies')).toBe('hire employees');
  });
  it('leaves anything else as written', () => {
    expect(people.generalise('train analysts')).toBe('train analysts');
    expect(people.generalise('build two data pipelines')).toBe('build two data pipelines');
    expect(people.generalise('train two junior analyst')).toBe('train two junior analyst');
  });
  it('generalises the object of a sentence\'s leading verb and keeps the rest', () => {
    expect(people.generaliseLead('train six baristas who were later promoted')).toBe('train employees who were later promoted');
    expect(people.generaliseLead('mentor four engineers, two of whom were promoted')).toBe('mentor employees, two of whom were promoted');
    expect(people.generaliseLead('train two junior analysts.')).toBe('train employees.');
    expect(people.generaliseLead('train two junior analysts')).toBe('train employees');
    // No qualifier, a qualifier not followed by a job noun, a job noun later in the sentence: unchanged.
    expect(people.generaliseLead('train baristas weekly')).toBe('train baristas weekly');
    expect(people.generaliseLead('build two data pipelines for analysts')).toBe('build two data pipelines for analysts');
    expect(people.generaliseLead('led the team of six engineers')).toBe('led the team of six engineers');
    expect(people.generaliseLead('')).toBe('');
  });
});

describe('verbFormsOf (ESCO v1.1.1 labels)', () => {
  let esco: Awaited<ReturnType<typeof loadEsco>>;
  beforeAll(async () => {
    esco = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
  }, 60_000);

  it("reads issue 18's CV phrases in the labels' imperative form", () => {
    const vf = verbFormsOf(esco.skills.flatMap((s) => [s.preferredLabel, ...s.altLabels]));
    expect(vf.normalise('cleaned data')).toBe('clean data');
    expect(vf.normalise('Presented findings to management')).toBe('present findings to management');
    expect(vf.normalise('Trained two junior analysts')).toBe('train two junior analysts');
    expect(vf.normalise('Led a team; built a pipeline; wrote reports')).toBe('lead a team; build a pipeline; write reports');
    // Forms ESCO's labels use as written stay: adjectives, gerunds, nouns.
    expect(vf.normalise('Automated analysers, advanced manufacturing, training horses, cleaning industry')).toBe('Automated analysers, advanced manufacturing, training horses, cleaning industry');
    // With ESCO's occupation labels, the trained analysts are "employees", as in the label "train employees".
    const people = peopleObjects(esco.occupations.flatMap((o) => [o.preferredLabel, ...o.altLabels]));
    expect(people.generalise(vf.normalise('trained two junior analysts'))).toBe('train employees');
    expect(people.generaliseLead(vf.normalise('Trained six baristas who were later promoted'))).toBe('train employees who were later promote');
    expect(esco.skills.some((s) => s.altLabels.includes('train employees') || s.preferredLabel === 'train employees')).toBe(true);
  });
});

/** Real model over the ESCO skills whose labels name data work: "cleaned data" as CV text. */
describe('createLinker with textKind cv (real model, ESCO data skills)', () => {
  const real = realModelIndex(async () => (await loadEsco(sharedPath('datasets', 'esco-v1.1.1'))).skills.filter((s) => /\bdata\b|\bclean|statistic/i.test(s.preferredLabel)).slice(0, 400), 180_000);

  it('scores "perform data cleansing" higher for "Cleaned data" read as CV text (verbForms on by default for cv only)', async () => {
    const { skills, index, embedder } = real;
    const lexical = buildLexicalIndex(skills);
    const cv = createLinker({ index, lexical, embedder, textKind: 'cv' });
    const posting = createLinker({ index, lexical, embedder });
    expect(cv.options.verbForms).toBe(true);
    expect(posting.options.verbForms).toBe(false);
    const id = skills.find((s) => s.preferredLabel === 'perform data cleansing')!.id;
    const score = async (l: typeof cv) => (await l.rankSkills('Cleaned data')).find((r) => r.skillId === id)!.score;
    expect(await score(cv)).toBeGreaterThan((await score(posting)) + 0.5);
    // The link keeps the span of the text as written.
    const link = (await createLinker({ index, lexical, embedder, textKind: 'cv', threshold: 0 }).link('Cleaned data')).find((r) => r.skillId === id)!;
    expect(link.phrase).toMatch(/^Cleaned data$|^data$|^Cleaned$/);
  }, 60_000);
});
