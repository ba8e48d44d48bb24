/**
 * Loads the sample data set in `datasets/` (for `skillgraph import sample`).
 *
 * This maps the generator's OWN output (scripts/generate-sample.ts, documented in datasets/README.md) to
 * domain objects. It knows exactly one shape of each file and is deliberately not a general Open Badges /
 * CTDL / schema.org parser: standards-compliant ingestion lives in engine/ingest. References are checked
 * (skills, credentials, candidates, postings, occupations) and the first inconsistency throws a coded
 * TaxonomyError naming the file and field.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';
import { findCycle } from './find-cycle.ts';
import type {
  Award,
  Candidate,
  Credential,
  CredentialAssessment,
  CredentialRecognition,
  CredentialStanding,
  JobPosting,
  RecordsBatch,
  Role,
  SkillLink,
  TaxonomyData,
  VerificationStatus,
} from '../model/types.ts';

export interface SampleData {
  readonly taxonomy: TaxonomyData;
  readonly records: RecordsBatch;
}

/** `<repo>/datasets`. */
export const DEFAULT_SAMPLE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'datasets');

export const SAMPLE_FILES = {
  taxonomy: 'taxonomy.json',
  ob3: 'credentials/ob3-achievements.json',
  ctdl: 'credentials/ctdl.json',
  postings: 'postings.jsonld',
  candidates: 'candidates.json',
  awards: 'awards.json',
  roles: 'roles.json',
} as const;

type Json = Record<string, unknown>;

/** The type table of datasets/README.md, read backwards. */
const OB3_TYPES: Readonly<Record<string, string>> = {
  Badge: 'badge',
  MicroCredential: 'micro-credential',
  Certificate: 'certificate',
  Certification: 'professional-certificate',
};
const CTDL_TYPES: Readonly<Record<string, string>> = {
  'ceterms:Badge': 'badge',
  'ceterms:MicroCredential': 'micro-credential',
  'ceterms:Certificate': 'certificate',
  'ceterms:Certification': 'professional-certificate',
};
const CTDL_LEVELS: Readonly<Record<string, string>> = {
  'audLevel:BeginnerLevel': 'beginner',
  'audLevel:IntermediateLevel': 'intermediate',
  'audLevel:AdvancedLevel': 'advanced',
};
const STATUSES = new Set<VerificationStatus>(['verified', 'hosted-verified', 'unverified', 'self-claimed', 'invalid', 'expired', 'unverifiable']);

/** Field access that fails with one clear error: file + field path + what was expected. */
class Reader {
  constructor(readonly file: string) {}

  fail(code: TaxonomyErrorCode, field: string, message: string): never {
    throw new TaxonomyError(code, message, { file: this.file, field });
  }

  obj(v: unknown, field: string): Json {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(TaxonomyErrorCode.InvalidValue, field, 'expected an object');
    return v as Json;
  }

  arr(v: unknown, field: string): unknown[] {
    if (!Array.isArray(v)) this.fail(TaxonomyErrorCode.InvalidValue, field, 'expected an array');
    return v;
  }

  str(v: unknown, field: string): string {
    if (typeof v !== 'string') this.fail(TaxonomyErrorCode.InvalidValue, field, `expected a string, got ${JSON.stringify(v)}`);
    return v;
  }

  num(v: unknown, field: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(TaxonomyErrorCode.InvalidValue, field, `expected a number, got ${JSON.stringify(v)}`);
    return v;
  }

  strs(v: unknown, field: string): string[] {
    return this.arr(v, field).map((x, i) => this.str(x, `${field}[${i}]`));
  }

  /** `{ en: text }` language map. */
  en(v: unknown, field: string): string {
    return this.str(this.obj(v, field).en, `${field}.en`);
  }
}

async function readJson(dir: string, rel: string): Promise<unknown> {
  const path = join(dir, rel);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new TaxonomyError(TaxonomyErrorCode.MissingFile, `cannot read sample file: ${(err as Error).message}`, { file: rel }, false, { cause: err });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new TaxonomyError(TaxonomyErrorCode.InvalidValue, `not valid JSON: ${(err as Error).message}`, { file: rel }, false, { cause: err });
  }
}

function alignmentLink(skillId: string, source: string): SkillLink {
  return { skillId, confidence: 1, provenance: { kind: 'alignment', source, span: null } };
}

function mapOb3(r: Reader, raw: unknown, i: number): Credential {
  const at = `[${i}]`;
  const d = r.obj(raw, at);
  const type = r.str(d.achievementType, `${at}.achievementType`);
  const credentialType = OB3_TYPES[type] ?? r.fail(TaxonomyErrorCode.InvalidValue, `${at}.achievementType`, `unknown achievementType ${type}`);
  const creator = r.obj(d.creator, `${at}.creator`);
  const cost = r.obj(d['skillgraph:cost'], `${at}.skillgraph:cost`);
  return {
    id: r.str(d.id, `${at}.id`),
    format: 'ob3',
    name: r.str(d.name, `${at}.name`),
    description: r.str(d.description, `${at}.description`),
    issuer: { id: r.str(creator.id, `${at}.creator.id`), name: r.str(creator.name, `${at}.creator.name`) },
    credentialType,
    level: r.str(d['skillgraph:level'], `${at}.skillgraph:level`),
    cost: r.num(cost.price, `${at}.skillgraph:cost.price`),
    hours: r.num(d['skillgraph:hours'], `${at}.skillgraph:hours`),
    skills: r.arr(d.alignment, `${at}.alignment`).map((a, j) => {
      const field = `alignment[${j}].targetUrl`;
      return alignmentLink(r.str(r.obj(a, `${at}.alignment[${j}]`).targetUrl, `${at}.${field}`), field);
    }),
    requires: r.strs(d['skillgraph:requires'], `${at}.skillgraph:requires`),
    isPartOf: r.strs(d['skillgraph:isPartOf'], `${at}.skillgraph:isPartOf`),
    ...ob3Standing(r, d, at),
  };
}

/** The sample's one-line texts as the readers keep them: whitespace collapsed, trimmed. */
const oneLine = (t: string): string => t.replace(/\s+/g, ' ').trim();

/** Standing as the generator writes it on an OB3 Achievement: `endorsement[]` (issuer Profile) and `criteria.narrative`. */
function ob3Standing(r: Reader, d: Json, at: string): { standing?: CredentialStanding } {
  const recognition: CredentialRecognition[] =
    d['endorsement'] === undefined
      ? []
      : r.arr(d['endorsement'], `${at}.endorsement`).map((e, j) => {
          const issuer = r.obj(r.obj(e, `${at}.endorsement[${j}]`)['issuer'], `${at}.endorsement[${j}].issuer`);
          return { kind: 'endorsement', agentId: r.str(issuer['id'], `${at}.endorsement[${j}].issuer.id`), agentName: r.str(issuer['name'], `${at}.endorsement[${j}].issuer.name`), source: `endorsement[${j}]`, verification: 'unverified' };
        });
  const narrative = d['criteria'] === undefined ? '' : oneLine(r.str(r.obj(d['criteria'], `${at}.criteria`)['narrative'], `${at}.criteria.narrative`));
  const assessment: CredentialAssessment[] = narrative ? [{ kind: 'criteria', description: narrative, source: 'criteria.narrative' }] : [];
  return recognition.length || assessment.length ? { standing: { recognition, assessment } } : {};
}

/** Standing as the generator writes it on a CTDL credential: accreditedBy / recognizedBy agents, assessments in requires. */
function ctdlStanding(r: Reader, d: Json, at: string): { standing?: CredentialStanding } {
  const recognition: CredentialRecognition[] = [];
  for (const kind of ['accreditedBy', 'recognizedBy'] as const) {
    const key = `ceterms:${kind}`;
    if (d[key] === undefined) continue;
    r.arr(d[key], `${at}.${key}`).forEach((a, j) => {
      const agent = r.obj(a, `${at}.${key}[${j}]`);
      recognition.push({ kind, agentId: r.str(agent['@id'], `${at}.${key}[${j}].@id`), agentName: r.en(agent['ceterms:name'], `${at}.${key}[${j}].ceterms:name`), source: `${key}[${j}]`, verification: 'stated' });
    });
  }
  const assessment: CredentialAssessment[] = [];
  if (d['ceterms:requires'] !== undefined) {
    r.arr(d['ceterms:requires'], `${at}.ceterms:requires`).forEach((c, j) => {
      const targets = r.obj(c, `${at}.ceterms:requires[${j}]`)['ceterms:targetAssessment'];
      if (targets === undefined) return;
      r.arr(targets, `${at}.ceterms:requires[${j}].ceterms:targetAssessment`).forEach((t, k) => {
        const field = `ceterms:requires[${j}].ceterms:targetAssessment[${k}]`;
        const description = oneLine(r.en(r.obj(t, `${at}.${field}`)['ceterms:assessmentMethodDescription'], `${at}.${field}.ceterms:assessmentMethodDescription`));
        assessment.push({ kind: 'assessment', description, source: field });
      });
    });
  }
  return recognition.length || assessment.length ? { standing: { recognition, assessment } } : {};
}

function mapCtdl(r: Reader, raw: unknown, i: number): Credential {
  const at = `[${i}]`;
  const d = r.obj(raw, at);
  const type = r.str(d['@type'], `${at}.@type`);
  const credentialType = CTDL_TYPES[type] ?? r.fail(TaxonomyErrorCode.InvalidValue, `${at}.@type`, `unknown credential type ${type}`);
  const owner = r.obj(r.arr(d['ceterms:ownedBy'], `${at}.ceterms:ownedBy`)[0], `${at}.ceterms:ownedBy[0]`);
  const levelNode = r.str(r.obj(r.arr(d['ceterms:audienceLevelType'], `${at}.ceterms:audienceLevelType`)[0], `${at}.ceterms:audienceLevelType[0]`)['ceterms:targetNode'], `${at}.ceterms:audienceLevelType[0].ceterms:targetNode`);
  const cost = r.obj(r.arr(d['ceterms:estimatedCost'], `${at}.ceterms:estimatedCost`)[0], `${at}.ceterms:estimatedCost[0]`);
  const duration = r.obj(r.arr(d['ceterms:estimatedDuration'], `${at}.ceterms:estimatedDuration`)[0], `${at}.ceterms:estimatedDuration[0]`);
  const timeRequired = r.str(duration['ceterms:timeRequired'], `${at}.ceterms:estimatedDuration[0].ceterms:timeRequired`);
  const hours = /^PT(\d+)H$/.exec(timeRequired)?.[1] ?? r.fail(TaxonomyErrorCode.InvalidValue, `${at}.ceterms:estimatedDuration[0].ceterms:timeRequired`, `expected PT<n>H, got ${timeRequired}`);
  const skills: SkillLink[] = [];
  for (const key of ['ceterms:teaches', 'ceterms:assesses']) {
    if (d[key] === undefined) continue;
    r.arr(d[key], `${at}.${key}`).forEach((a, j) => {
      const field = `${key}[${j}].ceterms:targetNode`;
      skills.push(alignmentLink(r.str(r.obj(a, `${at}.${key}[${j}]`)['ceterms:targetNode'], `${at}.${field}`), field));
    });
  }
  const requires = d['ceterms:requires'] === undefined
    ? []
    : r.arr(d['ceterms:requires'], `${at}.ceterms:requires`).flatMap((c, j) => {
        // a condition naming only an assessment (issue 20) requires no credential
        const targets = r.obj(c, `${at}.ceterms:requires[${j}]`)['ceterms:targetCredential'];
        return targets === undefined ? [] : r.strs(targets, `${at}.ceterms:requires[${j}].ceterms:targetCredential`);
      });
  return {
    id: r.str(d['@id'], `${at}.@id`),
    format: 'ctdl',
    name: r.en(d['ceterms:name'], `${at}.ceterms:name`),
    description: r.en(d['ceterms:description'], `${at}.ceterms:description`),
    issuer: { id: r.str(owner['@id'], `${at}.ceterms:ownedBy[0].@id`), name: r.en(owner['ceterms:name'], `${at}.ceterms:ownedBy[0].ceterms:name`) },
    credentialType,
    level: CTDL_LEVELS[levelNode] ?? r.fail(TaxonomyErrorCode.InvalidValue, `${at}.ceterms:audienceLevelType`, `unknown level ${levelNode}`),
    cost: r.num(cost['ceterms:price'], `${at}.ceterms:estimatedCost[0].ceterms:price`),
    hours: Number(hours),
    skills,
    requires,
    isPartOf: d['ceterms:isPartOf'] === undefined ? [] : r.strs(d['ceterms:isPartOf'], `${at}.ceterms:isPartOf`),
    ...ctdlStanding(r, d, at),
  };
}

function mapPosting(r: Reader, raw: unknown, i: number): JobPosting {
  const at = `[${i}]`;
  const d = r.obj(raw, at);
  const address = r.obj(r.obj(d.jobLocation, `${at}.jobLocation`).address, `${at}.jobLocation.address`);
  return {
    id: r.str(d.identifier, `${at}.identifier`),
    title: r.str(d.title, `${at}.title`),
    description: r.str(d.description, `${at}.description`),
    organisationId: r.str(r.obj(d.hiringOrganization, `${at}.hiringOrganization`).identifier, `${at}.hiringOrganization.identifier`),
    datePosted: r.str(d.datePosted, `${at}.datePosted`),
    occupationId: r.str(r.obj(d.occupationalCategory, `${at}.occupationalCategory`).url, `${at}.occupationalCategory.url`),
    location: `${r.str(address.addressLocality, `${at}.jobLocation.address.addressLocality`)}, ${r.str(address.addressRegion, `${at}.jobLocation.address.addressRegion`)}`,
    skills: r.arr(d.skills, `${at}.skills`).map((t, j) => {
      const field = `skills[${j}].url`;
      return alignmentLink(r.str(r.obj(t, `${at}.skills[${j}]`).url, `${at}.${field}`), field);
    }),
  };
}

function mapCandidate(r: Reader, raw: unknown, i: number): Candidate {
  const at = `[${i}]`;
  const d = r.obj(raw, at);
  return {
    id: r.str(d.id, `${at}.id`),
    name: r.str(d.name, `${at}.name`),
    sharedWith: r.strs(d.sharedWith, `${at}.sharedWith`),
    claimedSkills: r.strs(d.claimedSkills, `${at}.claimedSkills`).map((skillId, j) => ({
      skillId,
      confidence: 1,
      provenance: { kind: 'claim', source: `claimedSkills[${j}]`, span: null },
    })),
    experience: r.str(d.experience, `${at}.experience`),
    location: r.str(d.location, `${at}.location`),
  };
}

function mapAward(r: Reader, raw: unknown, i: number): Award {
  const at = `[${i}]`;
  const d = r.obj(raw, at);
  const verification = r.str(d.verification, `${at}.verification`) as VerificationStatus;
  if (!STATUSES.has(verification)) r.fail(TaxonomyErrorCode.InvalidValue, `${at}.verification`, `unknown verification status ${verification}`);
  return {
    id: r.str(d.id, `${at}.id`),
    candidateId: r.str(d.candidateId, `${at}.candidateId`),
    credentialId: r.str(d.credentialId, `${at}.credentialId`),
    issuedOn: r.str(d.issuedOn, `${at}.issuedOn`),
    expiresOn: d.expiresOn === null ? null : r.str(d.expiresOn, `${at}.expiresOn`),
    verification,
  };
}

function mapRole(r: Reader, raw: unknown, i: number): Role {
  const at = `[${i}]`;
  const d = r.obj(raw, at);
  return {
    id: r.str(d.id, `${at}.id`),
    title: r.str(d.title, `${at}.title`),
    organisationId: r.str(d.organisationId, `${at}.organisationId`),
    postingId: d.postingId === null ? null : r.str(d.postingId, `${at}.postingId`),
    occupationId: d.occupationId === null ? null : r.str(d.occupationId, `${at}.occupationId`),
    requirements: r.arr(d.requirements, `${at}.requirements`).map((q, j) => {
      const req = r.obj(q, `${at}.requirements[${j}]`);
      const weight = r.num(req.weight, `${at}.requirements[${j}].weight`);
      if (weight <= 0) r.fail(TaxonomyErrorCode.InvalidValue, `${at}.requirements[${j}].weight`, `weight must be > 0, got ${weight}`);
      if (typeof req.essential !== 'boolean') r.fail(TaxonomyErrorCode.InvalidValue, `${at}.requirements[${j}].essential`, 'expected a boolean');
      return { skillId: r.str(req.skillId, `${at}.requirements[${j}].skillId`), weight, essential: req.essential };
    }),
  };
}

function mapTaxonomy(r: Reader, raw: unknown): TaxonomyData {
  const d = r.obj(raw, '');
  const list = <T>(key: keyof TaxonomyData): T[] => r.arr(d[key], key) as T[];
  return {
    skills: list('skills'),
    groups: list('groups'),
    broader: list('broader'),
    skillRelations: list('skillRelations'),
    occupations: list('occupations'),
    occupationSkills: list('occupationSkills'),
    crosswalk: list('crosswalk'),
  };
}

/** Id set of `items`, failing on the first duplicate. */
function ids(file: string, items: readonly { readonly id: string }[], prefix = ''): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) throw new TaxonomyError(TaxonomyErrorCode.DuplicateId, `duplicate id ${item.id}`, { file, field: `${prefix}[${i}].id` });
    seen.add(item.id);
  });
  return seen;
}

function checkRef(ok: boolean, file: string, field: string, what: string, id: string, code: TaxonomyErrorCode = TaxonomyErrorCode.UnknownReference): void {
  if (!ok) throw new TaxonomyError(code, `unknown ${what} ${id}`, { file, field });
}

function validateTaxonomy(t: TaxonomyData): Set<string> {
  const f = SAMPLE_FILES.taxonomy;
  const skillIds = ids(f, t.skills, 'skills');
  const groupIds = ids(f, t.groups, 'groups');
  const occIds = ids(f, t.occupations, 'occupations');
  const node = (id: string): boolean => skillIds.has(id) || groupIds.has(id);
  t.broader.forEach((e, i) => {
    checkRef(node(e.childId), f, `broader[${i}].childId`, 'skill or group', e.childId);
    checkRef(node(e.parentId), f, `broader[${i}].parentId`, 'parent', e.parentId, TaxonomyErrorCode.UnknownParent);
  });
  t.skillRelations.forEach((e, i) => {
    checkRef(skillIds.has(e.fromId), f, `skillRelations[${i}].fromId`, 'skill', e.fromId);
    checkRef(skillIds.has(e.toId), f, `skillRelations[${i}].toId`, 'skill', e.toId);
  });
  t.occupations.forEach((o, i) => o.parentIds.forEach((p, j) => checkRef(occIds.has(p), f, `occupations[${i}].parentIds[${j}]`, 'parent', p, TaxonomyErrorCode.UnknownParent)));
  t.occupationSkills.forEach((os, i) => {
    checkRef(occIds.has(os.occupationId), f, `occupationSkills[${i}].occupationId`, 'occupation', os.occupationId);
    checkRef(skillIds.has(os.skillId), f, `occupationSkills[${i}].skillId`, 'skill', os.skillId);
  });
  return skillIds;
}

/** Throws CYCLE when following `requires` from some credential comes back to it. */
function checkPrerequisitesAcyclic(credentials: readonly Credential[], credentialFile: ReadonlyMap<string, string>): void {
  const cycle = findCycle(new Map(credentials.map((c) => [c.id, c.requires])));
  if (cycle) {
    throw new TaxonomyError(TaxonomyErrorCode.Cycle, `prerequisite cycle: ${cycle.join(' -> ')}`, { file: credentialFile.get(cycle[0] as string), field: 'requires' });
  }
}

function validateRecords(skillIds: ReadonlySet<string>, occupationIds: ReadonlySet<string>, b: Required<RecordsBatch>, credentialFile: ReadonlyMap<string, string>): void {
  const credIds = new Set<string>();
  for (const c of b.credentials) {
    const file = credentialFile.get(c.id) ?? SAMPLE_FILES.ob3;
    if (credIds.has(c.id)) throw new TaxonomyError(TaxonomyErrorCode.DuplicateId, `duplicate credential id ${c.id}`, { file });
    credIds.add(c.id);
  }
  for (const c of b.credentials) {
    const file = credentialFile.get(c.id) ?? SAMPLE_FILES.ob3;
    c.skills.forEach((s) => checkRef(skillIds.has(s.skillId), file, `${c.id} ${s.provenance.source}`, 'skill', s.skillId));
    c.requires.forEach((id, j) => checkRef(credIds.has(id), file, `${c.id} requires[${j}]`, 'credential', id));
    c.isPartOf.forEach((id, j) => checkRef(credIds.has(id), file, `${c.id} isPartOf[${j}]`, 'credential', id));
  }
  checkPrerequisitesAcyclic(b.credentials, credentialFile);

  const postingIds = ids(SAMPLE_FILES.postings, b.postings);
  b.postings.forEach((p, i) => {
    if (p.occupationId !== null) checkRef(occupationIds.has(p.occupationId), SAMPLE_FILES.postings, `[${i}].occupationalCategory.url`, 'occupation', p.occupationId);
    p.skills.forEach((s) => checkRef(skillIds.has(s.skillId), SAMPLE_FILES.postings, `[${i}].${s.provenance.source}`, 'skill', s.skillId));
  });

  const candidateIds = ids(SAMPLE_FILES.candidates, b.candidates);
  b.candidates.forEach((c, i) => c.claimedSkills.forEach((s) => checkRef(skillIds.has(s.skillId), SAMPLE_FILES.candidates, `[${i}].${s.provenance.source}`, 'skill', s.skillId)));

  ids(SAMPLE_FILES.awards, b.awards);
  b.awards.forEach((a, i) => {
    checkRef(candidateIds.has(a.candidateId), SAMPLE_FILES.awards, `[${i}].candidateId`, 'candidate', a.candidateId);
    checkRef(credIds.has(a.credentialId), SAMPLE_FILES.awards, `[${i}].credentialId`, 'credential', a.credentialId);
  });

  ids(SAMPLE_FILES.roles, b.roles);
  b.roles.forEach((r, i) => {
    if (r.postingId !== null) checkRef(postingIds.has(r.postingId), SAMPLE_FILES.roles, `[${i}].postingId`, 'posting', r.postingId);
    if (r.occupationId !== null) checkRef(occupationIds.has(r.occupationId), SAMPLE_FILES.roles, `[${i}].occupationId`, 'occupation', r.occupationId);
    r.requirements.forEach((q, j) => checkRef(skillIds.has(q.skillId), SAMPLE_FILES.roles, `[${i}].requirements[${j}].skillId`, 'skill', q.skillId));
  });
}

/**
 * Reads the sample files from `dir` and returns the taxonomy and every record, checked for dangling
 * references, duplicate ids and prerequisite cycles. Throws TaxonomyError (MISSING_FILE, INVALID_VALUE,
 * DUPLICATE_ID, UNKNOWN_REFERENCE, UNKNOWN_PARENT, CYCLE) naming the file and field.
 */
export async function loadSample(dir: string = DEFAULT_SAMPLE_DIR): Promise<SampleData> {
  const [tax, ob3, ctdl, postings, candidates, awards, roles] = await Promise.all(
    [SAMPLE_FILES.taxonomy, SAMPLE_FILES.ob3, SAMPLE_FILES.ctdl, SAMPLE_FILES.postings, SAMPLE_FILES.candidates, SAMPLE_FILES.awards, SAMPLE_FILES.roles].map((f) => readJson(dir, f)),
  );
  const taxonomy = mapTaxonomy(new Reader(SAMPLE_FILES.taxonomy), tax);
  const skillIds = validateTaxonomy(taxonomy);
  const occupationIds = new Set(taxonomy.occupations.map((o) => o.id));

  const each = <T>(file: string, raw: unknown, map: (r: Reader, item: unknown, i: number) => T): T[] => {
    const r = new Reader(file);
    return r.arr(raw, '').map((item, i) => map(r, item, i));
  };
  const ob3Credentials = each(SAMPLE_FILES.ob3, ob3, mapOb3);
  const ctdlCredentials = each(SAMPLE_FILES.ctdl, ctdl, mapCtdl);
  const credentialFile = new Map<string, string>([
    ...ob3Credentials.map((c) => [c.id, SAMPLE_FILES.ob3] as const),
    ...ctdlCredentials.map((c) => [c.id, SAMPLE_FILES.ctdl] as const),
  ]);
  const records = {
    credentials: [...ob3Credentials, ...ctdlCredentials],
    postings: each(SAMPLE_FILES.postings, postings, mapPosting),
    candidates: each(SAMPLE_FILES.candidates, candidates, mapCandidate),
    awards: each(SAMPLE_FILES.awards, awards, mapAward),
    roles: each(SAMPLE_FILES.roles, roles, mapRole),
  };
  validateRecords(skillIds, occupationIds, records, credentialFile);
  return { taxonomy, records };
}
