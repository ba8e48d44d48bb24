import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCandidatesDocument } from './candidates-document.ts';
import { IngestErrorCode } from './errors.ts';
import { parseJsonResumes } from './json-resume.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/json-resume/${name}`, import.meta.url), 'utf8'));

describe('parseJsonResumes (public JSON Resume examples)', () => {
  it('reads the schema sample: id from the e-mail, name, location, experience lines and skill names', () => {
    const batch = parseJsonResumes(fixture('sample.resume.json'));
    expect(batch.errors).toEqual([]);
    const [r] = batch.records;
    expect(r!.candidate.id).toBe('mailto:richard.hendriks@mail.com');
    expect(r!.candidate.name).toBe('Richard Hendriks');
    expect(r!.candidate.location).toBe('San Francisco, California, US');
    expect(r!.candidate.experience).toContain('CEO/President at Pied Piper');
    expect(r!.candidate.experience).toContain('Bachelor in Information Technology at University of Oklahoma');
    expect(r!.candidate.experience).toContain('DB1101 - Basic SQL');
    expect(r!.skillTags.map((t) => t.tag)).toEqual(['Web Development', 'HTML', 'CSS', 'Javascript', 'Compression', 'Mpeg', 'MP4', 'GIF', 'GoogleMaps', 'Chrome Extension']);
    expect(r!.skillTags[1]).toEqual({ tag: 'HTML', source: 'skills[0].keywords[0]' });
    // an empty profile URL and the project URL "missdirection.example.com" are not URIs: warnings, not errors
    expect(batch.warnings.map((w) => w.path)).toEqual(['basics.profiles[0].url', 'projects[0].url']);
  });

  it('reads an array of resumes; a bad one is reported with its index and path while the good ones are kept', () => {
    const batch = parseJsonResumes([fixture('new-grad.resume.json'), fixture('basics-wrong-type.json'), fixture('career-changer.resume.json'), fixture('invalid-email.json'), fixture('senior-engineer.resume.json')]);
    expect(batch.records.map((r) => r.candidate.name)).toEqual(['Maya Okonkwo', 'Daniel Reyes', 'Dr. Lena Vasquez']);
    expect(batch.errors.map((e) => [e.index, e.code, e.path])).toEqual([
      [1, IngestErrorCode.InvalidField, '[1].basics'],
      [3, IngestErrorCode.MissingField, '[3].basics.name'],
    ]);
  });

  it('refuses a resume with no meta.id and no e-mail (no key to import it by) and a repeated id', () => {
    const batch = parseJsonResumes([{ basics: { name: 'No Key' } }, { basics: { name: 'A', email: 'a@x.org' } }, { basics: { name: 'A again', email: 'A@x.org' } }, { basics: { name: 'B' }, meta: { id: 'hr:42' } }]);
    expect(batch.records.map((r) => r.candidate.id)).toEqual(['mailto:a@x.org', 'hr:42']);
    expect(batch.errors.map((e) => [e.index, e.code])).toEqual([
      [0, IngestErrorCode.MissingField],
      [2, IngestErrorCode.InvalidId],
    ]);
  });

  it('detects JSON Resume text in parseCandidatesDocument and throws one error for a file that is no candidates format', () => {
    const text = readFileSync(new URL('./fixtures/json-resume/new-grad.resume.json', import.meta.url), 'utf8');
    expect(parseCandidatesDocument(text).format).toBe('json-resume');
    expect(() => parseCandidatesDocument('{"@context": "https://schema.org", "@type": "JobPosting"}')).toThrow(expect.objectContaining({ code: IngestErrorCode.UnknownFormat }));
    expect(() => parseCandidatesDocument('{ not json')).toThrow(expect.objectContaining({ code: IngestErrorCode.InvalidJson }));
  });
});
