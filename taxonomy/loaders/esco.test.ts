import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';
import { SkillGraph } from '../model/skill-graph.ts';
import type { TaxonomyData } from '../model/types.ts';
import { toolLabels } from './tool-labels.ts';
import { loadEsco } from './esco.ts';
import { sharedPath } from './shared-path.ts';
import { taxonomyFailure } from '../testing/failure.ts';

const X = 'http://x/';
type Rows = string[][];

/** A complete, tiny ESCO export: 3 skills, 2 listed groups (+1 only in the hierarchy file), 2 occupations. */
function fixture(): Record<string, Rows> {
  return {
    'skills_en.csv': [
      ['conceptType', 'conceptUri', 'skillType', 'reuseLevel', 'preferredLabel', 'altLabels', 'hiddenLabels', 'status', 'description'],
      ['KnowledgeSkillCompetence', `${X}a`, 'skill/competence', 'cross-sector', 'handle knives ', 'cut with knives\nuse knives', '', 'released', 'Handle knives, safely.'],
      ['KnowledgeSkillCompetence', `${X}b`, 'skill/competence', 'sector-specific', 'sharpen knives', '', 'hone blades', 'released', ''],
      ['KnowledgeSkillCompetence', `${X}c`, 'knowledge', '', 'metallurgy', '', '', 'released', 'Metals.'],
    ],
    'skillGroups_en.csv': [
      ['conceptType', 'conceptUri', 'preferredLabel', 'status', 'description', 'code'],
      ['SkillGroup', `${X}G0`, 'skills', 'released', '', 'S'],
      ['SkillGroup', `${X}G1`, 'working with tools', 'released', 'Tools.', 'S1'],
    ],
    'skillsHierarchy_en.csv': [
      ['Level 0 URI', 'Level 0 preferred term', 'Level 1 URI', 'Level 1 preferred term', 'Level 2 URI', 'Level 2 preferred term', 'Level 3 URI', 'Level 3 preferred term', 'Description', 'Scope note', 'Level 0 code', 'Level 1 code', 'Level 2 code', 'Level 3 code'],
      [`${X}G0`, 'skills', '', '', '', '', '', '', '', '', 'S'],
      [`${X}G0`, 'skills', `${X}G1`, 'working with tools', '', '', '', '', 'Tools.', '', 'S', 'S1'],
      [`${X}G0`, 'skills', `${X}G1`, 'working with tools', `${X}G2`, 'cutting', '', '', 'Cutting things.', '', 'S', 'S1', 'S1.1'],
    ],
    'broaderRelationsSkillPillar.csv': [
      ['conceptType', 'conceptUri', 'broaderType', 'broaderUri'],
      ['SkillGroup', `${X}G1`, 'SkillGroup', `${X}G0`],
      ['SkillGroup', `${X}G2`, 'SkillGroup', `${X}G1`],
      ['KnowledgeSkillCompetence', `${X}a`, 'SkillGroup', `${X}G1`],
      ['KnowledgeSkillCompetence', `${X}b`, 'KnowledgeSkillCompetence', `${X}a`],
      ['KnowledgeSkillCompetence', `${X}b`, 'SkillGroup', `${X}G2`],
      ['KnowledgeSkillCompetence', `${X}c`, 'SkillGroup', `${X}G1`],
    ],
    'skillSkillRelations.csv': [
      ['originalSkillUri', 'originalSkillType', 'relationType', 'relatedSkillType', 'relatedSkillUri'],
      [`${X}a`, 'knowledge', 'optional', 'knowledge', `${X}c`],
    ],
    'ISCOGroups_en.csv': [
      ['conceptType', 'conceptUri', 'code', 'preferredLabel'],
      ['ISCOGroup', `${X}C2`, '2', 'Professionals'],
      ['ISCOGroup', `${X}C25`, '25', 'ICT professionals'],
    ],
    'occupations_en.csv': [
      ['conceptType', 'conceptUri', 'iscoGroup', 'preferredLabel', 'altLabels', 'description', 'code'],
      ['Occupation', `${X}o1`, '25', 'cutler', 'knife maker\nblade smith', 'Makes knives.', '2511.1'],
      ['Occupation', `${X}o2`, '25', 'sword smith', '', '', '2511.1.1'],
    ],
    'broaderRelationsOccPillar.csv': [
      ['conceptType', 'conceptUri', 'broaderType', 'broaderUri'],
      ['ISCOGroup', `${X}C25`, 'ISCOGroup', `${X}C2`],
      ['Occupation', `${X}o1`, 'ISCOGroup', `${X}C25`],
      ['Occupation', `${X}o2`, 'Occupation', `${X}o1`],
      ['Occupation', `${X}ghost`, 'Occupation', `${X}o1`],
    ],
    'occupationSkillRelations.csv': [
      ['occupationUri', 'relationType', 'skillType', 'skillUri'],
      [`${X}o1`, 'essential', 'skill/competence', `${X}a`],
      [`${X}o1`, 'optional', 'skill/competence', `${X}b`],
      [`${X}o2`, 'essential', 'knowledge', `${X}c`],
      [`${X}ghost`, 'optional', 'skill/competence', `${X}a`],
    ],
  };
}

function csvField(value: string): string {
  return /[",\n\r]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Writes rows as ESCO does: records end in CRLF, fields may hold LF. */
function toCsv(rows: Rows): string {
  return rows.map((r) => r.map(csvField).join(',') + '\r\n').join('');
}

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

async function writeFixture(files: Record<string, Rows | string>): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'esco-'));
  for (const [name, rows] of Object.entries(files)) await writeFile(join(dir, name), typeof rows === 'string' ? rows : toCsv(rows));
  return dir;
}

const failure = taxonomyFailure;

describe('loadEsco(dir) on a crafted export', () => {
  it('returns skills, groups (creating those only in the hierarchy file), edges, relations, occupations and requirements', async () => {
    const warnings: TaxonomyError[] = [];
    const data = await loadEsco(await writeFixture(fixture()), { onWarning: (w) => warnings.push(w) });
    expect(data.skills.map((s) => s.id)).toEqual([`${X}a`, `${X}b`, `${X}c`]);
    const a = data.skills[0];
    expect(a?.preferredLabel).toBe('handle knives ');
    expect(a?.altLabels).toEqual(['cut with knives', 'use knives']);
    expect(data.skills[1]?.hiddenLabels).toEqual(['hone blades']);
    expect(data.skills[2]?.skillType).toBe('knowledge');
    expect(data.groups.map((g) => [g.id, g.code, g.preferredLabel, g.description])).toEqual([
      [`${X}G0`, 'S', 'skills', ''],
      [`${X}G1`, 'S1', 'working with tools', 'Tools.'],
      [`${X}G2`, 'S1.1', 'cutting', 'Cutting things.'],
    ]);
    expect(data.broader).toHaveLength(6);
    expect(data.broader).toContainEqual({ childId: `${X}b`, parentId: `${X}a` });
    expect(data.skillRelations).toEqual([{ fromId: `${X}a`, toId: `${X}c`, relationType: 'optional' }]);
    expect(data.occupations.map((o) => [o.id, o.code, o.iscoGroup, o.parentIds])).toEqual([
      [`${X}o1`, '2511.1', '25', []],
      [`${X}o2`, '2511.1.1', '25', [`${X}o1`]],
    ]);
    expect(data.occupations[0]?.altLabels).toEqual(['knife maker', 'blade smith']);
    expect(data.occupationSkills).toHaveLength(4);
    expect(data.occupationSkills).toContainEqual({ occupationId: `${X}ghost`, skillId: `${X}a`, relationType: 'optional', importance: null, level: null });
    expect(warnings.map((w) => [w.code, w.location.field, w.location.line])).toEqual([
      [TaxonomyErrorCode.UnknownReference, 'conceptUri', 5],
      [TaxonomyErrorCode.UnknownReference, 'occupationUri', 5],
    ]);
  });

  it('accepts file names without the _en suffix', async () => {
    const files = fixture();
    const { 'skills_en.csv': skills, ...rest } = files;
    const data = await loadEsco(await writeFixture({ ...rest, 'skills.csv': skills as Rows }));
    expect(data.skills).toHaveLength(3);
  });

  it('reports progress per file, ending with done = total', async () => {
    const last = new Map<string, [number, number]>();
    await loadEsco(await writeFixture(fixture()), { onProgress: (phase, done, total) => last.set(phase, [done, total]) });
    expect([...last.keys()]).toContain('occupationSkillRelations.csv');
    for (const [, [done, total]] of last) expect(done).toBe(total);
  });

  it('fails with MISSING_FILE when a file is absent', async () => {
    const { 'occupations_en.csv': _, ...rest } = fixture();
    const err = await failure(loadEsco(await writeFixture(rest)));
    expect(err.code).toBe(TaxonomyErrorCode.MissingFile);
    expect(err.location.file).toMatch(/occupations_en\.csv$/);
  });

  it('fails with MISSING_COLUMN naming the file, line 1 and the column', async () => {
    const files = fixture();
    files['skills_en.csv'] = (files['skills_en.csv'] as Rows).map((r) => r.filter((_, i) => i !== 2));
    const err = await failure(loadEsco(await writeFixture(files)));
    expect(err.code).toBe(TaxonomyErrorCode.MissingColumn);
    expect(err.location).toEqual({ file: join(dir, 'skills_en.csv'), line: 1, field: 'skillType' });
  });

  it('fails with UNKNOWN_PARENT when a broader concept is neither a skill nor a group', async () => {
    const files = fixture();
    (files['broaderRelationsSkillPillar.csv'] as Rows).push(['KnowledgeSkillCompetence', `${X}c`, 'SkillGroup', `${X}nowhere`]);
    const err = await failure(loadEsco(await writeFixture(files)));
    expect(err.code).toBe(TaxonomyErrorCode.UnknownParent);
    expect(err.location).toEqual({ file: join(dir, 'broaderRelationsSkillPillar.csv'), line: 8, field: 'broaderUri' });
  });

  it('fails with DUPLICATE_ID at the starting line of the repeated record (records span lines)', async () => {
    const files = fixture();
    (files['skills_en.csv'] as Rows).push(['KnowledgeSkillCompetence', `${X}b`, 'skill/competence', '', 'again', '', '', 'released', '']);
    const err = await failure(loadEsco(await writeFixture(files)));
    expect(err.code).toBe(TaxonomyErrorCode.DuplicateId);
    // header 1, a 2–3 (altLabels hold a line feed), b 4, c 5, duplicate b 6 (record 5)
    expect(err.location).toEqual({ file: join(dir, 'skills_en.csv'), line: 6, field: 'conceptUri' });
  });

  it('fails with DUPLICATE_ID when a group reuses a skill id', async () => {
    const files = fixture();
    (files['skillGroups_en.csv'] as Rows).push(['SkillGroup', `${X}a`, 'clash', 'released', '', 'S9']);
    const err = await failure(loadEsco(await writeFixture(files)));
    expect(err.code).toBe(TaxonomyErrorCode.DuplicateId);
    expect(err.location.line).toBe(4);
  });

  it('fails with CYCLE when broader relations loop, naming an edge of the loop', async () => {
    const files = fixture();
    (files['broaderRelationsSkillPillar.csv'] as Rows).push(['SkillGroup', `${X}G0`, 'KnowledgeSkillCompetence', `${X}b`]);
    const err = await failure(loadEsco(await writeFixture(files)));
    expect(err.code).toBe(TaxonomyErrorCode.Cycle);
    expect(err.location.file).toBe(join(dir, 'broaderRelationsSkillPillar.csv'));
    expect(err.location.field).toBe('broaderUri');
    expect([2, 3, 4, 5, 6, 8]).toContain(err.location.line);
  });

  it('fails with CYCLE on a self-loop', async () => {
    const files = fixture();
    (files['broaderRelationsSkillPillar.csv'] as Rows).push(['KnowledgeSkillCompetence', `${X}c`, 'KnowledgeSkillCompetence', `${X}c`]);
    const err = await failure(loadEsco(await writeFixture(files)));
    expect(err.code).toBe(TaxonomyErrorCode.Cycle);
    expect(err.location.line).toBe(8);
  });

  it('fails with BROKEN_QUOTING at the starting line of the malformed record', async () => {
    const files: Record<string, Rows | string> = fixture();
    const good = toCsv(files['skills_en.csv'] as Rows);
    files['skills_en.csv'] = `${good}KnowledgeSkillCompetence,${X}d,knowledge,,"unclosed label,,,released,\r\nKnowledgeSkillCompetence,${X}e,knowledge,,ok,,,released,\r\n`;
    const err = await failure(loadEsco(await writeFixture(files)));
    expect(err.code).toBe(TaxonomyErrorCode.BrokenQuoting);
    expect(err.location.file).toBe(join(dir, 'skills_en.csv'));
    expect(err.location.line).toBe(6);
  });

  it('fails with BROKEN_QUOTING and the field for a stray quote inside an unquoted field', async () => {
    const files: Record<string, Rows | string> = fixture();
    files['occupationSkillRelations.csv'] = `occupationUri,relationType,skillType,skillUri\r\n${X}o1,essential,skill/competence,${X}a\r\n${X}o1,ess"ential,skill/competence,${X}b\r\n`;
    const err = await failure(loadEsco(await writeFixture(files)));
    expect(err.code).toBe(TaxonomyErrorCode.BrokenQuoting);
    expect(err.location).toEqual({ file: join(dir, 'occupationSkillRelations.csv'), line: 3, field: 'relationType' });
  });

  it('fails with UNKNOWN_REFERENCE when a requirement names an unknown skill', async () => {
    const files = fixture();
    (files['occupationSkillRelations.csv'] as Rows).push([`${X}o2`, 'optional', 'knowledge', `${X}zzz`]);
    const err = await failure(loadEsco(await writeFixture(files)));
    expect(err.code).toBe(TaxonomyErrorCode.UnknownReference);
    expect(err.location).toEqual({ file: join(dir, 'occupationSkillRelations.csv'), line: 6, field: 'skillUri' });
  });

  it('fails with UNKNOWN_PARENT when an occupation names an unknown broader occupation', async () => {
    const files = fixture();
    (files['broaderRelationsOccPillar.csv'] as Rows).push(['Occupation', `${X}o2`, 'Occupation', `${X}nobody`]);
    const err = await failure(loadEsco(await writeFixture(files)));
    expect(err.code).toBe(TaxonomyErrorCode.UnknownParent);
    expect(err.location.line).toBe(6);
  });

  it('fails with INVALID_VALUE on an unknown relation type', async () => {
    const files = fixture();
    (files['skillSkillRelations.csv'] as Rows).push([`${X}b`, '', 'needed', '', `${X}c`]);
    const err = await failure(loadEsco(await writeFixture(files)));
    expect(err.code).toBe(TaxonomyErrorCode.InvalidValue);
    expect(err.location).toEqual({ file: join(dir, 'skillSkillRelations.csv'), line: 3, field: 'relationType' });
  });

  it('rejects an invalid option before reading anything', async () => {
    const err = await failure(loadEsco('/nonexistent', { onProgress: 5 as never }));
    expect(err.code).toBe(TaxonomyErrorCode.InvalidValue);
    expect(err.message).toContain('invalid onProgress: 5');
  });

  it('fails with MISSING_FILE when the folder does not exist', async () => {
    const err = await failure(loadEsco(join(tmpdir(), 'no-such-esco-folder')));
    expect(err.code).toBe(TaxonomyErrorCode.MissingFile);
  });
});

describe('loadEsco(esco-v1.1.1) on the real export', () => {
  let data: TaxonomyData;
  const warnings: TaxonomyError[] = [];
  beforeAll(async () => {
    data = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'), { onWarning: (w) => warnings.push(w) });
  });

  it('has the published counts', () => {
    expect(data.skills).toHaveLength(13_896);
    expect(data.groups).toHaveLength(640 + 7);
    expect(data.broader).toHaveLength(20_656);
    expect(data.skillRelations).toHaveLength(5_899);
    expect(data.occupations).toHaveLength(3_007);
    expect(data.occupationSkills).toHaveLength(123_855);
    expect(data.occupationSkills.filter((r) => r.relationType === 'essential')).toHaveLength(64_946);
    expect(data.occupationSkills.filter((r) => r.relationType === 'optional')).toHaveLength(58_909);
  });

  it('keeps labels verbatim and splits alternative labels on line feeds', () => {
    expect(data.skills.reduce((n, s) => n + s.altLabels.length, 0)).toBe(97_483);
    // 919 published, then the product names of esco-tool-labels.json (tool-labels.test.ts).
    expect(data.skills.reduce((n, s) => n + s.hiddenLabels.length, 0)).toBe(919 + [...toolLabels().values()].reduce((n, l) => n + l.length, 0));
    expect(data.skills.some((s) => s.preferredLabel === 'handle knives ')).toBe(true);
    expect(data.skills.filter((s) => s.skillType === 'knowledge')).toHaveLength(3_059);
    expect(data.skills.filter((s) => s.skillType === '')).toHaveLength(6);
  });

  it('creates the 7 groups missing from skillGroups_en.csv from the hierarchy file', () => {
    const codes = data.groups.slice(640).map((g) => g.code).sort();
    expect(codes).toEqual(['S3.4.3', 'S4.4.1', 'S6.8', 'S6.8.0', 'S6.8.1', 'S6.8.2', 'S7.1.3']);
    expect(data.groups.filter((g) => g.code === '')).toHaveLength(0);
  });

  it('keeps ISCO codes on occupations and the 67 requirements of the dangling occupation, with warnings', () => {
    expect(data.occupations.every((o) => /^\d{4}$/.test(o.iscoGroup))).toBe(true);
    const dangling = 'http://data.europa.eu/esco/occupation/a9e54177-a185-404d-b6e6-15663d31137e';
    expect(data.occupationSkills.filter((r) => r.occupationId === dangling)).toHaveLength(67);
    expect(warnings.map((w) => w.location.field)).toEqual(['conceptUri', 'occupationUri']);
    expect(data.occupations.filter((o) => o.parentIds.length > 0)).toHaveLength(1_247);
  });

  it('gives SkillGraph a multi-parent DAG (JavaScript: a knowledge group and two skills)', () => {
    const graph = SkillGraph.fromData(data);
    const js = graph.findSkillsByLabel('javascript');
    expect(js).toEqual(['http://data.europa.eu/esco/skill/3cd569a2-4f88-4c1e-9995-8dce8c5e51a7']);
    const id = js[0] as string;
    expect(graph.parents(id).map((p) => graph.labelOf(p)).sort()).toEqual(['computer programming', 'software and applications development and analysis', 'web programming']);
    const knowledge = graph.ancestors(id).find((a) => graph.group(a)?.code === 'K');
    expect(knowledge).toBeDefined();
    expect(graph.ancestorDistances(id).get(knowledge as string)).toBe(4);
    expect(graph.findSkillsByLabel('HANDLE\u00a0knives')).toEqual(['http://data.europa.eu/esco/skill/e8fe3df5-5608-4a03-88ff-9e45ef857de1']);
  });
});
