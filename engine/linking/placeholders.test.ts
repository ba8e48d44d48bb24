import { describe, expect, it } from 'vitest';
import { loadEsco } from '../../taxonomy/loaders/esco.ts';
import { sharedPath } from '../../taxonomy/loaders/shared-path.ts';
import { buildLexicalIndex } from './lexical-index.ts';
import { createLinker } from './link-text.ts';
import { candidatePhrases, tokenize } from './phrases.ts';
import { hasPlaceholder, placeholderRanges, withoutPlaceholders } from './placeholders.ts';
import { realModelIndex } from './real-model.test-support.ts';

describe('redaction placeholders', () => {
  it('withoutPlaceholders() drops each run of tags and the spaces around it', () => {
    expect(withoutPlaceholders('As a member of our <ORGANIZATION> <ORGANIZATION> team.')).toBe('As a member of our team.');
    expect(withoutPlaceholders('[REDACTED] is hiring in [REDACTED].')).toBe('is hiring in .');
    expect(withoutPlaceholders('Our client <ORGANISATION> in <LOCATION>, near <CITY>')).toBe('Our client in , near');
    expect(withoutPlaceholders('Contact [NAME] at [EMAIL]\nor [PHONE]')).toBe('Contact at or');
  });

  it('leaves text that only looks like a tag: other words, lower case, markup, a skill in brackets', () => {
    for (const text of ['Databases [SQL] and <b>Java</b>', 'our <organization> team', 'C++ <3', 'Use <ORGANIZATION_UNIT> codes', 'plain text']) {
      expect(hasPlaceholder(text)).toBe(false);
      expect(withoutPlaceholders(text)).toBe(text);
    }
  });

  it('placeholderRanges() gives the offsets of each tag', () => {
    const text = 'Join <ORGANIZATION> in [REDACTED].';
    expect(placeholderRanges(text).map(([s, e]) => text.slice(s, e))).toEqual(['<ORGANIZATION>', '[REDACTED]']);
    expect(placeholderRanges('no tags here')).toEqual([]);
  });

  it('tokenize() gives no token for a tag and breaks the clause there; phrases never cross one', () => {
    const text = 'Join the <ORGANIZATION> data engineering team to build pipelines';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual(['Join', 'the', 'data', 'engineering', 'team', 'to', 'build', 'pipelines']);
    expect(tokens.find((t) => t.text === 'the')?.breakAfter).toBe(true);
    expect(tokens.find((t) => t.text === 'data')?.breakAfter).toBe(false);
    const phrases = candidatePhrases(text, 4).map((p) => p.text);
    expect(phrases).toContain('data engineering');
    expect(phrases.some((p) => p.includes('ORGANIZATION') || p.startsWith('Join') && p.includes('data'))).toBe(false);
    // offsets still point into the text as given
    for (const p of candidatePhrases(text, 4)) expect(text.slice(p.start, p.end)).toBe(p.text);
  });
});

/** ESCO skills about organisations and the ones the sentence below asks for, with the shipped q8 model and weights. */
const SLICE = /organi[sz]ation|innovat|problem|engineering|lead others|sales|customer/i;

describe('createLinker on redacted text (real model, ESCO v1.1.1)', () => {
  const real = realModelIndex(async () => (await loadEsco(sharedPath('datasets', 'esco-v1.1.1'))).skills.filter((s) => SLICE.test(s.preferredLabel)));

  it('ranks as if the tags were not there: no skill about organisations for "our <ORGANIZATION> <ORGANIZATION>", spans in the text as given', async () => {
    const { skills, index, embedder } = real;
    const linker = createLinker({ index, lexical: buildLexicalIndex(skills), embedder });
    const text = 'As a member of our <ORGANIZATION> <ORGANIZATION> <ORGANIZATION> we look for people who are passionate about solving business problems through innovation.';
    const label = new Map(skills.map((s) => [s.id, s.preferredLabel]));
    const top = (await linker.rankSkills(text, 5)).map((r) => label.get(r.skillId));
    expect(top).toContain('solve problems');
    expect(top.filter((l) => /organi[sz]ation/i.test(l ?? ''))).toEqual([]);
    const plain = (await linker.rankSkills(withoutPlaceholders(text), 5)).map((r) => label.get(r.skillId));
    expect(top.slice(0, 3)).toEqual(plain.slice(0, 3));
    const links = await linker.link(text);
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) {
      const [start, end] = l.provenance.span;
      expect(text.slice(start, end)).toBe(l.phrase);
      expect(l.phrase).not.toMatch(/ORGANIZATION/);
    }
  }, 120_000);
});
