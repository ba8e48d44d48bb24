import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../taxonomy/loaders/shared-path.ts';
import { guessLanguage, languageWarning } from './language.ts';

describe('languageWarning', () => {
  it('warns on a German posting and names the language', () => {
    const de = 'Wir suchen ab sofort einen Softwareentwickler (m/w/d) für unser Team in Berlin. Sie haben Erfahrung mit Java und sind teamfähig. Wir bieten Ihnen einen sicheren Arbeitsplatz und flexible Arbeitszeiten.';
    expect(guessLanguage(de).language).toBe('de');
    expect(languageWarning(de)).toMatch(/German/);
  });

  it('stays silent on every real English posting of the hahu dev set and on short texts', () => {
    const rows = parse(readFileSync(sharedPath('datasets', 'hahu-job-postings-esco', 'hahu_dev.csv'), 'utf8'), { columns: true }) as { title: string; description: string }[];
    expect(rows.length).toBe(162);
    expect(rows.filter((r) => languageWarning(`${r.title}\n${r.description}`) !== null)).toEqual([]);
    expect(languageWarning('Java und Python')).toBeNull();
  });
});
