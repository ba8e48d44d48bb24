import { TaxonomyErrorCode } from '../model/errors.ts';
import type { BroaderEdge, Occupation, OccupationSkill, Skill, SkillGroup, TaxonomyData } from '../model/types.ts';
import { readCsv, TSV_UNQUOTED, type CsvRow } from './csv.ts';
import { findFile, listFolder, requireFile } from './find-file.ts';
import { checkLoadOptions, phaseProgress, type LoadOptions, type ProgressOf } from './load-options.ts';

export interface OnetLoadOptions extends LoadOptions {
  /** Make technology-skill commodities skills `onet:tech:<commodity code>` (examples as altLabels). Default true. */
  readonly technology?: boolean;
  /** Append the occupation's task statements to its description. Default false. */
  readonly tasks?: boolean;
}

/** Importance (IM, 1–5) at or above which a requirement is essential. */
export const ONET_ESSENTIAL_IMPORTANCE = 3.0;

/** Technology skills hang under the content-model element 5.F.1 "Technology Skills List". */
const TECH_ELEMENT = '5.F.1';
const TECH_PREFIX = 'onet:tech:';
const SOC_CODE = /^\d{2}-\d{4}\.\d{2}$/;
const NA = 'n/a';

/** `onet:<O*NET-SOC code>` */
export function onetOccupationId(code: string): string {
  return `onet:${code}`;
}

/** `onet:<Element ID>` for skills and knowledge; `onet:tech:<commodity code>` for technology skills. */
export function onetSkillId(elementId: string): string {
  return `onet:${elementId}`;
}

type RatingColumn = 'O*NET-SOC Code' | 'Element ID' | 'Element Name' | 'Scale ID' | 'Data Value' | 'Recommend Suppress' | 'Not Relevant';

interface Rating {
  importance: number | null;
  level: number | null;
  /** IM flagged Recommend Suppress: kept, but never essential. */
  importanceSuppressed: boolean;
  /** Lines of the IM and LV rows (0 = not seen), for duplicate detection. */
  imLine: number;
  lvLine: number;
}

function number<C extends string>(row: CsvRow<C>, column: C, min: number, max: number): number | null {
  const raw = row.get(column);
  if (raw === NA || raw === '') return null;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw row.error(TaxonomyErrorCode.InvalidValue, `${column} "${raw}" is not a number in [${min}, ${max}]`, column);
  return value;
}

function flag<C extends string>(row: CsvRow<C>, column: C): boolean {
  const raw = row.get(column);
  if (raw === 'Y') return true;
  if (raw === 'N' || raw === NA || raw === '') return false;
  throw row.error(TaxonomyErrorCode.InvalidValue, `${column} "${raw}" is not Y, N or n/a`, column);
}

/** The release's files: the three required, the optional ones undefined when absent or not wanted. */
interface OnetFiles {
  readonly occupations: string;
  readonly skills: string;
  readonly knowledge: string;
  readonly contentModel: string | undefined;
  readonly technology: string | undefined;
  readonly titles: string | undefined;
  readonly tasks: string | undefined;
}

/** Step 1: the files, snake_case or the publisher's names; MISSING_FILE for a required one. */
async function onetFiles(dir: string, technology: boolean, tasks: boolean): Promise<OnetFiles> {
  const names = await listFolder(dir);
  const file = (snake: string, publisher: string) => findFile(dir, names, [snake, publisher]);
  return {
    occupations: requireFile(dir, names, ['occupation_data.txt', 'Occupation Data.txt']),
    skills: requireFile(dir, names, ['skills.txt', 'Skills.txt']),
    knowledge: requireFile(dir, names, ['knowledge.txt', 'Knowledge.txt']),
    contentModel: file('content_model_reference.txt', 'Content Model Reference.txt'),
    technology: technology ? file('technology_skills.txt', 'Technology Skills.txt') : undefined,
    titles: file('alternate_titles.txt', 'Alternate Titles.txt'),
    tasks: tasks ? file('task_statements.txt', 'Task Statements.txt') : undefined,
  };
}

type Elements = Map<string, { name: string; description: string }>;

/** Step 2: the content model, element id → name and description (empty without the file). */
async function readContentModel(file: string | undefined, progress: ProgressOf): Promise<Elements> {
  const elements: Elements = new Map();
  if (!file) return elements;
  await readCsv(file, { format: TSV_UNQUOTED, required: ['Element ID', 'Element Name'], optional: ['Description'], onProgress: progress(file) }, (row) => {
    const id = row.get('Element ID');
    if (id === '') throw row.error(TaxonomyErrorCode.InvalidValue, 'empty Element ID', 'Element ID');
    if (elements.has(id)) throw row.error(TaxonomyErrorCode.DuplicateId, `duplicate element ${id}`, 'Element ID');
    elements.set(id, { name: row.get('Element Name'), description: row.get('Description') });
  });
  return elements;
}

/** An occupation while it is read: alternate titles and tasks are added by later files. */
interface Draft {
  id: string;
  code: string;
  title: string;
  description: string;
  altLabels: string[];
  tasks: string[];
}

/** Step 3: occupations by O*NET-SOC code, unique, with a title. */
async function readOccupations(file: string, progress: ProgressOf): Promise<Map<string, Draft>> {
  const drafts = new Map<string, Draft>();
  const occupationLine = new Map<string, number>();
  await readCsv(file, { format: TSV_UNQUOTED, required: ['O*NET-SOC Code', 'Title', 'Description'], onProgress: progress(file) }, (row) => {
    const code = row.get('O*NET-SOC Code');
    if (!SOC_CODE.test(code)) throw row.error(TaxonomyErrorCode.InvalidValue, `"${code}" is not an O*NET-SOC code (NN-NNNN.NN)`, 'O*NET-SOC Code');
    const first = occupationLine.get(code);
    if (first !== undefined) throw row.error(TaxonomyErrorCode.DuplicateId, `duplicate occupation ${code} (first on line ${first})`, 'O*NET-SOC Code');
    const title = row.get('Title');
    if (title.trim() === '') throw row.error(TaxonomyErrorCode.InvalidValue, 'empty Title', 'Title');
    occupationLine.set(code, row.line);
    drafts.set(code, { id: onetOccupationId(code), code, title, description: row.get('Description'), altLabels: [], tasks: [] });
  });
  return drafts;
}

/** The occupation a row names, or UNKNOWN_REFERENCE. */
function occupationOf<C extends string>(drafts: ReadonlyMap<string, Draft>, row: CsvRow<C>, column: C): Draft {
  const code = row.get(column);
  const draft = drafts.get(code);
  if (draft === undefined) throw row.error(TaxonomyErrorCode.UnknownReference, `unknown O*NET-SOC code "${code}"`, column);
  return draft;
}

/** Step 4: alternate and short titles as the occupations' altLabels, then task statements when wanted. */
async function readTitlesAndTasks(files: OnetFiles, drafts: ReadonlyMap<string, Draft>, progress: ProgressOf): Promise<void> {
  if (files.titles) {
    await readCsv(
      files.titles,
      { format: TSV_UNQUOTED, required: ['O*NET-SOC Code', 'Alternate Title'], optional: ['Short Title'], onProgress: progress(files.titles) },
      (row) => {
        const draft = occupationOf(drafts, row, 'O*NET-SOC Code');
        for (const title of [row.get('Alternate Title'), row.get('Short Title')]) {
          if (title !== '' && title !== NA && title !== draft.title && !draft.altLabels.includes(title)) draft.altLabels.push(title);
        }
      },
    );
  }
  if (files.tasks) {
    await readCsv(files.tasks, { format: TSV_UNQUOTED, required: ['O*NET-SOC Code', 'Task'], onProgress: progress(files.tasks) }, (row) => {
      const task = row.get('Task');
      if (task !== '') occupationOf(drafts, row, 'O*NET-SOC Code').tasks.push(task);
    });
  }
}

/** The skills read so far (elements and commodities), the file each element came from, and the ratings. */
interface SkillsRead {
  readonly skills: Map<string, Skill>;
  readonly elementSource: Map<string, string>;
  /** Occupation code → element id → rating. */
  readonly ratings: Map<string, Map<string, Rating>>;
}

/** Step 5 (skills.txt, then knowledge.txt): elements become skills; IM and LV rows are pivoted into one rating. */
async function readRatings(path: string, skillType: 'skill/competence' | 'knowledge', elements: Elements, drafts: ReadonlyMap<string, Draft>, read: SkillsRead, progress: ProgressOf): Promise<void> {
  const { skills, elementSource, ratings } = read;
  await readCsv<RatingColumn>(
    path,
    {
      format: TSV_UNQUOTED,
      required: ['O*NET-SOC Code', 'Element ID', 'Element Name', 'Scale ID', 'Data Value', 'Recommend Suppress', 'Not Relevant'],
      onProgress: progress(path),
    },
    (row) => {
      const draft = occupationOf(drafts, row, 'O*NET-SOC Code');
      const elementId = row.get('Element ID');
      if (elementId === '') throw row.error(TaxonomyErrorCode.InvalidValue, 'empty Element ID', 'Element ID');
      const name = row.get('Element Name');
      const id = onetSkillId(elementId);
      const known = skills.get(id);
      if (known === undefined) {
        if (name.trim() === '') throw row.error(TaxonomyErrorCode.InvalidValue, 'empty Element Name', 'Element Name');
        skills.set(id, { id, source: 'onet', preferredLabel: name, altLabels: [], hiddenLabels: [], description: elements.get(elementId)?.description ?? '', skillType, reuseLevel: '' });
        elementSource.set(id, path);
      } else if (elementSource.get(id) !== path) {
        throw row.error(TaxonomyErrorCode.DuplicateId, `element ${elementId} is also in ${elementSource.get(id)}`, 'Element ID');
      } else if (known.preferredLabel !== name) {
        throw row.error(TaxonomyErrorCode.InvalidValue, `element ${elementId} is named "${name}" here but "${known.preferredLabel}" before`, 'Element Name');
      }
      const scale = row.get('Scale ID');
      if (scale !== 'IM' && scale !== 'LV') return; // other scales carry no requirement weight
      let byElement = ratings.get(draft.code);
      if (byElement === undefined) ratings.set(draft.code, (byElement = new Map()));
      let rating = byElement.get(elementId);
      if (rating === undefined) byElement.set(elementId, (rating = { importance: null, level: null, importanceSuppressed: false, imLine: 0, lvLine: 0 }));
      rate(row, rating, scale, elementId, draft.code);
    },
  );
}

/** One IM or LV row into its rating: importance (suppressed or not), or level (null when not relevant or suppressed). */
function rate(row: CsvRow<RatingColumn>, rating: Rating, scale: 'IM' | 'LV', elementId: string, code: string): void {
  const first = scale === 'IM' ? rating.imLine : rating.lvLine;
  if (first !== 0) throw row.error(TaxonomyErrorCode.DuplicateId, `duplicate ${scale} rating of ${elementId} for ${code} (first on line ${first})`, 'Scale ID');
  if (scale === 'IM') rating.imLine = row.line;
  else rating.lvLine = row.line;
  const suppressed = flag(row, 'Recommend Suppress');
  if (scale === 'IM') {
    rating.importance = number(row, 'Data Value', 1, 5);
    rating.importanceSuppressed = suppressed;
  } else {
    const level = number(row, 'Data Value', 0, 7);
    rating.level = flag(row, 'Not Relevant') || suppressed ? null : level;
  }
}

/** Step 6: one requirement per rated (occupation, element), essential when IM ≥ 3.0 and not suppressed. */
function requirementsOf(ratings: SkillsRead['ratings']): OccupationSkill[] {
  const occupationSkills: OccupationSkill[] = [];
  for (const [code, byElement] of ratings) {
    for (const [elementId, r] of byElement) {
      const essential = r.importance !== null && r.importance >= ONET_ESSENTIAL_IMPORTANCE && !r.importanceSuppressed;
      occupationSkills.push({
        occupationId: onetOccupationId(code),
        skillId: onetSkillId(elementId),
        relationType: essential ? 'essential' : 'optional',
        importance: r.importance,
        level: r.level,
      });
    }
  }
  return occupationSkills;
}

/**
 * Step 7: technology skills, one per commodity with the examples as alternative labels (returned by
 * skill id), and one optional requirement per (occupation, commodity) appended to `occupationSkills`.
 */
async function readTechnology(file: string | undefined, drafts: ReadonlyMap<string, Draft>, skills: Map<string, Skill>, occupationSkills: OccupationSkill[], progress: ProgressOf): Promise<Map<string, Set<string>>> {
  const techExamples = new Map<string, Set<string>>();
  if (!file) return techExamples;
  const pairs = new Set<string>();
  await readCsv(file, { format: TSV_UNQUOTED, required: ['O*NET-SOC Code', 'Example', 'Commodity Code', 'Commodity Title'], onProgress: progress(file) }, (row) => {
    const draft = occupationOf(drafts, row, 'O*NET-SOC Code');
    const commodity = row.get('Commodity Code');
    if (!/^\d{8}$/.test(commodity)) throw row.error(TaxonomyErrorCode.InvalidValue, `"${commodity}" is not a UNSPSC commodity code`, 'Commodity Code');
    const id = onetSkillId(`tech:${commodity}`);
    const title = row.get('Commodity Title');
    const known = skills.get(id);
    if (known === undefined) {
      if (title.trim() === '') throw row.error(TaxonomyErrorCode.InvalidValue, 'empty Commodity Title', 'Commodity Title');
      skills.set(id, { id, source: 'onet', preferredLabel: title, altLabels: [], hiddenLabels: [], description: '', skillType: 'knowledge', reuseLevel: '' });
      techExamples.set(id, new Set());
    } else if (known.preferredLabel !== title) {
      throw row.error(TaxonomyErrorCode.InvalidValue, `commodity ${commodity} is titled "${title}" here but "${known.preferredLabel}" before`, 'Commodity Title');
    }
    const example = row.get('Example');
    if (example !== '' && example !== title) techExamples.get(id)?.add(example);
    const pair = `${draft.code} ${id}`;
    if (pairs.has(pair)) return;
    pairs.add(pair);
    occupationSkills.push({ occupationId: draft.id, skillId: id, relationType: 'optional', importance: null, level: null });
  });
  return techExamples;
}

/** Step 8: content-model ancestors as groups; each skill's nearest loaded ancestor as its parent. */
function contentModelGroups(elements: Elements, skills: ReadonlyMap<string, Skill>): { groups: SkillGroup[]; broader: BroaderEdge[] } {
  const groups = new Map<string, SkillGroup>();
  const broader: BroaderEdge[] = [];
  const linkUp = (childId: string, elementId: string): void => {
    for (let parent = elementId.slice(0, Math.max(0, elementId.lastIndexOf('.'))); parent !== ''; parent = parent.slice(0, Math.max(0, parent.lastIndexOf('.')))) {
      const element = elements.get(parent);
      if (element === undefined) continue;
      const parentId = onetSkillId(parent);
      broader.push({ childId, parentId });
      if (groups.has(parentId) || skills.has(parentId)) return;
      groups.set(parentId, { id: parentId, source: 'onet', code: parent, preferredLabel: element.name, description: element.description });
      linkUp(parentId, parent);
      return;
    }
  };
  if (elements.size > 0) {
    for (const id of skills.keys()) {
      const tech = id.startsWith(TECH_PREFIX);
      linkUp(id, tech ? `${TECH_ELEMENT}.${id.slice(TECH_PREFIX.length)}` : id.slice('onet:'.length));
    }
  }
  return { groups: [...groups.values()], broader };
}

/** Step 9: the occupations, tasks appended to the description, a specific occupation under its `.00` one. */
function finishOccupations(drafts: ReadonlyMap<string, Draft>): Occupation[] {
  const occupations: Occupation[] = [];
  for (const d of drafts.values()) {
    const base = d.code.endsWith('.00') ? undefined : `${d.code.slice(0, -3)}.00`;
    occupations.push({
      id: d.id,
      source: 'onet',
      code: d.code,
      iscoGroup: '',
      preferredLabel: d.title,
      altLabels: d.altLabels,
      description: d.tasks.length > 0 ? `${d.description}\n\nTasks:\n${d.tasks.map((t) => `- ${t}`).join('\n')}` : d.description,
      parentIds: base !== undefined && drafts.has(base) ? [onetOccupationId(base)] : [],
    });
  }
  return occupations;
}

/**
 * Loads the O*NET text release (tab-separated, no quoting; tested on 29.2) from a folder. File names
 * may be snake_case (`occupation_data.txt`) or the publisher's (`Occupation Data.txt`).
 *
 * - `occupation_data.txt` (required) → Occupation `onet:<code>`; `code` is the O*NET-SOC code; an
 *   O*NET-specific occupation (`.01`…) has its SOC-level `.00` occupation as parent when loaded.
 * - `skills.txt`, `knowledge.txt` (required) → Skill `onet:<Element ID>` (skillType 'skill/competence' /
 *   'knowledge') and one OccupationSkill per rated (occupation, element) with IM and LV pivoted:
 *   Not Relevant=Y or Recommend Suppress=Y on LV → level null; `n/a` → null;
 *   essential when IM ≥ 3.0 unless the IM value is flagged Recommend Suppress (then optional).
 * - `content_model_reference.txt` (optional) → element descriptions, and the content-model ancestors
 *   (`2.A.1` Content, `2.A` Basic Skills, …) as SkillGroups with broader edges.
 * - `technology_skills.txt` (optional, `technology`) → one Skill per UNSPSC commodity
 *   (`onet:tech:<code>`, the examples as altLabels) and optional requirements without weights.
 * - `alternate_titles.txt` (optional) → occupation altLabels (alternate and short titles).
 * - `task_statements.txt` (optional, `tasks`) → appended to the description.
 * Errors as for ESCO: one coded TaxonomyError with file, line and field; nothing returned.
 */
export async function loadOnet(dir: string, opts?: OnetLoadOptions): Promise<TaxonomyData> {
  const options = checkLoadOptions(opts, ['technology', 'tasks']);
  const progress = phaseProgress(options);
  const files = await onetFiles(dir, options.technology ?? true, options.tasks ?? false);
  const elements = await readContentModel(files.contentModel, progress);
  const drafts = await readOccupations(files.occupations, progress);
  await readTitlesAndTasks(files, drafts, progress);
  const read: SkillsRead = { skills: new Map(), elementSource: new Map(), ratings: new Map() };
  await readRatings(files.skills, 'skill/competence', elements, drafts, read, progress);
  await readRatings(files.knowledge, 'knowledge', elements, drafts, read, progress);
  const occupationSkills = requirementsOf(read.ratings);
  const techExamples = await readTechnology(files.technology, drafts, read.skills, occupationSkills, progress);
  const { groups, broader } = contentModelGroups(elements, read.skills);
  const skills = [...read.skills.values()].map((s) => {
    const examples = techExamples.get(s.id);
    return examples ? { ...s, altLabels: [...examples] } : s;
  });
  return { skills, groups, broader, skillRelations: [], occupations: finishOccupations(drafts), occupationSkills, crosswalk: [] };
}
