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
import { checkLoadOptions, type LoadOptions } from './load-options.ts';

export type EscoLoadOptions = LoadOptions;

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
  const options = checkLoadOptions(opts);
  const names = await listFolder(dir);
  const path = (stem: string): string => requireFile(dir, names, [`${stem}_en.csv`, `${stem}.csv`]);
  const files = {
    skills: path(STEMS.skills),
    groups: path(STEMS.groups),
    hierarchy: path(STEMS.hierarchy),
    skillBroader: path(STEMS.skillBroader),
    skillRelations: path(STEMS.skillRelations),
    isco: path(STEMS.isco),
    occupations: path(STEMS.occupations),
    occupationBroader: path(STEMS.occupationBroader),
    occupationSkills: path(STEMS.occupationSkills),
  };
  const progress = (file: string) => {
    const phase = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
    const onProgress = options.onProgress;
    return onProgress ? (done: number, total: number) => onProgress(phase, done, total) : undefined;
  };
  const warnings: TaxonomyError[] = [];

  // Skills.
  const skills: Skill[] = [];
  const skillLine = new Map<string, number>();
  await readCsv(
    files.skills,
    {
      format: CSV,
      required: ['conceptUri', 'preferredLabel', 'altLabels', 'description', 'skillType', 'reuseLevel'],
      optional: ['hiddenLabels'],
      onProgress: progress(files.skills),
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

  // Skill groups, then the groups only the hierarchy file names.
  const groups = new Map<string, SkillGroup>();
  const groupLine = new Map<string, number>();
  await readCsv(
    files.groups,
    { format: CSV, required: ['conceptUri', 'preferredLabel'], optional: ['code', 'description'], onProgress: progress(files.groups) },
    (row) => {
      const id = nonEmpty(row, 'conceptUri');
      const first = groupLine.get(id);
      if (first !== undefined) throw row.error(TaxonomyErrorCode.DuplicateId, `duplicate skill group ${id} (first on line ${first})`, 'conceptUri');
      if (skillLine.has(id)) throw row.error(TaxonomyErrorCode.DuplicateId, `skill group ${id} is also a skill (${files.skills} line ${skillLine.get(id)})`, 'conceptUri');
      groupLine.set(id, row.line);
      groups.set(id, { id, source: 'esco', code: row.get('code') || iscedCode(id), preferredLabel: nonEmpty(row, 'preferredLabel'), description: row.get('description') });
    },
  );
  const levels = [0, 1, 2, 3] as const;
  type HierarchyColumn = `Level ${0 | 1 | 2 | 3} ${'URI' | 'preferred term' | 'code'}` | 'Description';
  await readCsv<HierarchyColumn>(
    files.hierarchy,
    {
      format: RAGGED,
      required: levels.flatMap((l) => [`Level ${l} URI`, `Level ${l} preferred term`] as const),
      optional: [...levels.map((l) => `Level ${l} code` as const), 'Description'],
      onProgress: progress(files.hierarchy),
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
        groupLine.set(id, row.line);
      }
    },
  );

  // Broader relations of the skill pillar (a DAG over skills and groups).
  const isNode = (id: string): boolean => skillLine.has(id) || groups.has(id);
  const broader: BroaderEdge[] = [];
  const parentsOf = new Map<string, string[]>();
  const edgeLine = new Map<string, number>();
  await readCsv(
    files.skillBroader,
    { format: CSV, required: ['conceptUri', 'broaderUri'], onProgress: progress(files.skillBroader) },
    (row) => {
      const childId = nonEmpty(row, 'conceptUri');
      const parentId = nonEmpty(row, 'broaderUri');
      if (!isNode(childId)) throw row.error(TaxonomyErrorCode.UnknownReference, `unknown skill or group ${childId}`, 'conceptUri');
      if (!isNode(parentId)) throw row.error(TaxonomyErrorCode.UnknownParent, `broader concept ${parentId} is neither a skill nor a skill group`, 'broaderUri');
      if (childId === parentId) throw row.error(TaxonomyErrorCode.Cycle, `${childId} is broader than itself`, 'broaderUri');
      const key = `${childId} ${parentId}`;
      const first = edgeLine.get(key);
      if (first !== undefined) throw row.error(TaxonomyErrorCode.DuplicateId, `duplicate broader relation ${childId} → ${parentId} (first on line ${first})`, 'broaderUri');
      edgeLine.set(key, row.line);
      broader.push({ childId, parentId });
      const list = parentsOf.get(childId);
      if (list) list.push(parentId);
      else parentsOf.set(childId, [parentId]);
    },
  );
  options.onProgress?.('validate', 0, 1);
  const cycle = findCycle(parentsOf);
  if (cycle) {
    const [a, b] = cycle as [string, string];
    throw new TaxonomyError(TaxonomyErrorCode.Cycle, `cycle in broader relations: ${cycle.join(' → ')}`, {
      file: files.skillBroader,
      line: edgeLine.get(`${a} ${b}`) as number,
      field: 'broaderUri',
    });
  }
  options.onProgress?.('validate', 1, 1);

  // Skill–skill relations (types come from skills_en.csv; the type columns here are unreliable).
  const skillRelations: SkillRelation[] = [];
  const relationLine = new Map<string, number>();
  await readCsv(
    files.skillRelations,
    { format: CSV, required: ['originalSkillUri', 'relationType', 'relatedSkillUri'], onProgress: progress(files.skillRelations) },
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

  // ISCO groups: known parents of the occupation pillar; not occupations themselves.
  const iscoLine = new Map<string, number>();
  const iscoCodes = new Set<string>();
  await readCsv(files.isco, { format: CSV, required: ['conceptUri', 'code'], onProgress: progress(files.isco) }, (row) => {
    const id = nonEmpty(row, 'conceptUri');
    const first = iscoLine.get(id);
    if (first !== undefined) throw row.error(TaxonomyErrorCode.DuplicateId, `duplicate ISCO group ${id} (first on line ${first})`, 'conceptUri');
    iscoLine.set(id, row.line);
    iscoCodes.add(nonEmpty(row, 'code'));
  });

  // Occupations.
  const occupations = new Map<string, MutableOccupation>();
  const occupationLine = new Map<string, number>();
  await readCsv(
    files.occupations,
    {
      format: CSV,
      required: ['conceptUri', 'code', 'iscoGroup', 'preferredLabel', 'altLabels', 'description'],
      onProgress: progress(files.occupations),
    },
    (row) => {
      const id = nonEmpty(row, 'conceptUri');
      const first = occupationLine.get(id);
      if (first !== undefined) throw row.error(TaxonomyErrorCode.DuplicateId, `duplicate occupation ${id} (first on line ${first})`, 'conceptUri');
      if (iscoLine.has(id) || isNode(id)) throw row.error(TaxonomyErrorCode.DuplicateId, `occupation ${id} is also an ISCO group, skill or skill group`, 'conceptUri');
      const iscoGroup = nonEmpty(row, 'iscoGroup');
      if (!iscoCodes.has(iscoGroup)) throw row.error(TaxonomyErrorCode.UnknownReference, `unknown ISCO group code ${iscoGroup}`, 'iscoGroup');
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

  // Occupation pillar: occupation → broader occupation edges only (ISCO parents are `iscoGroup`).
  const unknownOccupations = new Map<string, { file: string; line: number; field: string; uses: number }>();
  const noteUnknown = (id: string, file: string, line: number, field: string): void => {
    const seen = unknownOccupations.get(`${file} ${id}`);
    if (seen) seen.uses++;
    else unknownOccupations.set(`${file} ${id}`, { file, line, field, uses: 1 });
  };
  const occupationParents = new Map<string, string[]>();
  const occupationEdgeLine = new Map<string, number>();
  await readCsv(
    files.occupationBroader,
    { format: CSV, required: ['conceptUri', 'broaderUri'], onProgress: progress(files.occupationBroader) },
    (row) => {
      const childId = nonEmpty(row, 'conceptUri');
      const parentId = nonEmpty(row, 'broaderUri');
      if (!occupations.has(parentId) && !iscoLine.has(parentId)) throw row.error(TaxonomyErrorCode.UnknownParent, `broader concept ${parentId} is neither an occupation nor an ISCO group`, 'broaderUri');
      if (childId === parentId) throw row.error(TaxonomyErrorCode.Cycle, `${childId} is broader than itself`, 'broaderUri');
      const key = `${childId} ${parentId}`;
      const first = occupationEdgeLine.get(key);
      if (first !== undefined) throw row.error(TaxonomyErrorCode.DuplicateId, `duplicate broader relation ${childId} → ${parentId} (first on line ${first})`, 'broaderUri');
      occupationEdgeLine.set(key, row.line);
      const child = occupations.get(childId);
      if (child === undefined) {
        if (iscoLine.has(childId)) return;
        noteUnknown(childId, files.occupationBroader, row.line, 'conceptUri');
        return;
      }
      if (!occupations.has(parentId)) return;
      child.parentIds.push(parentId);
      const list = occupationParents.get(childId);
      if (list) list.push(parentId);
      else occupationParents.set(childId, [parentId]);
    },
  );
  const occupationCycle = findCycle(occupationParents);
  if (occupationCycle) {
    const [a, b] = occupationCycle as [string, string];
    throw new TaxonomyError(TaxonomyErrorCode.Cycle, `cycle in occupation broader relations: ${occupationCycle.join(' → ')}`, {
      file: files.occupationBroader,
      line: occupationEdgeLine.get(`${a} ${b}`) as number,
      field: 'broaderUri',
    });
  }

  // Occupation → skill requirements.
  const occupationSkills: OccupationSkill[] = [];
  const requirementSeen = new Map<string, Set<string>>();
  await readCsv(
    files.occupationSkills,
    { format: CSV, required: ['occupationUri', 'relationType', 'skillUri'], onProgress: progress(files.occupationSkills) },
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
        if (!occupations.has(occupationId)) {
          if (iscoLine.has(occupationId)) throw row.error(TaxonomyErrorCode.UnknownReference, `${occupationId} is an ISCO group, not an occupation`, 'occupationUri');
        }
      }
      if (seen.has(skillId)) throw row.error(TaxonomyErrorCode.DuplicateId, `duplicate requirement ${occupationId} → ${skillId}`, 'skillUri');
      seen.add(skillId);
      if (!occupations.has(occupationId)) noteUnknown(occupationId, files.occupationSkills, row.line, 'occupationUri');
      occupationSkills.push({ occupationId, skillId, relationType: relationType as RequirementKind, importance: null, level: null });
    },
  );

  for (const [key, u] of unknownOccupations) {
    const id = key.slice(u.file.length + 1);
    const what = u.field === 'occupationUri' ? `its ${u.uses} skill relation(s) are kept without an Occupation` : `its ${u.uses} pillar relation(s) are dropped`;
    warnings.push(new TaxonomyError(TaxonomyErrorCode.UnknownReference, `occupation ${id} is not in ${files.occupations}; ${what}`, { file: u.file, line: u.line, field: u.field }));
  }
  for (const w of warnings) options.onWarning?.(w);

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
