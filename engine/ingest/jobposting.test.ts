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
      organisationId: 'https://acme.example',
      datePosted: '2026-05-01',
      occupationId: 'onet:15-2051.00',
      location: 'Austin, TX, US',
    });
    expect(p.posting.description).toBe('We need an analyst.\n\n- SQL\n- Python & R\n\nSkills: electricity\nReading Comprehension\nTableau');
    expect(p.hiringOrganization).toEqual({ id: 'https://acme.example', name: 'Acme' });
    expect(p.occupationalCategory).toEqual({ scheme: 'SOC', code: '15-2051', name: 'Data Scientists' });
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
    const batch = postings(ingestDocument([posting(), posting({ '@id': 'x', title: undefined })]));
    expect(batch.postings).toHaveLength(1);
    expect(batch.refused).toEqual([{ path: '[1].title', code: 'MISSING_FIELD', message: expect.stringContaining('title') }]);
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

describe('JobPostings as published: optional fields optional, one bad record refused, the rest kept', () => {
  const NOW = '2026-12-01T00:00:00Z';
  it('a 300-posting @graph with one bad record imports 299 and reports 1', () => {
    const list = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../datasets/postings.jsonld'), 'utf8')) as Record<string, unknown>[];
    const doc = { '@context': 'https://schema.org', '@graph': list.map(({ '@context': _c, ...p }) => p) };
    expect(doc['@graph']).toHaveLength(300);
    doc['@graph'][137] = { ...doc['@graph'][137], datePosted: 'sometime in May' };
    const r = postings(ingestDocument(doc, { now: NOW }));
    expect(r.postings).toHaveLength(299);
    expect(r.refused).toEqual([{ path: '@graph[137].datePosted', code: 'INVALID_FIELD', message: expect.stringContaining('datePosted') }]);
  });

  it('ItemList pages (ListItem.item or postings directly) are read record by record', () => {
    const list = { '@context': 'https://schema.org', '@type': 'ItemList', itemListElement: [{ '@type': 'ListItem', position: 1, item: posting() }, posting({ '@id': 'https://jobs.example/2' }), { '@type': 'ListItem', position: 3, item: posting({ '@id': 'https://jobs.example/3', hiringOrganization: 42 }) }] };
    const r = postings(ingestDocument(list));
    expect(r.postings.map((p) => p.posting.id)).toEqual(['https://jobs.example/1', 'https://jobs.example/2']);
    expect(r.refused).toEqual([{ path: 'itemListElement[2].item.hiringOrganization', code: 'INVALID_FIELD', message: expect.any(String) }]);
  });

  it('baseSalary as a number or a text; occupationalCategory text split into scheme, code and name', () => {
    const n = postings(ingestDocument(posting({ baseSalary: 100000, occupationalCategory: '15-1132.00 Software Developers, Applications' }))).postings[0]!;
    expect(n.baseSalary).toEqual({ currency: '', min: 100000, max: 100000, unit: '' });
    expect(n.occupationalCategory).toEqual({ scheme: 'O*NET-SOC', code: '15-1132.00', name: 'Software Developers, Applications' });
    expect(n.posting.occupationId).toBe('onet:15-1132.00');
    const t = postings(ingestDocument(posting({ baseSalary: '$50,000 - $60,000 a year', occupationalCategory: '2512 Software developers' }))).postings[0]!;
    expect(t.baseSalary).toEqual({ currency: 'USD', min: 50000, max: 60000, unit: 'YEAR' });
    expect(t.occupationalCategory).toEqual({ scheme: 'ISCO-08', code: '2512', name: 'Software developers' });
    const w = ingestDocument(posting({ baseSalary: 'competitive' }));
    expect(postings(w).postings[0]!.baseSalary).toBeNull();
    expect(w.warnings).toContainEqual(expect.objectContaining({ code: 'UNREADABLE_SALARY', path: 'baseSalary' }));
  });

  it('HTML published entity-encoded (&lt;p&gt;, &#x2019;) is cleaned; requirement fields are text for the linker', () => {
    const p = postings(ingestDocument(posting({ description: '&lt;p&gt;We&#x2019;re hiring &lt;strong&gt;now&lt;/strong&gt;&lt;/p&gt;', skills: undefined, qualifications: '<ul><li>5 years of SQL</li></ul>', responsibilities: 'Build dashboards', experienceRequirements: { '@type': 'OccupationalExperienceRequirements', monthsOfExperience: 36 } }))).postings[0]!;
    expect(p.posting.description).toBe('We\u2019re hiring now\n\nQualifications: - 5 years of SQL\n\nResponsibilities: Build dashboards\n\nExperience: 36 months of experience');
  });

  it('a German posting is kept with a warning (what, where): the model covers English only', () => {
    const r = ingestDocument(posting({ title: 'Softwareentwickler (m/w/d)', description: 'Wir suchen für unser Team in Berlin einen Entwickler mit Erfahrung in der Entwicklung von Webanwendungen und der Arbeit mit Datenbanken. Sie arbeiten eng mit unseren Kunden zusammen und sind für die Qualität der Software verantwortlich.', skills: undefined }));
    expect(postings(r).postings).toHaveLength(1);
    expect(r.warnings).toContainEqual({ code: 'LANGUAGE_NOT_COVERED', path: 'description', message: expect.stringContaining('German') });
    expect(ingestDocument(posting()).warnings.filter((w) => w.code === 'LANGUAGE_NOT_COVERED')).toEqual([]);
  });
});
