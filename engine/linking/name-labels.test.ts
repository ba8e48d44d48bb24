import { describe, expect, it } from 'vitest';
import { loadEsco } from '../../taxonomy/loaders/esco.ts';
import { sharedPath } from '../../taxonomy/loaders/shared-path.ts';
import type { Skill } from '../../taxonomy/model/types.ts';
import { buildLexicalIndex } from './lexical-index.ts';
import { createLinker } from './link-text.ts';
import { nameLabels } from './name-labels.ts';
import { candidatePhrases, inCapitalisedRun } from './phrases.ts';
import { realModelIndex } from './real-model.test-support.ts';

function skill(id: string, preferredLabel: string, altLabels: string[] = [], description = ''): Skill {
  return { id, source: 'esco', preferredLabel, altLabels, hiddenLabels: [], description, skillType: 'skill/competence', reuseLevel: 'cross-sector' };
}

/** "Access" and "Source" are names whose words the descriptions use in lower case; "Python" is not a word of them; "Genetics" has a lower-case label too. */
const SKILLS = [
  skill('db', 'Microsoft Access', ['Access']),
  skill('engine', 'Source (game engine)', ['Source']),
  skill('py', 'Python'),
  skill('gen', 'genetics', ['Genetics']),
  skill('a', 'manage access', [], 'Control access to the site; grant access rights; review access logs.'),
  skill('b', 'trace sources', [], 'Find the source of a fault, the source of a leak and the source of a claim. Python is not used. Study genetics, genetics, genetics.'),
];
const phrasesOf = (text: string) => candidatePhrases(text, 1);

describe('nameLabels', () => {
  const names = nameLabels(SKILLS)!;

  it('takes a one-word capitalised label whose lower-case word the descriptions use ≥ 3 times and no label writes in lower case', () => {
    expect([...names.keys].sort()).toEqual(['access', 'source']);
    expect(nameLabels(SKILLS)).toBe(names);
    expect(nameLabels([skill('py', 'Python')])).toBeNull();
  });

  it('drops a one-word phrase equal to a name where the text does not write it as a name', () => {
    const kept = (text: string) => names.filter(text, phrasesOf(text)).map((p) => p.text);
    expect(kept('Access to the site and free parking')).not.toContain('Access'); // first word
    expect(kept('Data from three source systems')).not.toContain('source'); // lower case
    expect(kept('We contribute to Open Source projects')).not.toContain('Source'); // a run of capitalised words
    expect(kept('Experience with Access and Excel')).toContain('Access');
    expect(kept('Built levels in Source, then in Unity')).toContain('Source');
    // other words and longer phrases stay
    expect(names.filter('Data from three source systems', candidatePhrases('Data from three source systems', 3)).map((p) => p.text)).toContain('source systems');
    expect(kept('Review access logs daily')).toEqual(kept('Review access logs daily').filter((t) => t !== 'access'));
  });

  it('namedIn() lists the names a segment writes as names', () => {
    expect([...names.namedIn('Experience with Access and Source')].sort()).toEqual(['access', 'source']);
    expect([...names.namedIn('Access to the source code')]).toEqual([]);
    expect([...names.namedIn('Microsoft Access Database Engine')]).toEqual([]);
  });

  it('inCapitalisedRun() looks at the words on either side across spaces only, never the first word', () => {
    const at = (text: string, word: string) => inCapitalisedRun(text, text.indexOf(word), text.indexOf(word) + word.length);
    expect(at('Open Source community', 'Source')).toBe(false); // "Open" is the first word
    expect(at('We like Open Source', 'Source')).toBe(true);
    expect(at('the General Assembly met', 'Assembly')).toBe(true);
    expect(at('Word, Excel, Access', 'Access')).toBe(false);
    expect(at('Experience with Access and Excel', 'Access')).toBe(false);
  });
});

/** ESCO's skills that own the names "Access" and "Source", what the sentences below ask for, and the skills whose descriptions use "access" or "source" in lower case (what makes them ordinary words). */
const SLICE = /^(Microsoft Access|Source \(digital game creation systems\)|use spreadsheets software|use word processing software|real estate market|use databases)$/;
const ORDINARY = /\b(access|source)\b/;

describe('createLinker with name labels (real model, ESCO v1.1.1)', () => {
  const real = realModelIndex(async () => (await loadEsco(sharedPath('datasets', 'esco-v1.1.1'))).skills.filter((s) => SLICE.test(s.preferredLabel) || ORDINARY.test(s.description)));

  it('links Microsoft Access and the Source engine only where a text names them', async () => {
    const { skills, index, embedder } = real;
    expect([...(nameLabels(skills)?.keys ?? [])].sort()).toEqual(['access', 'source']);
    const linker = createLinker({ index, lexical: buildLexicalIndex(skills), embedder });
    const labels = async (t: string) => (await linker.link(t)).map((l) => l.label);
    expect(await labels("Access to the UK's leading exclusive mortgage deals via the Mortgage Club.")).not.toContain('Microsoft Access');
    expect(await labels('You will move data from three source systems into the warehouse.')).not.toContain('Source (digital game creation systems)');
    expect(await labels('We contribute to Open Source projects.')).not.toContain('Source (digital game creation systems)');
    expect(await labels('Good knowledge of MS Office (Word, Excel, Access).')).toContain('Microsoft Access');
    expect(await labels('You have built game levels with Source and Unity.')).toContain('Source (digital game creation systems)');
  }, 120_000);
});
