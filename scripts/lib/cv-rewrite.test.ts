import { beforeAll, describe, expect, it } from 'vitest';
import { loadEsco } from '../../taxonomy/loaders/esco.ts';
import { sharedPath } from '../../taxonomy/loaders/shared-path.ts';
import { pastTense, rewriteAsCourse, rewriteAsCv, verbStarts, type LabelVerbs } from './cv-rewrite.ts';

describe('pastTense', () => {
  it('conjugates regular and irregular verbs', () => {
    expect(['manage', 'clean', 'apply', 'plan', 'lead', 'build', 'write', 'analyse', 'commit'].map(pastTense)).toEqual([
      'managed', 'cleaned', 'applied', 'planned', 'led', 'built', 'wrote', 'analysed', 'committed',
    ]);
  });
});

describe('rewriteAsCv / rewriteAsCourse (ESCO v1.1.1 label verbs)', () => {
  let verbs: LabelVerbs;
  beforeAll(async () => {
    const esco = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
    verbs = verbStarts(esco.skills.flatMap((s) => [s.preferredLabel, ...s.altLabels]));
  }, 60_000);

  it('finds verbs by their gerunds in the labels, not adjectives or nouns that start labels', () => {
    for (const v of ['manage', 'clean', 'train', 'present', 'design', 'analyse']) expect(verbs.verbs.has(v)).toBe(true);
    for (const w of ['technical', 'natural', 'data', 'the', 'knowledge']) expect(verbs.verbs.has(w)).toBe(false);
    expect(verbs.nounGerunds.has('engineering')).toBe(true);
  });

  it('rewrites requirement sentences as CV lines and learning outcomes', () => {
    expect(rewriteAsCv('You will analyse sales data and prepare reports.', { verbs, draw: 0.9 })).toBe('Analysed sales data and prepare reports');
    expect(rewriteAsCv('Experience cleaning and validating data', { verbs, draw: 0.9 })).toBe('Cleaned and validated data');
    expect(rewriteAsCv('The successful candidate will be responsible for managing budgets', { verbs, draw: 0.1 })).toBe('I managed budgets');
    expect(rewriteAsCourse('Ability to design and maintain ETL pipelines', { verbs, draw: 0 })).toBe('Learn how to design and maintain ETL pipelines');
  });

  it('leaves sentences that do not start with a label verb', () => {
    expect(rewriteAsCv('Excellent communication skills', { verbs, draw: 0.9 })).toBeNull();
    expect(rewriteAsCv('Understanding of cloud platforms', { verbs, draw: 0.9 })).toBeNull();
    expect(rewriteAsCv('Engineering or Computer Science degree', { verbs, draw: 0.9 })).toBeNull();
    expect(rewriteAsCourse('A BS or MS in Computer Science', { verbs, draw: 0.9 })).toBeNull();
  });
});
