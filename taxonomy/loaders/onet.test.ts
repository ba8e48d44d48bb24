import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TaxonomyErrorCode } from '../model/errors.ts';
import type { TaxonomyData } from '../model/types.ts';
import { loadOnet } from './onet.ts';
import { sharedPath } from './shared-path.ts';
import { taxonomyFailure } from '../testing/failure.ts';

const RATING_HEADER = 'O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tNot Relevant\tDate\tDomain Source';
const rating = (code: string, id: string, name: string, scale: string, value: string, suppress = 'N', notRelevant = 'N') =>
  [code, id, name, scale, value, '8', '0.1', '1', '2', suppress, scale === 'IM' ? 'n/a' : notRelevant, '08/2023', 'Analyst'].join('\t');

function fixture(): Record<string, string[]> {
  return {
    'occupation_data.txt': ['O*NET-SOC Code\tTitle\tDescription', '15-1252.00\tSoftware Developers\tDevelop software.', '15-1252.01\tGame Developers\tDevelop "games".'],
    'skills.txt': [
      RATING_HEADER,
      rating('15-1252.00', '2.A.1.a', 'Reading Comprehension', 'IM', '3.50'),
      rating('15-1252.00', '2.A.1.a', 'Reading Comprehension', 'LV', '4.25'),
      rating('15-1252.00', '2.A.1.b', 'Active Listening', 'IM', '1.25'),
      rating('15-1252.00', '2.A.1.b', 'Active Listening', 'LV', '0.50', 'N', 'Y'),
    ],
    'knowledge.txt': [
      RATING_HEADER,
      rating('15-1252.00', '2.C.3.a', 'Computers and Electronics', 'IM', '4.80', 'Y'),
      rating('15-1252.00', '2.C.3.a', 'Computers and Electronics', 'LV', '6.00', 'Y'),
      rating('15-1252.01', '2.C.3.a', 'Computers and Electronics', 'IM', 'n/a', 'n/a'),
      rating('15-1252.01', '2.C.3.a', 'Computers and Electronics', 'LV', '2.00', 'n/a'),
    ],
    'content_model_reference.txt': [
      'Element ID\tElement Name\tDescription',
      '2\tWorker Requirements\tx',
      '2.A\tBasic Skills\tx',
      '2.A.1\tContent\tx',
      '2.A.1.a\tReading Comprehension\tUnderstanding written sentences.',
      '2.A.1.b\tActive Listening\tGiving full attention.',
      '2.C\tKnowledge\tx',
      '2.C.3.a\tComputers and Electronics\tKnowledge of circuit boards.',
      '5\tOccupation-Specific Information\tx',
      '5.F\tTechnology Skills\tx',
      '5.F.1\tTechnology Skills List\tx',
    ],
    'technology_skills.txt': [
      'O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand',
      '15-1252.00\tPython\t43232405\tObject or component oriented development software\tY\tY',
      '15-1252.00\tC++\t43232405\tObject or component oriented development software\tY\tN',
      '15-1252.01\tPython\t43232405\tObject or component oriented development software\tY\tN',
    ],
    'alternate_titles.txt': ['O*NET-SOC Code\tAlternate Title\tShort Title\tSource(s)', '15-1252.00\tApplication Developer\tn/a\t08', '15-1252.00\tSoftware Development Engineer\tSDE\t08'],
    'task_statements.txt': ['O*NET-SOC Code\tTask ID\tTask\tTask Type', '15-1252.00\t1\tWrite code.\tCore'],
  };
}

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

async function writeFixture(files: Record<string, string[]>): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'onet-'));
  for (const [name, lines] of Object.entries(files)) await writeFile(join(dir, name), lines.map((l) => `${l}\r\n`).join(''));
  return dir;
}

const failure = taxonomyFailure;

describe('loadOnet(dir) on a crafted release', () => {
  it('pivots IM and LV into one requirement per (occupation, element) and applies the flags', async () => {
    const data = await loadOnet(await writeFixture(fixture()), { technology: false });
    const req = (occ: string, el: string) => data.occupationSkills.find((r) => r.occupationId === `onet:${occ}` && r.skillId === `onet:${el}`);
    expect(req('15-1252.00', '2.A.1.a')).toEqual({ occupationId: 'onet:15-1252.00', skillId: 'onet:2.A.1.a', relationType: 'essential', importance: 3.5, level: 4.25 });
    // Not Relevant = Y → no level; IM below 3 → optional
    expect(req('15-1252.00', '2.A.1.b')).toMatchObject({ relationType: 'optional', importance: 1.25, level: null });
    // Recommend Suppress = Y → level dropped, importance kept but never essential
    expect(req('15-1252.00', '2.C.3.a')).toMatchObject({ relationType: 'optional', importance: 4.8, level: null });
    // n/a → null
    expect(req('15-1252.01', '2.C.3.a')).toMatchObject({ relationType: 'optional', importance: null, level: 2 });
    expect(data.occupationSkills).toHaveLength(4);
  });

  it('makes elements skills, content-model ancestors groups, and SOC-level parents', async () => {
    const data = await loadOnet(await writeFixture(fixture()), { technology: false });
    expect(data.skills.map((s) => [s.id, s.skillType, s.description])).toEqual([
      ['onet:2.A.1.a', 'skill/competence', 'Understanding written sentences.'],
      ['onet:2.A.1.b', 'skill/competence', 'Giving full attention.'],
      ['onet:2.C.3.a', 'knowledge', 'Knowledge of circuit boards.'],
    ]);
    expect(data.broader).toContainEqual({ childId: 'onet:2.A.1.a', parentId: 'onet:2.A.1' });
    expect(data.broader).toContainEqual({ childId: 'onet:2.A', parentId: 'onet:2' });
    // 2.C.3 is not in the reference: 2.C.3.a hangs under 2.C
    expect(data.broader).toContainEqual({ childId: 'onet:2.C.3.a', parentId: 'onet:2.C' });
    expect(data.groups.map((g) => g.code).sort()).toEqual(['2', '2.A', '2.A.1', '2.C']);
    const [dev, game] = data.occupations;
    expect(dev).toMatchObject({ id: 'onet:15-1252.00', code: '15-1252.00', iscoGroup: '', parentIds: [], altLabels: ['Application Developer', 'Software Development Engineer', 'SDE'] });
    expect(dev?.description).toBe('Develop software.');
    expect(game).toMatchObject({ description: 'Develop "games".', parentIds: ['onet:15-1252.00'] });
  });

  it('turns technology commodities into skills with examples as alternative labels', async () => {
    const data = await loadOnet(await writeFixture(fixture()));
    const tech = data.skills.find((s) => s.id === 'onet:tech:43232405');
    expect(tech).toMatchObject({ preferredLabel: 'Object or component oriented development software', altLabels: ['Python', 'C++'] });
    expect(data.occupationSkills.filter((r) => r.skillId === 'onet:tech:43232405')).toEqual([
      { occupationId: 'onet:15-1252.00', skillId: 'onet:tech:43232405', relationType: 'optional', importance: null, level: null },
      { occupationId: 'onet:15-1252.01', skillId: 'onet:tech:43232405', relationType: 'optional', importance: null, level: null },
    ]);
    expect(data.broader).toContainEqual({ childId: 'onet:tech:43232405', parentId: 'onet:5.F.1' });
  });

  it('appends task statements to descriptions when asked', async () => {
    const data = await loadOnet(await writeFixture(fixture()), { tasks: true });
    expect(data.occupations[0]?.description).toBe('Develop software.\n\nTasks:\n- Write code.');
  });

  it("accepts the publisher's file names", async () => {
    const { 'occupation_data.txt': occ, 'skills.txt': sk, 'knowledge.txt': kn } = fixture();
    const data = await loadOnet(await writeFixture({ 'Occupation Data.txt': occ ?? [], 'Skills.txt': sk ?? [], 'Knowledge.txt': kn ?? [] }));
    expect(data.occupations).toHaveLength(2);
    expect(data.groups).toHaveLength(0);
  });

  it('fails with MISSING_COLUMN when Scale ID is absent', async () => {
    const files = fixture();
    files['skills.txt'] = (files['skills.txt'] ?? []).map((l) => l.split('\t').filter((_, i) => i !== 3).join('\t'));
    const err = await failure(loadOnet(await writeFixture(files)));
    expect(err.code).toBe(TaxonomyErrorCode.MissingColumn);
    expect(err.location).toEqual({ file: join(dir, 'skills.txt'), line: 1, field: 'Scale ID' });
  });

  it('fails with UNKNOWN_REFERENCE for a rating of an unknown occupation', async () => {
    const files = fixture();
    files['knowledge.txt']?.push(rating('99-9999.00', '2.C.3.a', 'Computers and Electronics', 'IM', '2.00'));
    const err = await failure(loadOnet(await writeFixture(files)));
    expect(err.code).toBe(TaxonomyErrorCode.UnknownReference);
    expect(err.location).toEqual({ file: join(dir, 'knowledge.txt'), line: 6, field: 'O*NET-SOC Code' });
  });

  it('fails with DUPLICATE_ID for a repeated occupation or rating', async () => {
    const files = fixture();
    files['skills.txt']?.push(rating('15-1252.00', '2.A.1.a', 'Reading Comprehension', 'LV', '4.00'));
    const err = await failure(loadOnet(await writeFixture(files)));
    expect(err.code).toBe(TaxonomyErrorCode.DuplicateId);
    expect(err.location).toEqual({ file: join(dir, 'skills.txt'), line: 6, field: 'Scale ID' });
  });

  it('fails with INVALID_VALUE for an out-of-range importance', async () => {
    const files = fixture();
    files['skills.txt']?.push(rating('15-1252.01', '2.A.1.a', 'Reading Comprehension', 'IM', '9.00'));
    const err = await failure(loadOnet(await writeFixture(files)));
    expect(err.code).toBe(TaxonomyErrorCode.InvalidValue);
    expect(err.location).toEqual({ file: join(dir, 'skills.txt'), line: 6, field: 'Data Value' });
  });

  it('rejects a non-boolean option', async () => {
    const err = await failure(loadOnet('/nowhere', { tasks: 'yes' as never }));
    expect(err.code).toBe(TaxonomyErrorCode.InvalidValue);
    expect(err.location.field).toBe('tasks');
    expect(err.message).toContain('invalid tasks: "yes"');
  });
});

describe('loadOnet(onet-29.2) on the real release', () => {
  let data: TaxonomyData;
  beforeAll(async () => {
    data = await loadOnet(sharedPath('datasets', 'onet-29.2'));
  });

  it('has 1,016 occupations, 35 skill and 33 knowledge elements, 135 technology commodities', () => {
    expect(data.occupations).toHaveLength(1_016);
    expect(data.skills.filter((s) => s.skillType === 'skill/competence')).toHaveLength(35);
    expect(data.skills.filter((s) => s.skillType === 'knowledge' && !s.id.startsWith('onet:tech:'))).toHaveLength(33);
    expect(data.skills.filter((s) => s.id.startsWith('onet:tech:'))).toHaveLength(135);
  });

  it('pivots IM and LV: one requirement per rated (occupation, element)', () => {
    const rated = data.occupationSkills.filter((r) => !r.skillId.startsWith('onet:tech:'));
    expect(rated).toHaveLength(879 * 35 + 879 * 33);
    expect(new Set(rated.map((r) => r.occupationId)).size).toBe(879);
    expect(rated.every((r) => r.importance === null || (r.importance >= 1 && r.importance <= 5))).toBe(true);
    expect(rated.every((r) => r.level === null || (r.level >= 0 && r.level <= 7))).toBe(true);
    const ceoReading = rated.find((r) => r.occupationId === 'onet:11-1011.00' && r.skillId === 'onet:2.A.1.a');
    expect(ceoReading).toEqual({ occupationId: 'onet:11-1011.00', skillId: 'onet:2.A.1.a', relationType: 'essential', importance: 4.12, level: 4.62 });
    expect(data.occupationSkills.filter((r) => r.skillId.startsWith('onet:tech:'))).toHaveLength(12_895);
  });

  it('keeps alternate titles as occupation altLabels', () => {
    const ceo = data.occupations.find((o) => o.code === '11-1011.00');
    expect(ceo?.altLabels).toContain('Agency Owner');
  });
});
