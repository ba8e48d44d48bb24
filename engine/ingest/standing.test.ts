/**
 * Credential standing (issue 20) read from the standards' own fields, first on published documents nobody here wrote
 * (values checked by hand against each document), then on small documents for the shapes no public example carries
 * (agents resolved from an @graph, JurisdictionProfiles, assessment methods, endorsementJwt) and on bad input.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Credential } from '../../taxonomy/model/types.ts';
import { ingestDocument } from './ingest.ts';
import type { IngestResult } from './types.ts';
import { SHARED } from './test-helpers.ts';

const CORPUS = fileURLToPath(new URL('../../datasets/conformance/', import.meta.url));
const EXAMPLES = resolve(SHARED, 'datasets/credential-examples');
const NOW = '2026-12-01T00:00:00Z';

function credentials(r: IngestResult): Credential[] {
  if (!('credentials' in r)) throw new Error(`no credentials in a ${r.format} result`);
  return r.credentials.map((e) => e.credential);
}
const one = (r: IngestResult, id?: string): Credential => {
  const cs = credentials(r);
  const c = id ? cs.find((x) => x.id === id) : cs[0];
  if (!c) throw new Error(`no credential ${id ?? ''}`);
  return c;
};
const shared = (rel: string): string => readFileSync(join(EXAMPLES, rel), 'utf8');

describe.skipIf(!existsSync(EXAMPLES))('standing in published examples (../shared/datasets/credential-examples)', () => {
  it('CTDL s_4_1_AssessmentAccreditation: ceterms:accreditedBy as an embedded agent with its name, its compact id expanded', () => {
    const c = one(ingestDocument(shared('ctdl-samples/CTDLinLERs_VCs_OpenBadges_CLRs/s_4_1_AssessmentAccreditation.json'), { now: NOW }));
    expect(c.name).toBe('Examination in Science and Arts');
    expect(c.standing).toEqual({
      recognition: [
        {
          kind: 'accreditedBy',
          agentId: 'https://credentialengineregistry.org/resources/ce-959dd970-e319-4057-8f7c-afe2fc293ba9',
          agentName: 'Supreme Council for Science and Arts',
          source: 'ceterms:accreditedBy',
          verification: 'stated',
        },
      ],
      assessment: [],
    });
  });

  it('OB 3.0 fullOpenBadge: the achievement endorsement (unverified: not checked at parse), criteria narrative, three result descriptions', () => {
    const c = one(ingestDocument(shared('openbadges-3.0-spec-examples/fullOpenBadge.json'), { now: NOW }));
    expect(c.id).toBe('https://1edtech.edu/achievements/degree');
    expect(c.standing).toEqual({
      recognition: [{ kind: 'endorsement', agentId: 'https://accrediter.edu/issuers/565049', agentName: 'Example Accrediting Agency', source: 'endorsement[0]', verification: 'unverified' }],
      assessment: [
        { kind: 'criteria', description: '# Degree Requirements\\nStudents must complete...', source: 'criteria.narrative' },
        { kind: 'result-description', description: 'Final Project Grade', source: 'resultDescription[0]' },
        { kind: 'result-description', description: 'Final Project Grade', source: 'resultDescription[1]' },
        { kind: 'result-description', description: 'Project Status', source: 'resultDescription[2]' },
      ],
    });
  });

  it('OB 3.0 basicOpenBadgeCredential: criteria only, no recognition', () => {
    const c = one(ingestDocument(shared('openbadges-3.0-spec-examples/basicOpenBadgeCredential.json'), { now: NOW }));
    expect(c.standing?.recognition).toEqual([]);
    expect(c.standing?.assessment.map((a) => a.kind)).toEqual(['criteria']);
  });

  it('edubadges micro-credential: the EU assessment elements (type, supervision, identity check), criteria and a result description', () => {
    const c = one(ingestDocument(shared('edubadges-obv3-examples/theed_microcredential_full_ho.json'), { now: NOW }));
    expect(c.standing).toEqual({
      recognition: [],
      assessment: [
        { kind: 'assessment', description: 'testing; onsite with identity verification; identity checked', source: 'assessmentType' },
        {
          kind: 'criteria',
          description: 'To earn this badge, you must attend the colleges on Mind Control, and on Meditation. You must pass a practical test and submit a written essay.',
          source: 'criteria.narrative',
        },
        { kind: 'result-description', description: 'Final Project Grade', source: 'resultDescription[0]' },
      ],
    });
  });

  it('every edubadges example with an assessmentType states it; those without state none', () => {
    const dir = join(EXAMPLES, 'edubadges-obv3-examples');
    let stated = 0;
    for (const f of ['theed_regular_full_ho.json', 'mbob_eo_eov_extracurricular_full.json', 'theed_extracurricular_minimal_ho.json']) {
      const raw = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { credentialSubject: { achievement: Record<string, unknown> } };
      const c = one(ingestDocument(readFileSync(join(dir, f), 'utf8'), { now: NOW }));
      const eu = c.standing?.assessment.filter((a) => a.source === 'assessmentType') ?? [];
      expect(eu.length, f).toBe(typeof raw.credentialSubject.achievement['assessmentType'] === 'string' ? 1 : 0);
      stated += eu.length;
    }
    expect(stated).toBe(2);
  });
});

describe('standing in the conformance corpus (datasets/conformance)', () => {
  const read = (rel: string): string => readFileSync(join(CORPUS, rel), 'utf8');

  it('CLR 2.0 complex (1EdTech validator): the nursing programme is endorsed by the Oregon State Board of Nursing', () => {
    const r = ingestDocument(read('verify/1edtech/clr20_complex.json'), { now: NOW });
    const programme = one(r, 'urn:uuid:3314c2c0-2ee9-4183-838b-470c15ddfb08');
    expect(programme.standing?.recognition).toEqual([
      { kind: 'endorsement', agentId: 'urn:uuid:319b0e91-9fb2-4f41-aff8-810f24aff284', agentName: 'Oregon State Board of Nursing', source: 'endorsement[0]', verification: 'unverified' },
    ]);
    expect(programme.standing?.assessment[0]).toMatchObject({ kind: 'criteria', source: 'criteria.narrative' });
    expect(programme.standing?.assessment[0]!.description).toMatch(/^In this program, you'll: explore the human body/);
    const course = one(r, 'urn:uuid:bb9a27e6-3a2d-413b-b0c7-97ef9dfdde22');
    expect(course.standing?.recognition).toEqual([]);
    // the Health Careers 1 narrative is longer than 500 characters: cut with an ellipsis
    expect(course.standing?.assessment[0]!.description).toHaveLength(500);
    expect(course.standing?.assessment[0]!.description.endsWith('…')).toBe(true);
    expect(course.standing?.assessment[1]).toEqual({ kind: 'result-description', description: 'Grade', source: 'resultDescription[0]' });
  });

  it('OB 2.0 BadgeClass example (1EdTech spec): criteria given as a URL', () => {
    const c = one(ingestDocument(read('ingest/ob2/badgeclass-example.json'), { now: NOW }));
    expect(c.standing).toEqual({ recognition: [], assessment: [{ kind: 'criteria', description: 'https://example.org/robotics-badge.html', source: 'criteria' }] });
  });
});

const CE = 'https://credentialengineregistry.org/resources/';
const ctdlGraph = (credential: Record<string, unknown>, more: Record<string, unknown>[] = []): string =>
  JSON.stringify({
    '@context': 'https://credreg.net/ctdl/schema/context/json',
    '@graph': [
      {
        '@id': `${CE}ce-0b1e1e2a-3f4c-4d5e-8f90-a1b2c3d4e5f6`,
        '@type': 'ceterms:Certification',
        'ceterms:ctid': 'ce-0b1e1e2a-3f4c-4d5e-8f90-a1b2c3d4e5f6',
        'ceterms:name': { en: 'Welding Certification' },
        ...credential,
      },
      ...more,
    ],
  });
const board = { '@id': `${CE}ce-11111111-2222-4333-8444-555555555555`, '@type': 'ceterms:QACredentialOrganization', 'ceterms:name': { 'en-US': 'State Welding Board' } };

describe('CTDL standing shapes', () => {
  it('an agent given by @id takes its name from its node in the @graph; ctid-only and JurisdictionProfile agents are read', () => {
    const r = ingestDocument(
      ctdlGraph(
        {
          'ceterms:recognizedBy': [board['@id']],
          'ceterms:approvedBy': [{ 'ceterms:ctid': 'ce-99999999-2222-4333-8444-555555555555', 'ceterms:name': { en: 'Apprenticeship Council' } }],
          'ceterms:regulatedIn': [{ '@type': 'ceterms:JurisdictionProfile', 'ceterms:assertedBy': [{ '@id': `${CE}ce-22222222-2222-4333-8444-555555555555`, 'ceterms:name': 'Department of Labor' }] }],
        },
        [board],
      ),
    );
    expect(one(r).standing?.recognition).toEqual([
      { kind: 'recognizedBy', agentId: board['@id'], agentName: 'State Welding Board', source: 'ceterms:recognizedBy[0]', verification: 'stated' },
      { kind: 'approvedBy', agentId: 'ce-99999999-2222-4333-8444-555555555555', agentName: 'Apprenticeship Council', source: 'ceterms:approvedBy[0]', verification: 'stated' },
      { kind: 'regulatedBy', agentId: `${CE}ce-22222222-2222-4333-8444-555555555555`, agentName: 'Department of Labor', source: 'ceterms:regulatedIn[0]', verification: 'stated' },
    ]);
  });

  it('assessment: the targetAssessment of a condition profile, its method from the AssessmentProfile node (description, else method types)', () => {
    const exam = {
      '@id': `${CE}ce-33333333-2222-4333-8444-555555555555`,
      '@type': 'ceterms:AssessmentProfile',
      'ceterms:name': { en: 'Practical welding test' },
      'ceterms:assessmentMethodDescription': { en: '  Weld three <b>plates</b>; an inspector grades each joint. ' },
    };
    const r = ingestDocument(
      ctdlGraph(
        {
          'ceterms:requires': [
            {
              '@type': 'ceterms:ConditionProfile',
              'ceterms:targetAssessment': [
                exam['@id'],
                { '@type': 'ceterms:AssessmentProfile', 'ceterms:assessmentMethodType': [{ '@type': 'ceterms:CredentialAlignmentObject', 'ceterms:targetNode': 'assessMethod:Exam', 'ceterms:targetNodeName': { en: 'Exam' } }] },
              ],
            },
          ],
        },
        [exam],
      ),
    );
    const c = one(r, `${CE}ce-0b1e1e2a-3f4c-4d5e-8f90-a1b2c3d4e5f6`);
    expect(c.standing?.assessment).toEqual([
      { kind: 'assessment', description: 'Weld three plates; an inspector grades each joint.', source: 'ceterms:requires[0].ceterms:targetAssessment[0]' },
      { kind: 'assessment', description: 'Exam', source: 'ceterms:requires[0].ceterms:targetAssessment[1]' },
    ]);
    expect(c.standing?.recognition).toEqual([]);
  });

  it('a credential stating nothing has no standing field', () => {
    const c = one(ingestDocument(ctdlGraph({})));
    expect('standing' in c).toBe(false);
  });

  it('accreditedBy that is a number: one INVALID_STANDING warning naming the field; the credential and the rest still land', () => {
    const r = ingestDocument(ctdlGraph({ 'ceterms:accreditedBy': 42, 'ceterms:recognizedBy': [board['@id'], true] }, [board]));
    const c = one(r);
    expect(c.name).toBe('Welding Certification');
    expect(c.standing?.recognition.map((x) => x.kind)).toEqual(['recognizedBy']);
    expect(r.warnings.filter((w) => w.code === 'INVALID_STANDING')).toEqual([
      { code: 'INVALID_STANDING', path: '@graph[0].ceterms:accreditedBy', message: 'ceterms:accreditedBy must name an agent (an IRI or an object), got number 42: skipped' },
      { code: 'INVALID_STANDING', path: '@graph[0].ceterms:recognizedBy[1]', message: 'ceterms:recognizedBy must name an agent (an IRI or an object), got boolean true: skipped' },
    ]);
  });
});

const b64url = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const achievementDoc = (extra: Record<string, unknown>): string =>
  JSON.stringify({
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'https://issuer.example/achievements/1',
    type: ['Achievement'],
    name: 'Data Literacy',
    creator: { id: 'https://issuer.example', type: ['Profile'], name: 'Issuer' },
    ...extra,
  });

describe('OB 3.0 standing shapes', () => {
  it('endorsementJwt: the decoded payload names the endorser (never trusted: unverified)', () => {
    const jwt = `${b64url({ alg: 'EdDSA' })}.${b64url({ iss: 'did:web:board.example', vc: { type: ['VerifiableCredential', 'EndorsementCredential'], credentialSubject: { id: 'https://issuer.example/achievements/1' } } })}.c2ln`;
    const c = one(ingestDocument(achievementDoc({ endorsementJwt: [jwt] })));
    expect(c.standing?.recognition).toEqual([{ kind: 'endorsement', agentId: 'did:web:board.example', agentName: '', source: 'endorsementJwt[0]', verification: 'unverified' }]);
  });

  it('criteria without a narrative keeps its id; a resultDescription without a name keeps its resultType', () => {
    const c = one(ingestDocument(achievementDoc({ criteria: { id: 'https://issuer.example/criteria' }, resultDescription: [{ id: 'urn:x', type: ['ResultDescription'], resultType: 'LetterGrade' }] })));
    expect(c.standing?.assessment).toEqual([
      { kind: 'criteria', description: 'https://issuer.example/criteria', source: 'criteria.id' },
      { kind: 'result-description', description: 'LetterGrade', source: 'resultDescription[0]' },
    ]);
  });

  it('bad endorsements and criteria: a warning each, the achievement still lands with what is readable', () => {
    const r = ingestDocument(achievementDoc({ endorsement: ['not an endorsement', { type: ['EndorsementCredential'] }, { issuer: { id: 'https://ok.example', name: 'OK Board' } }], endorsementJwt: ['abc'], criteria: 7 }));
    const c = one(r);
    expect(c.standing).toEqual({ recognition: [{ kind: 'endorsement', agentId: 'https://ok.example', agentName: 'OK Board', source: 'endorsement[2]', verification: 'unverified' }], assessment: [] });
    expect(r.warnings.filter((w) => w.code === 'INVALID_STANDING').map((w) => w.path)).toEqual(['endorsement[0]', 'endorsement[1]', 'endorsementJwt[0]', 'criteria']);
  });
});

describe('OB 2.0 standing shapes', () => {
  const badge = (extra: Record<string, unknown>): string =>
    JSON.stringify({ '@context': 'https://w3id.org/openbadges/v2', type: 'BadgeClass', id: 'https://example.org/robotics-badge.json', name: 'Awesome Robotics Badge', issuer: 'https://example.org/organization.json', ...extra });

  it('an embedded Endorsement names its issuer (IRI or Profile); one given by IRI only is kept without an endorser; criteria {id, narrative} keeps the narrative', () => {
    const c = one(
      ingestDocument(
        badge({
          criteria: { id: 'https://example.org/robotics-badge.html', narrative: 'To earn the **Awesome Robotics Badge**, students must construct a basic robot.' },
          endorsement: [
            { type: 'Endorsement', id: 'https://example.org/endorsement-124.json', issuer: 'https://example.org/issuer-5.json', claim: { id: 'https://example.org/robotics-badge.json', endorsementComment: 'Great.' }, verification: { type: 'hosted' } },
            { type: 'Endorsement', issuer: { id: 'https://board.example/profile.json', type: 'Profile', name: 'Robotics Board' } },
            'https://example.org/endorsement-125.json',
          ],
        }),
      ),
    );
    expect(c.standing).toEqual({
      recognition: [
        { kind: 'endorsement', agentId: 'https://example.org/issuer-5.json', agentName: '', source: 'endorsement[0]', verification: 'unverified' },
        { kind: 'endorsement', agentId: 'https://board.example/profile.json', agentName: 'Robotics Board', source: 'endorsement[1]', verification: 'unverified' },
        { kind: 'endorsement', agentId: '', agentName: '', source: 'endorsement[2]', verification: 'unverified' },
      ],
      assessment: [{ kind: 'criteria', description: 'To earn the **Awesome Robotics Badge**, students must construct a basic robot.', source: 'criteria.narrative' }],
    });
  });

  it('an endorsement that is a number: a warning, the badge still lands', () => {
    const r = ingestDocument(badge({ endorsement: 12 }));
    expect(one(r).name).toBe('Awesome Robotics Badge');
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'INVALID_STANDING', path: 'endorsement' }));
  });
});
