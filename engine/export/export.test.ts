/**
 * Exports validated against the published rules: OB 3.0 credentials against 1EdTech's JSON Schema
 * (`ob_v3p0_achievementcredential_schema.json`, draft 2019-09, datasets/conformance/schemas, see
 * PROVENANCE.md) with ajv, and CTDL documents against Credential Engine's minimum data policy and CTDL
 * value rules (a kept validator below). Data: the repo's role and ESCO skill labels from the real ESCO
 * 1.1.1 CSV (../shared), and a real DCC credential with a framework alignment.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2019 } from 'ajv/dist/2019.js';
import formats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Credential, Role, Skill } from '../../taxonomy/model/types.ts';
import { ingestDocument } from '../ingest/ingest.ts';
import { resultAs } from '../ingest/test-helpers.ts';
import { awardAsOb3Credential, credentialAlignments, credentialAsCtdl, roleAsCtdl } from './index.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SHARED = process.env['SKILLGRAPH_SHARED'] ?? join(REPO, '..', 'shared');
const schema = JSON.parse(readFileSync(join(REPO, 'datasets/conformance/schemas/ob_v3p0_achievementcredential_schema.json'), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv2019({ strict: false, allErrors: true });
(formats as unknown as { default: (a: Ajv2019) => void }).default(ajv);
const validateOb3 = ajv.compile(schema);

const roles = JSON.parse(readFileSync(join(REPO, 'datasets/roles.json'), 'utf8')) as Role[];
const role = roles[0]!;
/** Real ESCO labels for the skills the role needs. */
const escoRows = parse(readFileSync(join(SHARED, 'datasets/esco-v1.1.1/skills_en.csv'), 'utf8'), { columns: true, relax_quotes: true }) as Array<Record<string, string>>;
const wanted = new Set(role.requirements.map((r) => r.skillId));
const skills = new Map<string, Skill>(
  escoRows
    .filter((r) => wanted.has(r['conceptUri'] ?? ''))
    .map((r) => [r['conceptUri']!, { id: r['conceptUri']!, source: 'esco', preferredLabel: r['preferredLabel'] ?? '', altLabels: [], hiddenLabels: [], description: r['description'] ?? '', skillType: r['skillType'] ?? '', reuseLevel: r['reuseLevel'] ?? '' } as Skill]),
);
const skillOf = (id: string): Skill | undefined => skills.get(id);

const credential: Credential = {
  id: 'https://example.edu/achievements/data-warehousing',
  format: 'ob3',
  name: 'Data Warehousing Fundamentals',
  description: 'Designs and loads a dimensional data warehouse.',
  issuer: { id: 'https://example.edu/issuers/565049', name: 'Example University' },
  credentialType: 'micro-credential',
  level: 'intermediate',
  cost: null,
  hours: 40,
  skills: role.requirements.map((r) => ({ skillId: r.skillId, confidence: 1, provenance: { kind: 'alignment', source: 'test', span: null } })),
  requires: [],
  isPartOf: [],
};
const award = { id: 'urn:uuid:1c5e6f0a-7d3b-4c8e-9f1a-2b3c4d5e6f70', candidateId: 'did:example:learner', credentialId: credential.id, issuedOn: '2026-01-15', expiresOn: null, verification: 'unverified' as const };

/** Credential Engine minimum data policy (credentials, jobs) and CTDL value rules, as a JSON Schema. */
const langMap = { type: 'object', minProperties: 1, additionalProperties: { type: 'string', minLength: 1 } };
const alignmentObject = { type: 'object', required: ['@type', 'ceterms:targetNode'], properties: { '@type': { const: 'ceterms:CredentialAlignmentObject' }, 'ceterms:targetNode': { type: 'string', format: 'uri' }, 'ceterms:targetNodeName': langMap, 'ceterms:frameworkName': langMap, 'ceterms:framework': { type: 'string', format: 'uri' } } };
const conditionProfile = { type: 'object', required: ['@type', 'ceterms:description'], properties: { '@type': { const: 'ceterms:ConditionProfile' }, 'ceterms:description': langMap, 'ceterms:targetCompetency': { type: 'array', items: alignmentObject } } };
const ctdlCommon = {
  '@context': { const: 'https://credreg.net/ctdl/schema/context/json' },
  '@id': { type: 'string', pattern: '^https://credentialengineregistry\\.org/resources/ce-' },
  'ceterms:ctid': { type: 'string', pattern: '^ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' },
  'ceterms:name': langMap,
  'ceterms:description': langMap,
  'ceterms:requires': { type: 'array', items: conditionProfile },
};
const validateCtdlCredential = ajv.compile({
  type: 'object',
  required: ['@context', '@id', '@type', 'ceterms:ctid', 'ceterms:name', 'ceterms:description', 'ceterms:inLanguage', 'ceterms:credentialStatusType', 'ceterms:subjectWebpage', 'ceterms:ownedBy'],
  properties: { ...ctdlCommon, '@type': { enum: ['ceterms:DigitalBadge', 'ceterms:MicroCredential', 'ceterms:Certificate', 'ceterms:Certification', 'ceterms:Degree', 'ceterms:Credential'] }, 'ceterms:inLanguage': { type: 'array', minItems: 1 }, 'ceterms:subjectWebpage': { type: 'string', format: 'uri' }, 'ceterms:ownedBy': { type: 'array', minItems: 1, items: { type: 'string', format: 'uri' } } },
});
const validateCtdlJob = ajv.compile({ type: 'object', required: ['@context', '@id', '@type', 'ceterms:ctid', 'ceterms:name', 'ceterms:description'], properties: { ...ctdlCommon, '@type': { const: 'ceterms:Job' } } });

describe('OB 3.0 export', () => {
  it('a credential\'s skills become alignment[] with ESCO URIs, framework ESCO and the concept UUID as code', () => {
    expect(skills.size).toBeGreaterThan(0);
    const alignments = credentialAlignments(credential, skillOf);
    expect(alignments).toHaveLength(role.requirements.length);
    const first = role.requirements[0]!.skillId;
    expect(alignments[0]).toMatchObject({ type: ['Alignment'], targetUrl: first, targetFramework: 'ESCO', targetType: 'ceasn:Competency', targetName: skills.get(first)!.preferredLabel, targetCode: first.split('/').pop() });
  });

  it('an award exported as an OpenBadgeCredential passes the published OB 3.0 JSON Schema', () => {
    const doc = awardAsOb3Credential(credential, award, skillOf);
    expect(validateOb3(doc), JSON.stringify(validateOb3.errors)).toBe(true);
    // The schema is not a rubber stamp: without credentialSubject it fails.
    const { credentialSubject: _s, ...broken } = doc;
    expect(validateOb3(broken)).toBe(false);
  });

  it('round-trips: the exported credential reads back with the same ESCO links; framework skills keep their URL', () => {
    const back = resultAs(ingestDocument(awardAsOb3Credential(credential, award, skillOf)), 'ob3');
    expect(back.credentials[0]!.credential.skills.map((l) => l.skillId)).toEqual(credential.skills.map((l) => l.skillId));
    const dcc = resultAs(ingestDocument(readFileSync(join(REPO, 'datasets/conformance/verify/dcc/v2_dataIntegrityProof_didKey_legacyRegistry-noStatus-noExpiry-alignments.json'), 'utf8')), 'ob3');
    const custom = new Map(dcc.customSkills.map((s) => [s.id, s]));
    const exported = awardAsOb3Credential(dcc.credentials[0]!.credential, dcc.awards[0]!.award, (id) => custom.get(id));
    expect(validateOb3(exported), JSON.stringify(validateOb3.errors)).toBe(true);
    expect(JSON.stringify(exported)).toContain('https://credentialfinder.org/credential/20229/Requirements_Analysis');
  });
});

describe('CTDL export', () => {
  it('a credential passes the CTDL rules; what skillgraph does not know is reported, not invented', () => {
    const { document, missing } = credentialAsCtdl(credential, skillOf);
    expect(validateCtdlCredential(document), JSON.stringify(validateCtdlCredential.errors)).toBe(true);
    expect(missing).toEqual([]);
    expect(document['@type']).toBe('ceterms:MicroCredential');
    const competencies = (document['ceterms:requires'] as Array<Record<string, unknown>>)[0]!['ceterms:targetCompetency'] as Array<Record<string, unknown>>;
    expect(competencies.map((c) => c['ceterms:targetNode'])).toEqual(credential.skills.map((l) => l.skillId));
    const urnOnly = credentialAsCtdl({ ...credential, id: 'urn:sample:cred:1', issuer: { id: 'urn:sample:org:1', name: 'Sample' } }, skillOf);
    expect(urnOnly.missing).toEqual(['ceterms:subjectWebpage', 'ceterms:ownedBy']);
    expect(validateCtdlCredential(urnOnly.document)).toBe(false);
  });

  it("a role's requirement profile becomes a ceterms:Job with essential and optional competencies and weights", () => {
    const { document } = roleAsCtdl(role, skillOf);
    expect(validateCtdlJob(document), JSON.stringify(validateCtdlJob.errors)).toBe(true);
    const profiles = document['ceterms:requires'] as Array<Record<string, unknown>>;
    const count = profiles.reduce((n, p) => n + (p['ceterms:targetCompetency'] as unknown[]).length, 0);
    expect(count).toBe(role.requirements.length);
    expect(document['ceterms:hasOccupation']).toEqual([role.occupationId]);
  });
});

describe('standing written back in the standards\u2019 own fields (issue 20)', () => {
  const standing: Credential['standing'] = {
    recognition: [
      { kind: 'accreditedBy', agentId: 'https://accreditor.example/org', agentName: 'Regional Accreditation Council', source: 'ceterms:accreditedBy[0]', verification: 'stated' },
      { kind: 'endorsement', agentId: 'https://endorser.example', agentName: 'Endorser', source: 'endorsement[0]', verification: 'unverified' },
    ],
    assessment: [
      { kind: 'assessment', description: 'An observed practical task graded with a rubric.', source: 'ceterms:requires[1].ceterms:targetAssessment[0]' },
      { kind: 'criteria', description: 'Build and load a star schema; pass the review.', source: 'criteria.narrative' },
    ],
  };
  const stated: Credential = { ...credential, standing };

  it('CTDL: accreditedBy and the assessment method pass the CTDL rules and read back as the same standing (endorsements have no CTDL field)', () => {
    const { document } = credentialAsCtdl(stated, skillOf);
    expect(validateCtdlCredential(document), JSON.stringify(validateCtdlCredential.errors)).toBe(true);
    const back = resultAs(ingestDocument(JSON.stringify(document)), 'ctdl').credentials[0]!.credential;
    expect(back.standing?.recognition.map(({ kind, agentId, agentName, verification }) => ({ kind, agentId, agentName, verification }))).toEqual([
      { kind: 'accreditedBy', agentId: 'https://accreditor.example/org', agentName: 'Regional Accreditation Council', verification: 'stated' },
    ]);
    expect(back.standing?.assessment.map((a) => [a.kind, a.description])).toEqual([['assessment', 'An observed practical task graded with a rubric.']]);
    expect(credentialAsCtdl(credential, skillOf).document['ceterms:accreditedBy']).toBeUndefined();
  });

  it('OB 3.0: the stated criteria become criteria.narrative (schema-valid) and read back; a criteria URL stays an id', () => {
    const doc = awardAsOb3Credential(stated, award, skillOf);
    expect(validateOb3(doc), JSON.stringify(validateOb3.errors)).toBe(true);
    const back = resultAs(ingestDocument(JSON.stringify(doc)), 'ob3').credentials[0]!.credential;
    expect(back.standing?.assessment).toEqual([{ kind: 'criteria', description: 'Build and load a star schema; pass the review.', source: 'criteria.narrative' }]);
    const url = awardAsOb3Credential({ ...credential, standing: { recognition: [], assessment: [{ kind: 'criteria', description: 'https://example.edu/criteria', source: 'criteria' }] } }, award, skillOf);
    expect((url['credentialSubject'] as { achievement: { criteria: unknown } }).achievement.criteria).toEqual({ id: 'https://example.edu/criteria' });
  });
});
