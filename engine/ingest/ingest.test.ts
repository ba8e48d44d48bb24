import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect.ts';
import { ingestDocument } from './ingest.ts';
import type { CredentialsResult, IngestResult } from './types.ts';
import { errorOf, SHARED } from './test-helpers.ts';

const EX = resolve(SHARED, 'datasets/credential-examples');
const SAMPLE = resolve(import.meta.dirname, '../../datasets');
const json = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

function creds(r: IngestResult): CredentialsResult {
  if (r.format === 'text' || r.format === 'catalogue' || r.format === 'jobposting') throw new Error(`expected credentials, got ${r.format}`);
  return r;
}

describe('detectFormat', () => {
  it('tells each supported format apart', () => {
    expect(detectFormat(json(resolve(EX, 'openbadges-3.0-spec-examples/basicOpenBadgeCredential.json')))).toBe('ob3');
    expect(detectFormat(json(resolve(EX, 'ctdl-samples/CTDLinLERs_VCs_OpenBadges_CLRs/s1_1_DegreeInRegistry.json')))).toBe('ctdl');
    expect(detectFormat(json(resolve(EX, 'ctdl-samples/CourseProgramExamples/programWithCourses.json')))).toBe('ctdl');
    expect(detectFormat(json(resolve(EX, 'ctdl-samples/PathwaysConditionsAndConstraints/Pathway-Examples/HeriotWatt/courses.json')))).toBe('ctdl');
    expect(detectFormat({ type: ['VerifiableCredential', 'ClrCredential'], credentialSubject: {} })).toBe('clr');
    expect(detectFormat({ '@context': 'https://w3id.org/openbadges/v2', type: 'BadgeClass' })).toBe('ob2');
    expect(detectFormat({ '@context': 'https://schema.org', '@type': 'JobPosting' })).toBe('jobposting');
    expect(detectFormat([{ partner: 'x', course: 'y', skills: '', certificatetype: 'Course' }])).toBe('catalogue');
    expect(detectFormat('I maintained Kubernetes clusters for five years.')).toBe('text');
    expect(detectFormat('Subject,Title,Institution,Learning Product,Level,Duration,Gained Skills,Rate,Reviews\n')).toBe('catalogue');
  });

  it('returns null for anything else', () => {
    expect(detectFormat({ hello: 'world' })).toBeNull();
    expect(detectFormat(json(resolve(EX, 'edubadges-obv3-examples/context_educredential.json')))).toBeNull();
    expect(detectFormat([])).toBeNull();
    expect(detectFormat(42)).toBeNull();
  });
});

describe('ingestDocument', () => {
  it('text → { text } for the linker', () => {
    expect(ingestDocument('  Five years as a welder; TIG and MIG.  ')).toEqual({ format: 'text', text: 'Five years as a welder; TIG and MIG.', warnings: [] });
    expect(ingestDocument('{"not": "parsed"}', { format: 'text' })).toMatchObject({ format: 'text', text: '{"not": "parsed"}' });
    expect(errorOf(() => ingestDocument('   ', { format: 'text' })).code).toBe('EMPTY_DOCUMENT');
  });

  it('accepts a string or an already-parsed value with the same result', () => {
    const path = resolve(EX, 'openbadges-3.0-spec-examples/skillAssertionCase.json');
    expect(ingestDocument(readFileSync(path, 'utf8'))).toEqual(ingestDocument(json(path)));
  });

  it('is deterministic: the same input twice gives identical output', () => {
    const text = readFileSync(resolve(EX, 'ctdl-samples/PathwaysConditionsAndConstraints/Pathway-Examples/HeriotWatt/pathway.json'), 'utf8');
    expect(JSON.stringify(ingestDocument(text))).toBe(JSON.stringify(ingestDocument(text)));
  });

  it('checks options once: invalid <option>: <value>', () => {
    expect(errorOf(() => ingestDocument('x', { format: 'pdf' as never }))).toMatchObject({ code: 'INVALID_OPTION', message: 'invalid format: "pdf"' });
    expect(errorOf(() => ingestDocument('x', { now: 'tomorrow' }))).toMatchObject({ code: 'INVALID_OPTION', message: 'invalid now: "tomorrow"' });
    expect(errorOf(() => ingestDocument('x', { ctid: 'loose' as never })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => ingestDocument('x', { colour: 'red' } as never)).code).toBe('INVALID_OPTION');
  });

  it('bad input → one coded error, never a partial result', () => {
    expect(errorOf(() => ingestDocument('{"type": ["VerifiableCredential", "OpenBadgeCredential"], "id": "x", '))).toMatchObject({ code: 'INVALID_JSON', line: 1 });
    expect(errorOf(() => ingestDocument('{"hello": "world"}'))).toMatchObject({ code: 'UNKNOWN_FORMAT', path: '' });
    expect(errorOf(() => ingestDocument(''))).toMatchObject({ code: 'EMPTY_DOCUMENT' });
    // the second of two OB3 credentials is bad: the whole array fails, naming the element
    const good = json(resolve(EX, 'openbadges-3.0-spec-examples/basicOpenBadgeCredential.json')) as Record<string, unknown>;
    const bad = { ...good, credentialSubject: 'nope' };
    expect(errorOf(() => ingestDocument([good, bad]))).toMatchObject({ code: 'INVALID_FIELD', path: '[1].credentialSubject' });
  });
});

describe('ingestDocument on the generated sample credentials (datasets/credentials)', () => {
  const ctdlFile = resolve(SAMPLE, 'credentials/ctdl.json');
  const ob3File = resolve(SAMPLE, 'credentials/ob3-achievements.json');

  it.skipIf(!existsSync(ctdlFile))('ctdl.json → 99 CTDL credentials with ESCO links, level, cost, hours, prerequisites and stacks', () => {
    const r = creds(ingestDocument(readFileSync(ctdlFile, 'utf8')));
    expect(r.format).toBe('ctdl');
    expect(r.credentials).toHaveLength(99);
    const c = r.credentials.map((e) => e.credential);
    expect(c.every((x) => x.level !== '' && x.cost !== null && x.hours !== null && x.skills.length > 0)).toBe(true);
    expect(c.every((x) => x.skills.every((s) => s.skillId.startsWith('http://data.europa.eu/esco/skill/') && s.confidence === 1))).toBe(true);
    expect(c.filter((x) => x.requires.length > 0).length).toBeGreaterThan(0);
    expect(c.filter((x) => x.isPartOf.length > 0).length).toBeGreaterThan(0);
    expect(r.warnings).toEqual([]);
  });

  it.skipIf(!existsSync(ob3File))('ob3-achievements.json → 102 bare OB3 Achievements with skillgraph: extension terms', () => {
    const r = creds(ingestDocument(readFileSync(ob3File, 'utf8')));
    expect(r.format).toBe('ob3');
    expect(r.credentials).toHaveLength(102);
    expect(r.awards).toEqual([]);
    const c = r.credentials.map((e) => e.credential);
    expect(c.every((x) => x.level !== '' && x.cost !== null && x.hours !== null && x.skills.length > 0)).toBe(true);
    expect(new Set(c.map((x) => x.credentialType))).toEqual(new Set(['badge', 'micro-credential', 'certificate', 'professional-certificate']));
  });
});

describe('ingestDocument on pathologically nested input', () => {
  it('a document nested deeper than 100 levels → TOO_DEEP, never a stack overflow', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(errorOf(() => ingestDocument({ '@graph': deep }))).toMatchObject({ code: 'TOO_DEEP' });
    expect(errorOf(() => ingestDocument(`${'['.repeat(10_000)}${']'.repeat(10_000)}`)).code).toBe('TOO_DEEP');
    const cyclic: Record<string, unknown> = { type: 'BadgeClass' };
    cyclic['self'] = cyclic;
    expect(errorOf(() => ingestDocument(cyclic)).code).toBe('TOO_DEEP');
  });
});
