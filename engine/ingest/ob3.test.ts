import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestDocument } from './ingest.ts';
import type { CredentialsResult, IngestResult } from './types.ts';
import { errorOf, resultAs, SHARED } from './test-helpers.ts';

const OB3_DIR = resolve(SHARED, 'datasets/credential-examples/openbadges-3.0-spec-examples');
const EDU_DIR = resolve(SHARED, 'datasets/credential-examples/edubadges-obv3-examples');
const read = (dir: string, f: string): string => readFileSync(resolve(dir, f), 'utf8');

const creds = (r: IngestResult): CredentialsResult => resultAs(r, 'ob3');

const basic = (): Record<string, unknown> => JSON.parse(read(OB3_DIR, 'basicOpenBadgeCredential.json')) as Record<string, unknown>;

describe('ingestDocument on the 6 Open Badges 3.0 spec examples', () => {
  const files = readdirSync(OB3_DIR).filter((f) => f.endsWith('.json')).sort();

  it('parses all 6 into one credential and one unverified award each', () => {
    expect(files).toHaveLength(6);
    for (const f of files) {
      const r = creds(ingestDocument(read(OB3_DIR, f)));
      expect(r.credentials, f).toHaveLength(1);
      expect(r.awards, f).toHaveLength(1);
      expect(r.awards[0]!.award.verification, f).toBe('unverified');
      expect(r.awards[0]!.award.credentialId, f).toBe(r.credentials[0]!.credential.id);
    }
  });

  it('basicOpenBadgeCredential → Teamwork achievement, issuer from the VC, award from validFrom', () => {
    const r = creds(ingestDocument(read(OB3_DIR, 'basicOpenBadgeCredential.json')));
    expect(r.credentials[0]!.credential).toMatchObject({
      id: 'https://example.com/achievements/21st-century-skills/teamwork',
      format: 'ob3',
      name: 'Teamwork',
      issuer: { id: 'https://example.com/issuers/876543', name: 'Example Corp' },
      credentialType: 'badge',
      cost: null,
      hours: null,
      skills: [],
    });
    expect(r.awards[0]!.award).toEqual({
      id: 'http://example.com/credentials/3527',
      candidateId: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      credentialId: 'https://example.com/achievements/21st-century-skills/teamwork',
      issuedOn: '2010-01-01T00:00:00Z',
      expiresOn: null,
      verification: 'unverified',
    });
    expect(r.awards[0]!.proof).toBeNull();
    expect(r.awards[0]!.raw).toEqual(JSON.parse(read(OB3_DIR, 'basicOpenBadgeCredential.json')));
  });

  it('achievementAlignmentCase → CFItem is a custom skill linked with confidence 1 at its JSON path', () => {
    const r = creds(ingestDocument(read(OB3_DIR, 'achievementAlignmentCase.json')));
    expect(r.credentials[0]!.credential.skills).toEqual([
      { skillId: 'https://caseregistry.imsglobal.org/uri/74f5bb7d-d7cc-11e8-824f-0242ac160002', confidence: 1, provenance: { kind: 'alignment', source: 'credentialSubject.achievement.alignment[0].targetUrl', span: null } },
    ]);
    expect(r.customSkills).toHaveLength(1);
    expect(r.customSkills[0]!.preferredLabel).toMatch(/^Cite strong and thorough textual evidence/);
  });

  it('achievementAlignmentCe → a ceterms:Credential alignment is not a skill', () => {
    const r = creds(ingestDocument(read(OB3_DIR, 'achievementAlignmentCe.json')));
    expect(r.credentials[0]!.credential.skills).toEqual([]);
    expect(r.customSkills).toEqual([]);
  });

  it('skillAssertionCtdl → ceasn:Competency alignment is a skill; creator is the issuer; achievementType Competency', () => {
    const r = creds(ingestDocument(read(OB3_DIR, 'skillAssertionCtdl.json')));
    const c = r.credentials[0]!.credential;
    expect(c.skills.map((s) => s.skillId)).toEqual(['https://credentialfinder.org/competency/ce-6369c51f-4d86-4592-a761-8b32ae70a045']);
    expect(c.issuer).toEqual({ id: 'https://example.com/issuers/123767', name: 'Example Industry Group' });
    expect(c.credentialType).toBe('competency');
  });

  it('fullOpenBadge → only achievement.alignment counts; resultDescription/result alignments (grading) do not; tags kept; validUntil kept', () => {
    const r = creds(ingestDocument(read(OB3_DIR, 'fullOpenBadge.json')));
    const c = r.credentials[0]!.credential;
    expect(c.credentialType).toBe('degree');
    expect(c.skills.map((s) => s.provenance.source)).toEqual(['credentialSubject.achievement.alignment[0].targetUrl']);
    expect(r.credentials[0]!.skillTags).toEqual(['research', 'computer science']);
    expect(r.awards[0]!.award.expiresOn).toBe('2030-01-01T00:00:00Z');
  });

  it('marks an award expired when validUntil is before opts.now, unverified otherwise', () => {
    const text = read(OB3_DIR, 'fullOpenBadge.json');
    expect(creds(ingestDocument(text, { now: '2031-01-01T00:00:00Z' })).awards[0]!.award.verification).toBe('expired');
    expect(creds(ingestDocument(text, { now: '2029-01-01T00:00:00Z' })).awards[0]!.award.verification).toBe('unverified');
  });

  it('keeps a non-empty proof and its verification method for the verifier', () => {
    const doc = { ...basic(), proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', verificationMethod: 'did:key:z6Mk#z6Mk', proofValue: 'z58' } };
    const r = creds(ingestDocument(doc));
    expect(r.awards[0]!.proof).toEqual(doc.proof);
    expect(r.awards[0]!.verificationMethod).toEqual({ type: 'proof', url: 'did:key:z6Mk#z6Mk' });
    expect(r.awards[0]!.award.verification).toBe('unverified');
  });
});

describe('ingestDocument on bad OB3 documents', () => {
  it('missing achievement name → MISSING_FIELD at its path', () => {
    const doc = basic();
    delete ((doc['credentialSubject'] as Record<string, unknown>)['achievement'] as Record<string, unknown>)['name'];
    expect(errorOf(() => ingestDocument(doc))).toMatchObject({ code: 'MISSING_FIELD', path: 'credentialSubject.achievement.name' });
  });

  it('wrong type for validFrom → INVALID_FIELD; unparseable date → INVALID_FIELD', () => {
    expect(errorOf(() => ingestDocument({ ...basic(), validFrom: 20100101 }))).toMatchObject({ code: 'INVALID_FIELD', path: 'validFrom' });
    expect(errorOf(() => ingestDocument({ ...basic(), validFrom: 'yesterday' }))).toMatchObject({ code: 'INVALID_FIELD', path: 'validFrom' });
  });

  it('no validFrom/issuanceDate → MISSING_FIELD', () => {
    const doc = basic();
    delete doc['validFrom'];
    expect(errorOf(() => ingestDocument(doc))).toMatchObject({ code: 'MISSING_FIELD', path: 'validFrom' });
  });

  it('alignment not an array → INVALID_FIELD', () => {
    const doc = basic();
    ((doc['credentialSubject'] as Record<string, unknown>)['achievement'] as Record<string, unknown>)['alignment'] = 'x';
    expect(errorOf(() => ingestDocument(doc))).toMatchObject({ code: 'INVALID_FIELD', path: 'credentialSubject.achievement.alignment' });
  });

  it('truncated JSON → INVALID_JSON with a line number', () => {
    const text = read(OB3_DIR, 'basicOpenBadgeCredential.json');
    const e = errorOf(() => ingestDocument(text.slice(0, text.length / 2)));
    expect(e.code).toBe('INVALID_JSON');
    expect(e.line).toBeGreaterThan(1);
  });

  it('format ob3 forced on a non-credential → UNKNOWN_FORMAT', () => {
    expect(errorOf(() => ingestDocument({ hello: 'world' }, { format: 'ob3' })).code).toBe('UNKNOWN_FORMAT');
  });
});

describe('ingestDocument on the edubadges examples', () => {
  const files = readdirSync(EDU_DIR).filter((f) => f.endsWith('.json')).sort();
  const credentialsFiles = files.filter((f) => f !== 'context_educredential.json');
  const expectedHours: Record<string, number | null> = {
    'mbob_eo_eov_extracurricular_full.json': 120, // SBU 120
    'theed_extracurricular_full_ho.json': 13, // timeInvestment 13
    'theed_microcredential_full_ho.json': 84, // ECTS 3 × 28
    'uvh_at_regular_full.json': 5040, // ECTS 180 × 28
    'uvh_fvhz_extracurricular_full.json': 200, // timeInvestment 200
    'theed_extracurricular_minimal_ho.json': null, // no study load
    'theed_extracurricular_embedded_ho.json': null,
  };

  it('parses all 30 credentials (the 31st file is the JSON-LD context)', () => {
    expect(credentialsFiles).toHaveLength(30);
    for (const f of credentialsFiles) {
      const r = creds(ingestDocument(read(EDU_DIR, f)));
      expect(r.credentials, f).toHaveLength(1);
      expect(r.awards, f).toHaveLength(1);
      const c = r.credentials[0]!.credential;
      expect(c.name, f).not.toBe('');
      expect(c.issuer.name, f).not.toBe('');
      // EQF level and quality-assurance alignments are not skills
      expect(c.skills, f).toEqual([]);
      if (f in expectedHours) expect(c.hours, f).toBe(expectedHours[f]);
    }
  });

  it('study load → hours for every file that states one (ECTS ×28, SBU, timeInvestment)', () => {
    const withLoad = credentialsFiles.filter((f) => /"(ECTS|SBU|timeInvestment)"\s*:/.test(read(EDU_DIR, f)));
    expect(withLoad.length).toBe(28);
    for (const f of withLoad) expect(creds(ingestDocument(read(EDU_DIR, f))).credentials[0]!.credential.hours, f).toBeGreaterThan(0);
  });

  it('micro-credential schema → credentialType micro-credential', () => {
    const r = creds(ingestDocument(read(EDU_DIR, 'theed_microcredential_full_ho.json')));
    expect(r.credentials[0]!.credential.credentialType).toBe('micro-credential');
  });

  it('rejects context_educredential.json as not a credential (UNKNOWN_FORMAT)', () => {
    expect(errorOf(() => ingestDocument(read(EDU_DIR, 'context_educredential.json')))).toMatchObject({ code: 'UNKNOWN_FORMAT', path: '' });
  });
});

describe('ingestDocument on an OB3 VC-JWT', () => {
  const b64url = (v: unknown): string => btoa(JSON.stringify(v)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const vc = JSON.parse(read(OB3_DIR, 'basicOpenBadgeCredential.json')) as Record<string, unknown>;

  it('decodes (does not verify) a VC-JWT 1.1 `vc` claim; registered claims fill id/issuer/dates; raw is the JWT', () => {
    const { id: _id, validFrom: _vf, ...rest } = vc;
    const jwt = `${b64url({ alg: 'EdDSA', kid: 'did:example:issuer#key-1' })}.${b64url({ vc: rest, jti: 'urn:uuid:1', nbf: 1262304000, exp: 1893456000 })}.c2ln`;
    const r = creds(ingestDocument(jwt));
    const a = r.awards[0]!;
    expect(a.award).toMatchObject({ id: 'urn:uuid:1', issuedOn: '2010-01-01T00:00:00.000Z', expiresOn: '2030-01-01T00:00:00.000Z', verification: 'unverified' });
    expect(a.verificationMethod).toEqual({ type: 'jwt', url: 'did:example:issuer#key-1' });
    expect(a.raw).toBe(jwt);
    expect(r.credentials[0]!.credential.name).toBe('Teamwork');
  });

  it('a JWT whose payload is not a credential → UNKNOWN_FORMAT; garbage base64 → INVALID_JSON', () => {
    expect(errorOf(() => ingestDocument(`${b64url({ alg: 'none' })}.${b64url({ sub: 'x' })}.`)).code).toBe('UNKNOWN_FORMAT');
    expect(errorOf(() => ingestDocument('eyJhbGciOi.def.ghi')).code).toBe('INVALID_JSON');
    expect(ingestDocument('Node.js.dev').format).toBe('text');
  });
});
