/**
 * Readers on the standards' own published examples (datasets/conformance, see PROVENANCE.md): CLR 2.0
 * from the 1EdTech validator, OB 3.0 credentials from the DCC fixtures (subjects without id, alignments
 * without targetType), schema.org's JobPosting examples, and a presentation wrapping real credentials.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestDocument } from './ingest.ts';
import { resultAs } from './test-helpers.ts';

const CORPUS = fileURLToPath(new URL('../../datasets/conformance/', import.meta.url));
const read = (file: string): string => readFileSync(join(CORPUS, file), 'utf8');
const NOW = '2026-12-01T00:00:00Z';

describe('CLR 2.0 as 1EdTech publishes it', () => {
  it('simple.json: achievements in credentialSubject.achievement[] kept, the bundled credential awarded, associations read', () => {
    const r = resultAs(ingestDocument(read('verify/1edtech/clr20_simple.json'), { now: NOW }), 'clr');
    expect(r.credentials.map((c) => c.credential.id)).toEqual(expect.arrayContaining(['urn:uuid:a7467ef6-56cb-11ec-bf63-0242ac130002', 'urn:uuid:dd887f0a-56cb-11ec-bf63-0242ac130002']));
    expect(r.awards).toHaveLength(1);
    expect(r.awards[0]!.award.candidateId).toBe('did:example:ebfeb1f712ebc6f1c276e12ec21');
    expect(r.warnings.map((w) => w.code)).toContain('ACHIEVEMENT_WITHOUT_CREDENTIAL');
  });
  it('complex.json and the VC-JWT form (bundled credentials as JWT strings) are read', () => {
    const complex = resultAs(ingestDocument(read('verify/1edtech/clr20_complex.json'), { now: NOW }), 'clr');
    expect(complex.credentials.length).toBeGreaterThan(0);
    const jwt = resultAs(ingestDocument(read('verify/1edtech/clr20_simple.jwt'), { now: NOW }), 'clr');
    expect(jwt.awards).toHaveLength(1);
    expect(jwt.awards[0]!.verificationMethod.type).toBe('jwt');
  });
});

describe('OB 3.0 credentials from the DCC test fixtures', () => {
  it('a subject with neither id nor identifier is accepted with a warning (anonymous subject of the credential)', () => {
    const doc = read('verify/dcc/v2_ed25519_didKey_noRegistry-revokedStatus-notExpired.json');
    const r = resultAs(ingestDocument(doc, { now: NOW }), 'ob3');
    expect(r.awards[0]!.award.candidateId).toBe('urn:skillgraph:subject:urn:uuid:677fe8a6cacf98774d482d06');
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'SUBJECT_WITHOUT_ID', path: 'credentialSubject.id' }));
  });
  it('alignments without targetType are kept as framework skills (name, URL, framework, code)', () => {
    const r = resultAs(ingestDocument(read('verify/dcc/v2_dataIntegrityProof_didKey_legacyRegistry-noStatus-noExpiry-alignments.json')), 'ob3');
    expect(r.credentials[0]!.credential.skills.map((l) => l.skillId)).toEqual(['https://credentialfinder.org/credential/20229/Requirements_Analysis']);
    expect(r.customSkills[0]).toMatchObject({ id: 'https://credentialfinder.org/credential/20229/Requirements_Analysis', source: 'custom', preferredLabel: 'Requirements Analysis', altLabels: ['ce-cf4dee18-7cea-443a-b920-158a0762c6bf'], description: expect.stringContaining('Framework: Edmonds College Course Catalog') });
  });
  it('every DCC fixture is read (expired ones marked expired at ingest, as verification and fit weights do)', () => {
    for (const f of readdirSync(join(CORPUS, 'verify/dcc'))) {
      const doc = read(`verify/dcc/${f}`);
      // Three status-list fixtures are plain VCs (no OpenBadgeCredential type, no achievement): not badges.
      if (!doc.includes('OpenBadgeCredential')) {
        expect(() => ingestDocument(doc), f).toThrow(expect.objectContaining({ code: 'UNKNOWN_FORMAT' }));
        continue;
      }
      const r = resultAs(ingestDocument(doc, { now: NOW }), 'ob3');
      expect(r.awards, f).toHaveLength(1);
      if (/expired\.json$|Expired-/.test(f) && !/notExpired/.test(f)) expect(r.awards[0]!.award.verification, f).toBe('expired');
    }
  });
  it('a Verifiable Presentation (derived: real DCC credentials wrapped by a holder) is unwrapped, awards go to the holder when the subject has no id', () => {
    const a = JSON.parse(read('verify/dcc/v2_ed25519_didKey_noRegistry-revokedStatus-notExpired.json')) as unknown;
    const b = JSON.parse(read('verify/dcc/v2_dataIntegrityProof_didKey_legacyRegistry-noStatus-noExpiry-alignments.json')) as unknown;
    const vp = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: 'did:example:holder', verifiableCredential: [a, b] };
    const r = resultAs(ingestDocument(vp, { now: NOW }), 'ob3');
    expect(r.awards.map((w) => w.award.candidateId)).toEqual(['did:example:holder', 'did:example:ebfeb1f712ebc6f1c276e12ec21']);
  });
});

describe("schema.org's published JobPosting examples", () => {
  for (const f of readdirSync(join(CORPUS, 'ingest/schemaorg'))) {
    it(`${f} is read, with warnings for what it omits`, () => {
      const r = resultAs(ingestDocument(read(`ingest/schemaorg/${f}`), { now: NOW }), 'jobposting');
      expect(r.postings).toHaveLength(1);
      expect(r.refused).toEqual([]);
      expect(r.postings[0]!.posting.title).not.toBe('');
    });
  }
  it('eg-0251: relevantOccupation.occupationalCategory (O*Net-SOC CategoryCode) parsed', () => {
    const p = resultAs(ingestDocument(read('ingest/schemaorg/eg-0251.jsonld'), { now: NOW }), 'jobposting').postings[0]!;
    expect(p.occupationalCategory).toEqual({ scheme: 'O*NET-SOC', code: '15-1132.00', name: 'Software Developers, Applications' });
    expect(p.posting.occupationId).toBe('onet:15-1132.00');
  });
  it('eg-0028: baseSalary as a string, requirement fields appended to the linked text', () => {
    const p = resultAs(ingestDocument(read('ingest/schemaorg/eg-0028.jsonld'), { now: NOW }), 'jobposting').postings[0]!;
    expect(p.baseSalary).toMatchObject({ min: 100000, max: 100000 });
    expect(p.posting.description).toContain('Experience: Minumum 3 years experience as a software engineer');
  });
  it('eg-0465: experienceRequirements as OccupationalExperienceRequirements', () => {
    const p = resultAs(ingestDocument(read('ingest/schemaorg/eg-0465.jsonld'), { now: NOW }), 'jobposting').postings[0]!;
    expect(p.posting.description).toContain('Experience: 60 months of experience');
    expect(p.posting.description).toContain('Education: bachelor degree');
  });
});

describe('text in a language the model does not cover', () => {
  it('Edubadges (SURF) Dutch credentials are read with a LANGUAGE_NOT_COVERED warning naming the field', () => {
    const SHARED = process.env['SKILLGRAPH_SHARED'] ?? fileURLToPath(new URL('../../../shared', import.meta.url));
    const doc = readFileSync(join(SHARED, 'datasets/credential-examples/edubadges-obv3-examples/mbob_eo_eov_regular_full.json'), 'utf8');
    const r = resultAs(ingestDocument(doc), 'ob3');
    expect(r.credentials).toHaveLength(1);
    expect(r.warnings).toContainEqual({ code: 'LANGUAGE_NOT_COVERED', path: 'credentialSubject.achievement.description', message: expect.stringContaining('Dutch') });
    // English credentials get no such warning.
    expect(ingestDocument(read('verify/dcc/v2_dataIntegrityProof_didKey_legacyRegistry-noStatus-noExpiry-basicOBv3.json')).warnings.map((w) => w.code)).not.toContain('LANGUAGE_NOT_COVERED');
  });
});
