import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';
import type {
  BroaderEdge,
  Occupation,
  OccupationSkill,
  RequirementKind,
  Skill,
  SkillGroup,
  SkillRelation,
  SkillRelationType,
  TaxonomyData,
} from '../model/types.ts';
import { CSV, readCsv, type CsvFormat, type CsvRow } from './csv.ts';
import { findCycle } from './find-cycle.ts';
import { listFolder, requireFile } from './find-file.ts';
import { checkLoadOptions, phaseProgress, type LoadOptions, type ProgressOf } from './load-options.ts';
import { withToolLabels } from './tool-labels.ts';

export interface EscoLoadOptions extends LoadOptions {
  /**
   * Add the software product names of esco-tool-labels.json (O*NET 29.2 technology examples, by product category:
   * "Microsoft Excel" → use spreadsheets software, "Tableau" → business intelligence) to the skills they stand for,
   * as hidden labels: matched and embedded by the linker, never displayed. Default true.
   */
  readonly toolLabels?: boolean;
}

const SKILL_TYPES = new Set(['skill/competence', 'knowledge', '']);
const REUSE_LEVELS = new Set(['transversal', 'cross-sector', 'sector-specific', 'occupation-specific', '']);
const SKILL_RELATION_TYPES = new Set<string>(['essential', 'optional', 'related'] satisfies SkillRelationType[]);
const REQUIREMENT_KINDS = new Set<string>(['essential', 'optional'] satisfies RequirementKind[]);
const RAGGED: CsvFormat = { ...CSV, ragged: true };

/** The ESCO CSV files read, by logical name → file stem (`<stem>_en.csv` or `<stem>.csv`). */
const STEMS = {
  skills: 'skills',
  groups: 'skillGroups',
  hierarchy: 'skillsHierarchy',
  skillBroader: 'broaderRelationsSkillPillar',
  skillRelations: 'skillSkillRelations',
  isco: 'ISCOGroups',
  occupations: 'occupations',
  occupationBroader: 'broaderRelationsOccPillar',
  occupationSkills: 'occupationSkillRelations',
} as const;

/** `a\nb` → ['a', 'b']: ESCO separates alternative and hidden labels by line feeds. Labels stay verbatim. */
function splitLabels(value: string): string[] {
  if (value === '') return [];
  return value.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)).filter((l) => l !== '');
}

/** ISCED-F groups have no ESCO code; their code is the URI tail (`…/isced-f/0613` → `0613`). */
function iscedCode(uri: string): string {
  const m = /\/isced-f\/([0-9]+)$/.exec(uri);
  return m ? (m[1] as string) : '';
}

function nonEmpty<C extends string>(row: CsvRow<C>, column: C): string {
  const value = row.get(column);
  if (value.trim() === '') throw row.error(TaxonomyErrorCode.InvalidValue, `empty ${column}`, column);
  return value;
}

interface MutableOccupation extends Occupation {
  readonly parentIds: string[];
}

type EscoFiles = { readonly [K in keyof typeof STEMS]: string };

/** What every step reads with: the files and the progress callback of each. */
interface EscoReader {
  readonly files: EscoFiles;
  readonly progress: ProgressOf;
}

/** Line of the first row that defined each id (for duplicate errors). */
type Lines = Map<string, number>;

/** Step 1: the nine files, each `<stem>_en.csv` or `<stem>.csv`, or MISSING_FILE. */
async function escoReader(dir: string, options: EscoLoadOptions): Promise<EscoReader> {
  const names = await listFolder(dir);
  const files = Object.fromEntries(Object.entries(STEMS).map(([key, stem]) => [key, requireFile(dir, names, [`${stem}_en.csv`, `${stem}.csv`])])) as unknown as EscoFiles;
  return { files, progress: phaseProgress(options) };
}

/** Step 2: skills, unique by URI, with known skill types and reuse levels. */
async function readSkills(r: EscoReader): Promise<{ skills: Skill[]; skillLine: Lines }> {
  const skills: Skill[] = [];
  const skillLine: Lines = new Map();
  await readCsv(
    r.files.skills,
    {
      format: CSV,
      required: ['conceptUri', 'preferredLabel', 'altLabels', 'description', 'skillType', 'reuseLevel'],
      optional: ['hiddenLabels'],
      onProgress: r.progress(r.files.skills),
    },
    (row) => {
      const id = nonEmpty(row, 'conceptUri');
      const first = skillLine.get(id);
      if (first !== undefined) throw row.error(TaxonomyErrorCode.DuplicateId, `duplicate skill ${id} (first on line ${first})`, 'conceptUri');
      const skillType = row.get('skillType');
      if (!SKILL_TYPES.has(skillType)) throw row.error(TaxonomyErrorCode.InvalidValue, `unknown skillType "${skillType}"`, 'skillType');
      const reuseLevel = row.get('reuseLevel');
      if (!REUSE_LEVELS.has(reuseLevel)) throw row.error(TaxonomyErrorCode.InvalidValue, `unknown reuseLevel "${reuseLevel}"`, 'reuseLevel');
      skillLine.set(id, row.line);
      skills.push({
        id,
        source: 'esco',
        preferredLabel: nonEmpty(row, 'preferredLabel'),
        altLabels: splitLabels(row.get('altLabels')),
        hiddenLabels: splitLabels(row.get('hiddenLabels')),
        description: row.get('description'),
        skillType,
        reuseLevel,
      });
    },
  );
  return { skills, skillLine };
}

/** Step 3: skill groups, then the groups only the hierarchy file names. */
async function readSkillGroups(r: EscoReader, skillLine: Lines): Promise<Map<string, SkillGroup>> {
  const groups = new Map<string, SkillGroup>();
  const groupLine: Lines = new Map();
  await readCsv(
    r.files.groups,
    { format: CSV, required: ['conceptUri', 'preferredLabel'], optional: ['code', 'description'], onProgress: r.progress(r.files.groups) },
    (row) => {
      const id = nonEmpty(row, 'conceptUri');
      const first = groupLine.get(id);
      if (first !== undefined) throw row.error(TaxonomyErrorCode.DuplicateId, `duplicate skill group ${id} (first on line ${first})`, 'conceptUri');
      if (skillLine.has(id)) throw row.error(TaxonomyErrorCode.DuplicateId, `skill group ${id} is also a skill (${r.files.skills} line ${skillLine.get(id)})`, 'conceptUri');
      groupLine.set(id, row.line);
      groups.set(id, { id, source: 'esco', code: row.get('code') || iscedCode(id), preferredLabel: nonEmpty(row, 'preferredLabel'), description: row.get('description') });
    },
  );
  await readHierarchyGroups(r, groups, skillLine);
  return groups;
}

/** The skill groups `skillsHierarchy` names that the groups file does not (7 in v1.1.1), added to `groups`. */
async function readHierarchyGroups(r: EscoReader, groups: Map<string, SkillGroup>, skillLine: Lines): Promise<void> {
  const levels = [0, 1, 2, 3] as const;
  type HierarchyColumn = `Level ${0 | 1 | 2 | 3} ${'URI' | 'preferred term' | 'code'}` | 'Description';
  await readCsv<HierarchyColumn>(
    r.files.hierarchy,
    {
      format: RAGGED,
      required: levels.flatMap((l) => [`Level ${l} URI`, `Level ${l} preferred term`] as const),
      optional: [...levels.map((l) => `Level ${l} code` as const), 'Description'],
      onProgress: r.progress(r.files.hierarchy),
    },
    (row) => {
      let deepest = -1;
      for (const l of levels) if (row.get(`Level ${l} URI`) !== '') deepest = l;
      if (deepest === -1) throw row.error(TaxonomyErrorCode.InvalidValue, 'hierarchy row names no group', 'Level 0 URI');
      for (const l of levels) {
        if (l > deepest) break;
        const id = row.get(`Level ${l} URI`);
        if (id === '') throw row.error(TaxonomyErrorCode.InvalidValue, `empty Level ${l} URI above level ${deepest}`, `Level ${l} URI`);
        if (groups.has(id) || skillLine.has(id)) continue;
        const label = row.get(`Level ${l} preferred term`);
        if (label.trim() === '') throw row.error(TaxonomyErrorCode.InvalidValue, `empty Level ${l} preferred term`, `Level ${l} preferred term`);
        groups.set(id, {
          id,
          source: 'esco',
          code: row.get(`Level ${l} code`) || iscedCode(id),
          preferredLabel: label,
          description: l === deepest ? row.get('Description') : '',
        });
      }
    },
  );
}

/** A pillar's broader edges: child → parents, and the line of each edge (for the cycle error). */
interface Pillar {
  readonly parentsOf: Map<string, string[]>;
  readonly edgeLine: Lines;
}

/** A cycle among a pillar's broader edges is one CYCLE error at the line of its first edge. */
function checkAcyclic(pillar: Pillar, file: string, what: string): void {
  const cycle = findCycle(pillar.parentsOf);
  if (!cycle) return;
  const [a, b] = cycle as [string, string];
  throw new TaxonomyError(TaxonomyErrorCode.Cycle, `cycle in ${what}: ${cycle.join(' → ')}`, { file, line: pillar.edgeLine.get(`${a} ${b}`) as number, field: 'broaderUri' });
}

/** Records edge child → parent once (DUPLICATE_ID for a repeat, CYCLE for a self-edge). */
function addEdge(row: CsvRow<'conceptUri' | 'broaderUri'>, pillar: Pillar, childId: string, parentId: string): void {
  if (childId === parentId) throw row.error(TaxonomyErrorCode.Cycle, `${childId} is broader than itself`, 'broaderUri');
  const key = `${childId} ${parentId}`;
  const first = pillar.edgeLine.get(key);
  if (first !== undefined) throw row.error(TaxonomyErrorCode.DuplicateId, `duplicate broader relation ${childId} → ${parentId} (first on line ${first})`, 'broaderUri');
  pillar.edgeLine.set(key, row.line);
}

function addParent(pillar: Pillar, childId: string, parentId: string): void {
  const list = pillar.parentsOf.get(childId);
  if (list) list.push(parentId);
  else pillar.parentsOf.set(childId, [parentId]);
}

/** Step 4: broader relations of the skill pillar, a DAG over skills and groups. */
async function readSkillBroader(r: EscoReader, isNode: (id: string) => boolean): Promise<BroaderEdge[]> {
  const broader: BroaderEdge[] = [];
  const pillar: Pillar = { parentsOf: new Map(), edgeLine: new Map() };
  await readCsv(r.files.skillBroader, { format: CSV, required: ['conceptUri', 'broaderUri'], onProgress: r.progress(r.files.skillBroader) }, (row) => {
    const childId = nonEmpty(row, 'conceptUri');
    const parentId = nonEmpty(row, 'broaderUri');
    if (!isNode(childId)) throw row.error(TaxonomyErrorCode.UnknownReference, `unknown skill or group ${childId}`, 'conceptUri');
    if (!isNode(parentId)) throw row.error(TaxonomyErrorCode.UnknownParent, `broader concept ${parentId} is neither a skill nor a skill group`, 'broaderUri');
    addEdge(row, pillar, childId, parentId);
    broader.push({ childId, parentId });
    addParent(pillar, childId, parentId);
  });
  r.progress('validate')?.(0, 1);
  checkAcyclic(pillar, r.files.skillBroader, 'broader relations');
  r.progress('validate')?.(1, 1);
  return broader;
}

/** Step 5: skill–skill relations (types come from skills_en.csv; the type columns here are unreliable). */
async function readSkillRelations(r: EscoReader, skillLine: Lines): Promise<SkillRelation[]> {
  const skillRelations: SkillRelation[] = [];
  const relationLine: Lines = new Map();
  await readCsv(
    r.files.skillRelations,
    { format: CSV, required: ['originalSkillUri', 'relationType', 'relatedSkillUri'], onProgress: r.progress(r.files.skillRelations) },
    (row) => {
      const fromId = nonEmpty(row, 'originalSkillUri');
      const toId = nonEmpty(row, 'relatedSkillUri');
      const relationType = row.get('relationType');
      if (!skillLine.has(fromId)) throw row.error(TaxonomyErrorCode.UnknownReference, `unknown skill ${fromId}`, 'originalSkillUri');
      if (!skillLine.has(toId)) throw row.error(TaxonomyErrorCode.UnknownReference, `unknown skill ${toId}`, 'relatedSkillUri');
      if (!SKILL_RELATION_TYPES.has(relationType)) throw row.error(TaxonomyErrorCode.InvalidValue, `unknown relationType "${relationType}"`, 'relationType');
      const key = `${fromId} ${toId}`;
      const first = relationLine.get(key);
      if (first !== undefined) throw row.error(TaxonomyErrorCode.DuplicateId, `duplicate skill relation ${fromId} → ${toId} (first on line ${first})`, 'relatedSkillUri');
      relationLine.set(key, row.line);
      skillRelations.push({ fromId, toId, relationType: relationType as SkillRelationType });
    },
  );
  return skillRelations;
}

/** Step 6: ISCO groups, known parents of the occupation pillar; not occupations themselves. */
async function readIscoGroups(r: EscoReader): Promise<{ iscoLine: Lines; iscoCodes: Set<string> }> {
  const iscoLine: Lines = new Map();
  const iscoCodes = new Set<string>();
  await readCsv(r.files.isco, { format: CSV, required: ['conceptUri', 'code'], onProgress: r.progress(r.files.isco) }, (row) => {
    const id = nonEmpty(row, 'conceptUri');
    const first = iscoLine.get(id);
    if (first !== undefined) throw row.error(TaxonomyErrorCode.DuplicateId, `duplicate ISCO group ${id} (first on line ${first})`, 'conceptUri');
    iscoLine.set(id, row.line);
    iscoCodes.add(nonEmpty(row, 'code'));
  });
  return { iscoLine, iscoCodes };
}

/** Step 7: occupations, unique among occupations, ISCO groups, skills and groups, in a known ISCO group. */
async function readOccupations(r: EscoReader, isco: { iscoLine: Lines; iscoCodes: Set<string> }, isNode: (id: string) => boolean): Promise<Map<string, MutableOccupation>> {
  const occupations = new Map<string, MutableOccupation>();
  const occupationLine: Lines = new Map();
  await readCsv(
    r.files.occupations,
    {
      format: CSV,
      required: ['conceptUri', 'code', 'iscoGroup', 'preferredLabel', 'altLabels', 'description'],
      onProgress: r.progress(r.files.occupations),
    },
    (row) => {
      const id = nonEmpty(row, 'conceptUri');
      const first = occupationLine.get(id);
      if (first !== undefined) throw row.error(TaxonomyErrorCode.DuplicateId, `duplicate occupation ${id} (first on line ${first})`, 'conceptUri');
      if (isco.iscoLine.has(id) || isNode(id)) throw row.error(TaxonomyErrorCode.DuplicateId, `occupation ${id} is also an ISCO group, skill or skill group`, 'conceptUri');
      const iscoGroup = nonEmpty(row, 'iscoGroup');
      if (!isco.iscoCodes.has(iscoGroup)) throw row.error(TaxonomyErrorCode.UnknownReference, `unknown ISCO group code ${iscoGroup}`, 'iscoGroup');
      occupationLine.set(id, row.line);
      occupations.set(id, {
        id,
        source: 'esco',
        code: nonEmpty(row, 'code'),
        iscoGroup,
        preferredLabel: nonEmpty(row, 'preferredLabel'),
        altLabels: splitLabels(row.get('altLabels')),
        description: row.get('description'),
        parentIds: [],
      });
    },
  );
  return occupations;
}

/** Occupations the relation files name but the occupations file lacks (a tolerated quirk), one warning per file and id. */
class UnknownOccupations {
  private readonly seen = new Map<string, { id: string; file: string; line: number; field: string; uses: number }>();

  note(id: string, file: string, line: number, field: string): void {
    const seen = this.seen.get(`${file} ${id}`);
    if (seen) seen.uses++;
    else this.seen.set(`${file} ${id}`, { id, file, line, field, uses: 1 });
  }

  warnings(occupationsFile: string): TaxonomyError[] {
    return [...this.seen.values()].map((u) => {
      const what = u.field === 'occupationUri' ? `its ${u.uses} skill relation(s) are kept without an Occupation` : `its ${u.uses} pillar relation(s) are dropped`;
      return new TaxonomyError(TaxonomyErrorCode.UnknownReference, `occupation ${u.id} is not in ${occupationsFile}; ${what}`, { file: u.file, line: u.line, field: u.field });
    });
  }
}

/** Step 8: the occupation pillar: occupation → broader occupation edges only (ISCO parents are `iscoGroup`). */
async function readOccupationBroader(r: EscoReader, occupations: Map<string, MutableOccupation>, iscoLine: Lines, unknown: UnknownOccupations): Promise<void> {
  const pillar: Pillar = { parentsOf: new Map(), edgeLine: new Map() };
  await readCsv(r.files.occupationBroader, { format: CSV, required: ['conceptUri', 'broaderUri'], onProgress: r.progress(r.files.occupationBroader) }, (row) => {
    const childId = nonEmpty(row, 'conceptUri');
    const parentId = nonEmpty(row, 'broaderUri');
    if (!occupations.has(parentId) && !iscoLine.has(parentId)) throw row.error(TaxonomyErrorCode.UnknownParent, `broader concept ${parentId} is neither an occupation nor an ISCO group`, 'broaderUri');
    addEdge(row, pillar, childId, parentId);
    const child = occupations.get(childId);
    if (child === undefined) {
      if (!iscoLine.has(childId)) unknown.note(childId, r.files.occupationBroader, row.line, 'conceptUri');
      return;
    }
    if (!occupations.has(parentId)) return;
    child.parentIds.push(parentId);
    addParent(pillar, childId, parentId);
  });
  checkAcyclic(pillar, r.files.occupationBroader, 'occupation broader relations');
}

/** Step 9: occupation → skill requirements, one per pair. */
async function readOccupationSkills(r: EscoReader, skillLine: Lines, occupations: Map<string, MutableOccupation>, iscoLine: Lines, unknown: UnknownOccupations): Promise<OccupationSkill[]> {
  const occupationSkills: OccupationSkill[] = [];
  const requirementSeen = new Map<string, Set<string>>();
  await readCsv(
    r.files.occupationSkills,
    { format: CSV, required: ['occupationUri', 'relationType', 'skillUri'], onProgress: r.progress(r.files.occupationSkills) },
    (row) => {
      const occupationId = nonEmpty(row, 'occupationUri');
      const skillId = nonEmpty(row, 'skillUri');
      const relationType = row.get('relationType');
      if (!skillLine.has(skillId)) throw row.error(TaxonomyErrorCode.UnknownReference, `unknown skill ${skillId}`, 'skillUri');
      if (!REQUIREMENT_KINDS.has(relationType)) throw row.error(TaxonomyErrorCode.InvalidValue, `unknown relationType "${relationType}"`, 'relationType');
      let seen = requirementSeen.get(occupationId);
      if (seen === undefined) {
        seen = new Set();
        requirementSeen.set(occupationId, seen);
        if (!occupations.has(occupationId) && iscoLine.has(occupationId)) {
          throw row.error(TaxonomyErrorCode.UnknownReference, `${occupationId} is an ISCO group, not an occupation`, 'occupationUri');
        }
      }
      if (seen.has(skillId)) throw row.error(TaxonomyErrorCode.DuplicateId, `duplicate requirement ${occupationId} → ${skillId}`, 'skillUri');
      seen.add(skillId);
      if (!occupations.has(occupationId)) unknown.note(occupationId, r.files.occupationSkills, row.line, 'occupationUri');
      occupationSkills.push({ occupationId, skillId, relationType: relationType as RequirementKind, importance: null, level: null });
    },
  );
  return occupationSkills;
}

/**
 * Loads the ESCO v1.1.x / v1.2 CSV export (English) from a folder into TaxonomyData, validating like
 * d3.stratify: a missing file or column, broken quoting, a duplicate id, an unknown parent or
 * reference, or a cycle among broader relations fails the whole load with one coded TaxonomyError
 * naming file, line (the record's starting line) and field. Nothing is returned on failure.
 *
 * Tolerated quirks of the published data (see docs/design-choices.md, "Taxonomy loaders"):
 * - skill groups named only in `skillsHierarchy_en.csv` (7 in v1.1.1) are created from its rows;
 * - occupations referenced by relation files but absent from `occupations_en.csv` (1 in v1.1.1, used
 *   by 67 occupation–skill relations and 1 pillar relation) are reported through `onWarning`: their
 *   skill relations are kept, their pillar relation is dropped, no Occupation is made for them.
 * ISCO groups are not occupations: an occupation keeps its ISCO code in `iscoGroup`, and `parentIds`
 * names broader occupations only.
 */
export async function loadEsco(dir: string, opts?: EscoLoadOptions): Promise<TaxonomyData> {
  const options = checkLoadOptions(opts, ['toolLabels']);
  const r = await escoReader(dir, options);
  const { skills: published, skillLine } = await readSkills(r);
  const skills = options.toolLabels === false ? published : withToolLabels(published);
  const groups = await readSkillGroups(r, skillLine);
  const isNode = (id: string): boolean => skillLine.has(id) || groups.has(id);
  const broader = await readSkillBroader(r, isNode);
  const skillRelations = await readSkillRelations(r, skillLine);
  const isco = await readIscoGroups(r);
  const occupations = await readOccupations(r, isco, isNode);
  const unknown = new UnknownOccupations();
  await readOccupationBroader(r, occupations, isco.iscoLine, unknown);
  const occupationSkills = await readOccupationSkills(r, skillLine, occupations, isco.iscoLine, unknown);
  for (const w of unknown.warnings(r.files.occupations)) options.onWarning?.(w);
  return {
    skills,
    groups: [...groups.values()],
    broader,
    skillRelations,
    occupations: [...occupations.values()],
    occupationSkills,
    crosswalk: [],
  };
}
