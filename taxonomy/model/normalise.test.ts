import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../loaders/shared-path.ts';
import { normaliseGeneral, normaliseLabel } from './normalise.ts';

describe('normaliseLabel', () => {
  it('folds case, punctuation runs and white space', () => {
    expect(normaliseLabel('  Project   Management (PM), C++ / C#\tand\u00a0Node.js!  ')).toBe('project management pm c++ / c# and node.js');
    expect(normaliseLabel('ÉCOLE – Straße')).toBe('école straße');
    expect(normaliseLabel('...')).toBe('...');
    expect(normaliseLabel(' ,; ')).toBe('');
  });

  it('the ASCII fast path gives the general definition on every ESCO label and hahu posting line, and on seeded random ASCII', () => {
    const texts: string[] = [];
    for (const file of ['skills_en.csv', 'occupations_en.csv']) {
      // Every line's fields (labels, alternative labels, descriptions) as they are: commas, quotes, newlines and all.
      for (const t of readFileSync(sharedPath('datasets', 'esco-v1.1.1', file), 'utf8').split(/[\n",]/)) texts.push(t);
    }
    for (const t of readFileSync(sharedPath('datasets', 'hahu-job-postings-esco', 'hahu_dev.csv'), 'utf8').split('\n')) texts.push(t);
    let s = 18;
    const rnd = (n: number) => (s = (s * 1103515245 + 12345) & 0x7fffffff) % n;
    const alphabet = "abcXYZ09 +#.'/-_,;:()\t\n\r\v\f\u0001\u001f\u007f&*!?\"";
    for (let i = 0; i < 20_000; i++) texts.push(Array.from({ length: rnd(24) }, () => alphabet[rnd(alphabet.length)]).join(''));
    let ascii = 0;
    for (const t of texts) {
      if ([...t].every((ch) => ch.charCodeAt(0) < 0x80)) ascii++;
      if (normaliseLabel(t) !== normaliseGeneral(t)) expect([t, normaliseLabel(t)]).toEqual([t, normaliseGeneral(t)]);
    }
    expect(ascii).toBeGreaterThan(100_000);
  });
});
