import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestDocument } from './ingest.ts';
import type { IngestResult, JobPostingsResult } from './types.ts';
import { errorOf, resultAs } from './test-helpers.ts';

const postings = (r: IngestResult): JobPostingsResult => resultAs(r, 'jobposting');

const ESCO = 'http://data.europa.eu/esco/skill/c8ac1986-38fa-43b2-89dc-50a4beeb420e';

const posting = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  '@context': 'https://schema.org',
  '@type': 'JobPosting',
  '@id': 'https://jobs.example/1',
  title: 'Data Analyst',
  description: '<p>We need an <b>analyst</b>.</p><ul><li>SQL</li><li>Python &amp; R</li></ul>',
  datePosted: '2026-05-01',
  hiringOrganization: { '@type': 'Organization', name: 'Acme', sameAs: 'https://acme.example' },
  occupationalCategory: { '@type': 'CategoryCode', codeValue: '15-2051', name: 'Data Scientists', inCodeSet: 'https://www.bls.gov/soc/2018/' },
  skills: [
    { '@type': 'DefinedTerm', name: 'electricity', url: ESCO },
    { '@type': 'DefinedTerm', name: 'Reading Comprehension', termCode: '2.A.1.a' },
    { '@type': 'DefinedTerm', name: 'Tableau' },
  ],
  jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Austin', addressRegion: 'TX', addressCountry: 'US' } },
  baseSalary: { '@type': 'MonetaryAmount', currency: 'USD', value: { '@type': 'QuantitativeValue', minValue: 60000, maxValue: 80000, unitText: 'YEAR' } },
  ...extra,
});

describe('ingestDocument on schema.org JobPosting', () => {
  it('maps title, HTML-stripped description, organisation, SOC occupation, location, salary', () => {
    const r = postings(ingestDocument(posting()));
    const p = r.postings[0]!;
    expect(p.posting).toMatchObject({
      id: 'https://jobs.example/1',
      title: 'Data Analyst',
      description: 'We need an analyst.\n\n- SQL\n- Python & R',
      organisationId: 'https://acme.example',
      datePosted: '2026-05-01',
      occupationId: 'onet:15-2051.00',
      location: 'Austin, TX, US',
    });
    expect(p.hiringOrganization).toEqual({ id: 'https://acme.example', name: 'Acme' });
    expect(p.occupationalCategory).toEqual({ code: '15-2051', name: 'Data Scientists' });
    expect(p.baseSalary).toEqual({ currency: 'USD', min: 60000, max: 80000, unit: 'YEAR' });
  });

  it('DefinedTerms with an ESCO url / O*NET termCode link with confidence 1; other terms are text for the linker', () => {
    const p = postings(ingestDocument(posting())).postings[0]!;
    expect(p.posting.skills).toEqual([
      { skillId: ESCO, confidence: 1, provenance: { kind: 'alignment', source: 'skills[0].url', span: null } },
      { skillId: 'onet:2.A.1.a', confidence: 1, provenance: { kind: 'alignment', source: 'skills[1].termCode', span: null } },
    ]);
    expect(p.skillTerms).toEqual(['Tableau']);
  });

  it('skills as a comma list string; occupationalCategory as a plain string; @graph and arrays', () => {
    const r = postings(ingestDocument({ '@context': 'https://schema.org', '@graph': [posting({ skills: 'SQL, Python; Excel', occupationalCategory: '15-2051.01' }), posting({ '@id': 'https://jobs.example/2' })] }));
    expect(r.postings).toHaveLength(2);
    expect(r.postings[0]!.skillTerms).toEqual(['SQL', 'Python', 'Excel']);
    expect(r.postings[0]!.posting.occupationId).toBe('onet:15-2051.01');
    expect(postings(ingestDocument([posting(), posting({ '@id': 'https://jobs.example/2' })])).postings).toHaveLength(2);
  });

  it('bad postings → one coded error naming the field; nothing partial', () => {
    expect(errorOf(() => ingestDocument(posting({ title: undefined })))).toMatchObject({ code: 'MISSING_FIELD', path: 'title' });
    expect(errorOf(() => ingestDocument(posting({ datePosted: 'last week' })))).toMatchObject({ code: 'INVALID_FIELD', path: 'datePosted' });
    expect(errorOf(() => ingestDocument(posting({ title: 42 })))).toMatchObject({ code: 'INVALID_FIELD', path: 'title' });
    expect(errorOf(() => ingestDocument([posting(), posting({ '@id': 'x', hiringOrganization: undefined })]))).toMatchObject({ code: 'MISSING_FIELD', path: '[1].hiringOrganization' });
    expect(errorOf(() => ingestDocument(posting({ baseSalary: { currency: 'USD', value: { minValue: 9, maxValue: 1 } } })))).toMatchObject({ code: 'INVALID_FIELD', path: 'baseSalary.value' });
  });
});

describe('ingestDocument on datasets/postings.jsonld (generated sample)', () => {
  const file = resolve(import.meta.dirname, '../../datasets/postings.jsonld');
  it('parses all 300 postings with ESCO occupations and explicit ESCO skill links', () => {
    const r = postings(ingestDocument(readFileSync(file, 'utf8')));
    expect(r.postings).toHaveLength(300);
    expect(r.postings.every((p) => p.posting.occupationId?.startsWith('http://data.europa.eu/esco/occupation/'))).toBe(true);
    expect(r.postings.every((p) => p.posting.skills.length > 0 && p.posting.skills.every((s) => s.confidence === 1))).toBe(true);
    expect(r.postings[0]!.posting).toMatchObject({ id: 'urn:sample:posting:0001', title: 'Bookkeeper', organisationId: 'urn:sample:org:tallyworks', location: 'Tucson, AZ, US' });
  });
});
