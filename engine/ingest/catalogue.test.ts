import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { splitTags } from './catalogue.ts';
import { freeDurationToHours } from './duration.ts';
import { ingestDocument } from './ingest.ts';
import type { CatalogueResult, IngestResult } from './types.ts';
import { errorOf, resultAs, SHARED } from './test-helpers.ts';

const DIR = resolve(SHARED, 'datasets/coursera-courses');
const SKILLS_1139 = readFileSync(resolve(DIR, 'coursera_courses_1139_skills.csv'), 'utf8');
const GAINED_3404 = readFileSync(resolve(DIR, 'coursera_courses_3404_gained_skills.csv'), 'utf8');

const catalogue = (r: IngestResult): CatalogueResult => resultAs(r, 'catalogue');

describe('ingestDocument on coursera_courses_1139_skills.csv', () => {
  const r = catalogue(ingestDocument(SKILLS_1139));

  it('detects the layout and skips the 23 `None` junk rows of 1139', () => {
    expect(r.layout).toBe('skills1139');
    expect(r.skipped).toHaveLength(23);
    expect(r.credentials.length + r.duplicates).toBe(1139 - 23);
    expect(r.credentials).toHaveLength(1112);
  });

  it('trims padded values and maps the type ladder and levels', () => {
    const google = r.credentials.find((e) => e.credential.name === 'Google Cybersecurity')!.credential;
    expect(google).toMatchObject({
      id: 'coursera:professional-certificate/google/google-cybersecurity',
      format: 'catalogue',
      issuer: { id: 'coursera:google', name: 'Google' },
      credentialType: 'professional-certificate',
      level: 'beginner',
      cost: null,
      hours: 195,
      skills: [],
      requires: [],
      isPartOf: [],
    });
    const counts = (t: string): number => r.credentials.filter((e) => e.credential.credentialType === t).length;
    expect(counts('course')).toBe(499);
    expect(counts('specialization')).toBe(392);
    expect(counts('professional-certificate')).toBeGreaterThan(90);
    expect(new Set(r.credentials.map((e) => e.credential.level))).toEqual(new Set(['beginner', 'intermediate', 'advanced', '']));
  });

  it('keeps "Extract, Transform, Load" as one tag', () => {
    const tags = r.credentials.find((e) => e.credential.name === 'Google Data Analytics')!.skillTags;
    expect(tags).toContain('Extract, Transform, Load');
    expect(tags).not.toContain('Extract');
    expect(tags).not.toContain('Load');
    expect(r.credentials.flatMap((e) => e.skillTags).filter((t) => t === 'Transform')).toEqual([]);
  });

  it('parses every one of the 37 duration forms present (hours for all but `None` and a weekly pace)', () => {
    const rows = parse(SKILLS_1139, { columns: true }) as Record<string, string>[];
    const forms = [...new Set(rows.map((x) => x['duration']!))];
    expect(forms).toHaveLength(37);
    const unparsed = forms.filter((f) => freeDurationToHours(f) === null).map((f) => f.trim());
    expect(unparsed.sort()).toEqual(['15+ hours of study/wk per course', 'None']);
    expect(r.credentials.filter((e) => e.credential.hours === null)).toHaveLength(1);
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'UNPARSED_DURATION' })]);
    const hours = (name: string): number | null => r.credentials.find((e) => e.credential.name === name)?.credential.hours ?? null;
    expect(hours('Google Cybersecurity')).toBe(195); // 3 - 6 Months
  });
});

describe('ingestDocument on coursera_courses_3404_gained_skills.csv', () => {
  const r = catalogue(ingestDocument(GAINED_3404));

  it('reads all 3404 rows (no junk), one credential per distinct (type, institution, title)', () => {
    expect(r.layout).toBe('gainedSkills3404');
    expect(r.skipped).toEqual([]);
    expect(r.credentials.length + r.duplicates).toBe(3404);
    expect(r.credentials).toHaveLength(2761);
  });

  it('turns the 4 duration buckets into hours', () => {
    const byBucket = new Map<string, number | null>();
    const rows = parse(GAINED_3404, { columns: true }) as Record<string, string>[];
    for (const row of rows) byBucket.set(row['Duration']!, freeDurationToHours(row['Duration']!));
    expect(Object.fromEntries(byBucket)).toEqual({ 'Less Than 2 Hours': 1, '1 - 4 Weeks': 25, '1 - 3 Months': 86.67, '3 - 6 Months': 195 });
    expect(r.credentials.every((e) => e.credential.hours !== null)).toBe(true);
  });

  it('accepts already-parsed rows (csv-parse output) with the same result', () => {
    const rows = parse(GAINED_3404, { columns: true }) as Record<string, string>[];
    expect(catalogue(ingestDocument(rows)).credentials).toEqual(r.credentials);
  });
});

describe('catalogue errors and tags', () => {
  it('splitTags re-joins known comma tags and dedupes', () => {
    expect(splitTags('SQL, Extract, Transform, Load, Python, SQL')).toEqual(['SQL', 'Extract, Transform, Load', 'Python']);
    expect(splitTags('')).toEqual([]);
  });

  it('unknown columns → UNKNOWN_FORMAT; broken quoting → INVALID_CSV with a line; only junk → EMPTY_DOCUMENT', () => {
    expect(errorOf(() => ingestDocument('a,b\n1,2\n', { format: 'catalogue' })).code).toBe('UNKNOWN_FORMAT');
    expect(errorOf(() => ingestDocument('partner,course,skills,rating,reviewcount,level,certificatetype,duration,crediteligibility\nIBM,"Broken,x,1,2,Beginner,Course,1 - 4 Weeks,False\n')).code).toBe('INVALID_CSV');
    expect(errorOf(() => ingestDocument('partner,course,skills,rating,reviewcount,level,certificatetype,duration,crediteligibility\nIBM,X,,,,,None,None,False\n')).code).toBe('EMPTY_DOCUMENT');
  });
});
