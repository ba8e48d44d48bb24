import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestError } from './errors.ts';
import { ingestDocument } from './ingest.ts';
import type { CredentialsResult, IngestOptions, IngestResult } from './types.ts';
import { errorOf, resultAs, SHARED } from './test-helpers.ts';

const CTDL_DIR = resolve(SHARED, 'datasets/credential-examples/ctdl-samples');
const read = (f: string): string => readFileSync(resolve(CTDL_DIR, f), 'utf8');
const PATHWAYS = 'PathwaysConditionsAndConstraints/Pathway-Examples';

const ctdl = (r: IngestResult): CredentialsResult => resultAs(r, 'ctdl');

/**
 * Every CTDL sample and what ingesting it (strict ctid checking) gives: counts, or the coded error.
 * Files expected to FAIL, and why:
 * - ConnectingCredentials.json: a Competency reuses the framework's ctid → INVALID_ID
 * - CompTIA-IT_Networking_Specialist.jsonld: a ctid one hex digit short → INVALID_ID (parses with ctid: 'warn')
 * - ConnectingCredentialsLevels.json, comptia-IT_progModel.json: SKOS levels / a progression model only → EMPTY_DOCUMENT
 * - EmpoweringTeachingExcellence_Badgr.json, French-B-A-Marketable-Skills.json: Badgr's own export, not CTDL → UNKNOWN_FORMAT
 * - HeriotWatt/vcred.json: expanded VCs pointing at Person nodes with a non-standard achievement property → UNKNOWN_FORMAT
 * - CSCTG_-_Registered_Nurse_Example.json (`{ "Environmental Hazard Types" }`), Kansas/HutchinsonWeldingAAS.json (`,,`):
 *   invalid even when read leniently → INVALID_JSON
 * - the two Badgr CSV exports: not a course catalogue → UNKNOWN_FORMAT
 */
const EXPECTED: Record<string, { credentials: number; awards: number; customSkills: number; pathways: number; aliases?: number } | { error: string }> = {
  'CTDLinLERs_VCs_OpenBadges_CLRs/s1_1_DegreeInRegistry.json': { credentials: 1, awards: 1, customSkills: 0, pathways: 0 },
  'CTDLinLERs_VCs_OpenBadges_CLRs/s1_2_DegreeInRegistryAndVC.json': { credentials: 1, awards: 1, customSkills: 2, pathways: 0 },
  'CTDLinLERs_VCs_OpenBadges_CLRs/s1_3_LinkToDegreeInRegistry.json': { credentials: 1, awards: 1, customSkills: 0, pathways: 0 },
  'CTDLinLERs_VCs_OpenBadges_CLRs/s_2_1_StandaloneCompetence.json': { credentials: 0, awards: 0, customSkills: 2, pathways: 0 },
  'CTDLinLERs_VCs_OpenBadges_CLRs/s_2_2_CompetenceAndDegree.json': { credentials: 1, awards: 1, customSkills: 2, pathways: 0 },
  'CTDLinLERs_VCs_OpenBadges_CLRs/s_3_1_CoursesFromDifferntOrgs.json': { credentials: 3, awards: 3, customSkills: 0, pathways: 0 },
  'CTDLinLERs_VCs_OpenBadges_CLRs/s_4_1_AssessmentAccreditation.json': { credentials: 1, awards: 1, customSkills: 0, pathways: 0 },
  'Competency-Frameworks/ConnectingCredentials.json': { error: 'INVALID_ID' },
  'Competency-Frameworks/ConnectingCredentialsLevels.json': { error: 'EMPTY_DOCUMENT' },
  'Competency-Frameworks/DQP.jsonld': { credentials: 0, awards: 0, customSkills: 83, pathways: 0 },
  'Competency-Frameworks/ONET_Abilities_Competency_Framework_9-27-19.json': { credentials: 0, awards: 0, customSkills: 0, pathways: 0, aliases: 71 },
  'Competency-Frameworks/ONET_Basic_Skills_Competency_Framework_9-27-19.json': { credentials: 0, awards: 0, customSkills: 0, pathways: 0, aliases: 12 },
  'Competency-Frameworks/ONET_Cross-Functional_Skills_Competency_Framework_9-27-19.json': { credentials: 0, awards: 0, customSkills: 0, pathways: 0, aliases: 30 },
  'Competency-Frameworks/ONET_Knowledge_Competency_Framework_9-27-19.json': { credentials: 0, awards: 0, customSkills: 0, pathways: 0, aliases: 41 },
  'Competency-Frameworks/SampleCompetencyFramework_with_Envelope.json': { credentials: 0, awards: 0, customSkills: 13, pathways: 0 },
  'Contextualized-Competency-Statements/CSCTG_-_Aspiration_Example_WorkforceDemandAction.json': { credentials: 0, awards: 0, customSkills: 2, pathways: 0 },
  'Contextualized-Competency-Statements/CSCTG_-_Aspirational_Example.json': { credentials: 0, awards: 0, customSkills: 2, pathways: 0 },
  'Contextualized-Competency-Statements/CSCTG_-_Aspirational_Example_Alternate.json': { credentials: 0, awards: 0, customSkills: 2, pathways: 0 },
  'Contextualized-Competency-Statements/CSCTG_-_Navy_Maintenance_Task_and_related_info.json': { credentials: 0, awards: 0, customSkills: 2, pathways: 0 },
  'Contextualized-Competency-Statements/CSCTG_-_OSMT_Examples.json': { credentials: 0, awards: 0, customSkills: 1, pathways: 0 },
  'Contextualized-Competency-Statements/CSCTG_-_Registered_Nurse_Example.json': { error: 'INVALID_JSON' },
  'Contextualized-Competency-Statements/Collection_and_RSD_Sample.json': { credentials: 1, awards: 0, customSkills: 1, pathways: 0 },
  'Contextualized-Competency-Statements/WorkforceDemandAction_for_ETPL.json': { credentials: 1, awards: 0, customSkills: 0, pathways: 0 },
  'CourseProgramExamples/programWithCourses.json': { credentials: 6, awards: 0, customSkills: 0, pathways: 0 },
  [`${PATHWAYS}/Badgr/Badgr_Final_-_CTDL-French_BA_Marketable_Skills-Nates.json`]: { credentials: 0, awards: 0, customSkills: 0, pathways: 1 },
  [`${PATHWAYS}/Badgr/Badgr_Final_-_EmpoweringTeachingExcellence_Nate.json`]: { credentials: 0, awards: 0, customSkills: 0, pathways: 1 },
  [`${PATHWAYS}/Badgr/Badgr_French_B.A.MarketableSkills_CR_sandbox.json`]: { credentials: 0, awards: 0, customSkills: 0, pathways: 1 },
  [`${PATHWAYS}/Badgr/CSV/Badgr_French_BA_in_Marketable_Skills.csv`]: { error: 'UNKNOWN_FORMAT' },
  [`${PATHWAYS}/Badgr/CSV/badgr_TeachingExcellencePathway.csv`]: { error: 'UNKNOWN_FORMAT' },
  [`${PATHWAYS}/Badgr/EmpoweringTeachingExcellence_Badgr.json`]: { error: 'UNKNOWN_FORMAT' },
  [`${PATHWAYS}/Badgr/French-B-A-Marketable-Skills.json`]: { error: 'UNKNOWN_FORMAT' },
  [`${PATHWAYS}/CompTIA/CTDL-French_BA_Marketable_Skills.json`]: { credentials: 0, awards: 0, customSkills: 0, pathways: 1 },
  [`${PATHWAYS}/CompTIA/CompTIA-IT_Networking_Specialist.jsonld`]: { error: 'INVALID_ID' },
  [`${PATHWAYS}/CompTIA/comptia-IT_progModel.json`]: { error: 'EMPTY_DOCUMENT' },
  [`${PATHWAYS}/HeriotWatt/courses.json`]: { credentials: 49, awards: 0, customSkills: 0, pathways: 0 },
  [`${PATHWAYS}/HeriotWatt/pathway.json`]: { credentials: 0, awards: 0, customSkills: 0, pathways: 1 },
  [`${PATHWAYS}/HeriotWatt/vcred.json`]: { error: 'UNKNOWN_FORMAT' },
  [`${PATHWAYS}/Illinois-IT.json`]: { credentials: 36, awards: 0, customSkills: 0, pathways: 1 },
  [`${PATHWAYS}/Kansas/HutchinsonWeldingAAS.json`]: { error: 'INVALID_JSON' },
};

function outcome(file: string, opts: IngestOptions = {}): (typeof EXPECTED)[string] {
  const text = read(file);
  try {
    const r = ctdl(ingestDocument(text, file.endsWith('.csv') ? { ...opts, format: 'catalogue' } : opts));
    const o = { credentials: r.credentials.length, awards: r.awards.length, customSkills: r.customSkills.length, pathways: r.pathways.length };
    return r.skillAliases.length > 0 ? { ...o, aliases: r.skillAliases.length } : o;
  } catch (e) {
    if (e instanceof IngestError) return { error: e.code };
    throw e;
  }
}

describe('ingestDocument on the 39 CTDL samples', () => {
  const files = (readdirSync(CTDL_DIR, { recursive: true }) as string[]).filter((f) => /\.(json|jsonld|csv)$/.test(f)).sort();

  it('covers every sample file in the expectation table', () => {
    expect(files).toHaveLength(39);
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const file of Object.keys(EXPECTED).sort()) {
    it(`${file} → ${'error' in EXPECTED[file]! ? (EXPECTED[file] as { error: string }).error : 'parses'}`, () => {
      expect(outcome(file)).toEqual(EXPECTED[file]);
    });
  }

  it('the 2 samples that stay invalid when read leniently report line and column', () => {
    expect(errorOf(() => ingestDocument(read('Contextualized-Competency-Statements/CSCTG_-_Registered_Nurse_Example.json')))).toMatchObject({ code: 'INVALID_JSON', line: 51, column: 49 });
    expect(errorOf(() => ingestDocument(read(`${PATHWAYS}/Kansas/HutchinsonWeldingAAS.json`)))).toMatchObject({ code: 'INVALID_JSON', line: 443, column: 39 });
  });

  it('a malformed ctid names its JSON path; with ctid: "warn" the file parses and the warning is kept', () => {
    const file = `${PATHWAYS}/CompTIA/CompTIA-IT_Networking_Specialist.jsonld`;
    expect(errorOf(() => ingestDocument(read(file)))).toMatchObject({ code: 'INVALID_ID', path: '@graph[4].ceterms:ctid' });
    const r = ctdl(ingestDocument(read(file), { ctid: 'warn' }));
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'INVALID_ID', path: '@graph[4].ceterms:ctid' })]);
  });

  it('a reused ctid is INVALID_ID at the second node', () => {
    expect(errorOf(() => ingestDocument(read('Competency-Frameworks/ConnectingCredentials.json')))).toMatchObject({ code: 'INVALID_ID', path: '@graph[18].ceterms:ctid' });
  });
});

describe('CTDL mapping details', () => {
  it('CompTIA: a ladder of 8 certifications, each stacking into the next, in one pathway with requiredNumber conditions', () => {
    const r = ctdl(ingestDocument(read(`${PATHWAYS}/CompTIA/CompTIA-IT_Networking_Specialist.jsonld`), { ctid: 'warn' }));
    expect(r.credentials).toHaveLength(8);
    const byName = new Map(r.credentials.map((e) => [e.credential.name, e.credential]));
    const top = byName.get('CompTIA Cloud+')!;
    expect(top.credentialType).toBe('professional-certificate');
    expect(top.isPartOf).toEqual([]);
    expect(byName.get('CompTIA Server+')!.isPartOf).toEqual([top.id]);
    expect(byName.get('CompTIA A+')!.isPartOf).toEqual([byName.get('CompTIA Network+')!.id]);
    // the issuer comes from the pathway owner when the certification names none
    expect(top.issuer.id).toBe('https://credentialengineregistry.org/resources/ce-186fbc60-47e3-4616-b160-72cac9e78f54');
    const p = r.pathways[0]!;
    expect(p.name).toBe('IT Networking Specialist Pathway');
    expect(p.destinationIds).toEqual([top.id]);
    expect(p.components.filter((c) => c.credentialId !== null)).toHaveLength(8);
    const cloud = p.components.find((c) => c.id === top.id)!;
    expect(cloud.conditions).toEqual([{ name: '', description: '', requiredNumber: 1, targetIds: [byName.get('CompTIA Server+')!.id], conditions: [] }]);
  });

  it('programWithCourses: requires (a program), hasPart/isPartOf stacks, isRequiredFor reversed, language maps and compact IRIs expanded', () => {
    const r = ctdl(ingestDocument(read('CourseProgramExamples/programWithCourses.json')));
    const byName = new Map(r.credentials.map((e) => [e.credential.name, e.credential]));
    const ms = byName.get('MS Applied Data Science')!;
    const program = byName.get('Applied Data Science')!;
    expect(ms.id).toBe('http://example.edu/resources/1ca80f84-9331-4855-a746-13613a08c100');
    expect(ms.requires).toEqual([program.id]);
    expect(ms.issuer).toEqual({ id: 'http://example.edu/resources/1ca80f84-9331-4855-a746-13613a08c000', name: 'UC Sunnydale' });
    expect(byName.get('Statistics')!.isPartOf).toEqual([program.id]);
    expect(byName.get('Statistics')!.credentialType).toBe('course');
  });

  it('s_3_1: teaches ids link with confidence 1 and their JSON path; hasPart stacks the courses into the program', () => {
    const r = ctdl(ingestDocument(read('CTDLinLERs_VCs_OpenBadges_CLRs/s_3_1_CoursesFromDifferntOrgs.json')));
    const physics = r.credentials.find((e) => e.credential.name === 'Physics 101')!.credential;
    expect(physics.skills).toEqual([
      { skillId: 'https://credentialengineregistry.org/resources/ce-84958217-1323-46fe-87c8-652120800190', confidence: 1, provenance: { kind: 'alignment', source: 'credentialSubject.achievement[1].ceterms:teaches', span: null } },
    ]);
    expect(physics.isPartOf).toEqual(['https://credentialengineregistry.org/resources/ce-fa8eea4f-448a-473b-b3e7-413fd17e96f0']);
    expect(physics.issuer.name).toBe('UC Sunnydale');
  });

  it('s1_2 / s_2_2: competencies in requires become requiredSkillIds and labelled custom skills', () => {
    const r = ctdl(ingestDocument(read('CTDLinLERs_VCs_OpenBadges_CLRs/s_2_2_CompetenceAndDegree.json')));
    expect(r.credentials[0]!.requiredSkillIds).toEqual([
      'https://credentialengineregistry.org/resources/ce-84958217-1323-46fe-87c8-652120800190',
      'https://credentialengineregistry.org/resources/ce-8aa6b5b5-095c-4152-89b2-06438129002c',
    ]);
    expect(r.credentials[0]!.credential.requires).toEqual([]);
    expect(r.customSkills.map((s) => s.preferredLabel)).toEqual(['Knowledge of Science', 'Knowledge of Arts']);
    expect(r.awards[0]!.proof).toBeNull(); // "proof": {} is no proof
  });

  it('HeriotWatt courses (expanded JSON-LD with full IRIs and @value arrays) → named credentials', () => {
    const r = ctdl(ingestDocument(read(`${PATHWAYS}/HeriotWatt/courses.json`)));
    expect(r.credentials.find((e) => e.credential.name === 'Distributed and Parallel Technologies')?.credential.credentialType).toBe('course');
    expect(r.credentials.filter((e) => e.credential.credentialType === 'degree').length).toBe(2);
  });

  it('HeriotWatt pathway: CourseComponents point at their course through proxyFor; ComponentCondition requiredNumber kept', () => {
    const p = ctdl(ingestDocument(read(`${PATHWAYS}/HeriotWatt/pathway.json`))).pathways[0]!;
    expect(p.name).toBe('BSCH - Bachelor of Science Honours');
    const course = p.components.find((c) => c.type === 'CourseComponent')!;
    expect(course.credentialId).toMatch(/^http:\/\/example\.org\/resources\//);
    expect(p.components.some((c) => c.conditions.some((k) => k.requiredNumber === 6 && k.targetIds.length === 8))).toBe(true);
  });

  it('O*NET framework leaves alias their onet: skill ids', () => {
    const r = ctdl(ingestDocument(read('Competency-Frameworks/ONET_Basic_Skills_Competency_Framework_9-27-19.json')));
    expect(r.skillAliases).toContainEqual({ id: 'https://www.onetcenter.org/ctdlasn/resources/ce-07c260d5-9119-11e8-b852-782bcb5df6ac', skillId: 'onet:2.A.1.a' });
  });

  it('the registry envelope decoded_resource is unwrapped', () => {
    const r = ctdl(ingestDocument(read('Competency-Frameworks/SampleCompetencyFramework_with_Envelope.json')));
    expect(r.customSkills.every((s) => s.id.startsWith('https://credentialengineregistry.org/resources/ce-'))).toBe(true);
  });
});

describe('CTDL spec-shaped fixtures (shapes no sample has)', () => {
  const base = (extra: Record<string, unknown>): Record<string, unknown> => ({
    '@context': 'https://credreg.net/ctdl/schema/context/json',
    '@id': 'https://credentialengineregistry.org/resources/ce-11111111-2222-4333-8444-555555555555',
    '@type': 'ceterms:Certificate',
    'ceterms:ctid': 'ce-11111111-2222-4333-8444-555555555555',
    'ceterms:name': { 'en-us': 'Data Basics' },
    'ceterms:ownedBy': ['https://org.example/1'],
    ...extra,
  });

  it('estimatedCost (USD CostProfiles summed) and estimatedDuration (timeRequired / exactDuration / min..max) → cost and hours', () => {
    const cost = { 'ceterms:estimatedCost': [{ '@type': 'ceterms:CostProfile', 'ceterms:price': 200, 'ceterms:currency': 'USD' }, { '@type': 'ceterms:CostProfile', 'ceterms:price': '50', 'ceterms:currency': 'USD' }] };
    const c1 = ctdl(ingestDocument(base({ ...cost, 'ceterms:estimatedDuration': [{ '@type': 'ceterms:DurationProfile', 'ceterms:timeRequired': 'PT40H' }] }))).credentials[0]!.credential;
    expect(c1).toMatchObject({ cost: 250, hours: 40, name: 'Data Basics', credentialType: 'certificate' });
    const c2 = ctdl(ingestDocument(base({ 'ceterms:estimatedDuration': { 'ceterms:exactDuration': 'P2W' } }))).credentials[0]!.credential;
    expect(c2.hours).toBe(20);
    const c3 = ctdl(ingestDocument(base({ 'ceterms:estimatedDuration': [{ 'ceterms:minimumDuration': 'PT10H', 'ceterms:maximumDuration': 'PT30H' }] }))).credentials[0]!.credential;
    expect(c3.hours).toBe(20);
  });

  it('a non-USD cost is left unknown with a warning; a bad duration or price is INVALID_FIELD', () => {
    const r = ctdl(ingestDocument(base({ 'ceterms:estimatedCost': [{ 'ceterms:price': 100, 'ceterms:currency': 'EUR' }] })));
    expect(r.credentials[0]!.credential.cost).toBeNull();
    expect(r.warnings[0]).toMatchObject({ code: 'UNCONVERTED_CURRENCY' });
    expect(errorOf(() => ingestDocument(base({ 'ceterms:estimatedDuration': [{ 'ceterms:timeRequired': '40 hours' }] })))).toMatchObject({ code: 'INVALID_FIELD', path: 'ceterms:estimatedDuration[0].ceterms:timeRequired' });
    expect(errorOf(() => ingestDocument(base({ 'ceterms:estimatedCost': [{ 'ceterms:price': 'free' }] })))).toMatchObject({ code: 'INVALID_FIELD', path: 'ceterms:estimatedCost[0].ceterms:price' });
  });

  it('ConditionProfile requires: targetCredential/targetAssessment → requires, targetCompetency → requiredSkillIds (ESCO canonical)', () => {
    const r = ctdl(
      ingestDocument(
        base({
          'ceterms:requires': [
            {
              '@type': 'ceterms:ConditionProfile',
              'ceterms:targetCredential': ['https://credentialengineregistry.org/resources/ce-aaaaaaaa-2222-4333-8444-555555555555'],
              'ceterms:targetAssessment': [{ '@id': 'https://credentialengineregistry.org/resources/ce-bbbbbbbb-2222-4333-8444-555555555555' }],
              'ceterms:targetCompetency': [{ '@type': 'ceterms:CredentialAlignmentObject', 'ceterms:targetNode': 'https://data.europa.eu/esco/skill/c8ac1986-38fa-43b2-89dc-50a4beeb420e', 'ceterms:targetNodeName': { en: 'electricity' } }],
            },
          ],
          'ceterms:isPreparationFor': [{ '@type': 'ceterms:ConditionProfile', 'ceterms:targetCredential': 'https://credentialengineregistry.org/resources/ce-cccccccc-2222-4333-8444-555555555555' }],
          'ceterms:assesses': [{ '@type': 'ceterms:CredentialAlignmentObject', 'ceterms:targetNode': 'https://case.example/items/9', 'ceterms:targetNodeName': { en: 'Data hygiene' } }],
          'ceterms:audienceLevelType': [{ '@type': 'ceterms:CredentialAlignmentObject', 'ceterms:targetNode': 'audLevel:IntermediateLevel' }],
        }),
      ),
    );
    const e = r.credentials[0]!;
    expect(e.credential.requires).toEqual([
      'https://credentialengineregistry.org/resources/ce-aaaaaaaa-2222-4333-8444-555555555555',
      'https://credentialengineregistry.org/resources/ce-bbbbbbbb-2222-4333-8444-555555555555',
    ]);
    expect(e.requiredSkillIds).toEqual(['http://data.europa.eu/esco/skill/c8ac1986-38fa-43b2-89dc-50a4beeb420e']);
    expect(e.credential.isPartOf).toEqual(['https://credentialengineregistry.org/resources/ce-cccccccc-2222-4333-8444-555555555555']);
    expect(e.credential.skills).toEqual([{ skillId: 'https://case.example/items/9', confidence: 1, provenance: { kind: 'alignment', source: 'ceterms:assesses[0]', span: null } }]);
    expect(e.credential.level).toBe('intermediate');
    expect(r.customSkills.map((s) => s.preferredLabel)).toEqual(['Data hygiene']);
  });

  it('missing name → MISSING_FIELD; @type as a full IRI array is understood', () => {
    const noName = base({});
    delete noName['ceterms:name'];
    expect(errorOf(() => ingestDocument(noName))).toMatchObject({ code: 'MISSING_FIELD', path: 'ceterms:name' });
    const r = ctdl(ingestDocument(base({ '@type': ['https://purl.org/ctdl/terms/BachelorDegree'] })));
    expect(r.credentials[0]!.credential.credentialType).toBe('degree');
  });

  it('a pathway condition with a non-integer requiredNumber is INVALID_FIELD', () => {
    const doc = {
      '@context': 'https://credreg.net/ctdl/schema/context/json',
      '@graph': [
        { '@id': 'urn:p', '@type': 'ceterms:Pathway', 'ceterms:name': { en: 'P' }, 'ceterms:hasDestinationComponent': 'urn:c' },
        { '@id': 'urn:c', '@type': 'ceterms:BasicComponent', 'ceterms:name': { en: 'C' }, 'ceterms:hasCondition': [{ '@type': 'ceterms:ComponentCondition', 'ceterms:requiredNumber': 'two', 'ceterms:targetComponent': ['urn:c'] }] },
      ],
    };
    expect(errorOf(() => ingestDocument(doc))).toMatchObject({ code: 'INVALID_FIELD', path: '@graph[1].ceterms:hasCondition[0].ceterms:requiredNumber' });
  });
});
