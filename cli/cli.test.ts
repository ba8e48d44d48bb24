import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { fixtureRecords, fixtureTaxonomy } from '../taxonomy/stores/contract/fixture.test-support.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'skillgraph-cli-'));
const seeded = join(tmp, 'seeded.db');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderrLines: string[];
}

/** Runs the real bin as a child process (what `npx skillgraph` runs). */
function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [join(repo, 'cli', 'skillgraph.mjs'), ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, SKILLGRAPH_DB: join(tmp, 'default.db'), SKILLGRAPH_STORE: 'sqlite' },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderrLines: r.stderr.split('\n').filter((l) => l !== '') };
}

const statsOf = (db: string): unknown => JSON.parse(cli('stats', '--db', db, '--json').stdout);
/** The stored hidden labels of ESCO's "use spreadsheets software". */
function spreadsheetHidden(db: string): string[] {
  const conn = new Database(db, { readonly: true });
  try {
    const row = conn.prepare('SELECT hidden_labels FROM skills WHERE id = ?').get('http://data.europa.eu/esco/skill/1973c966-f236-40c9-b2d4-5d71a89019be') as { hidden_labels: string };
    return JSON.parse(row.hidden_labels) as string[];
  } finally {
    conn.close();
  }
}

/** An ESCO folder with every file present, whose skills_en.csv has an unterminated quote on line 3. */
function craftBadEscoDir(): string {
  const dir = join(tmp, 'bad-esco');
  mkdirSync(dir, { recursive: true });
  const headers: Record<string, string> = {
    'skills_en.csv': 'conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,description',
    'skillGroups_en.csv': 'conceptType,conceptUri,preferredLabel,altLabels,hiddenLabels,status,description,code',
    'skillsHierarchy_en.csv': 'Level 0 URI,Level 0 preferred term,Level 1 URI,Level 1 preferred term,Level 2 URI,Level 2 preferred term,Level 3 URI,Level 3 preferred term,Description',
    'broaderRelationsSkillPillar.csv': 'conceptType,conceptUri,broaderType,broaderUri',
    'skillSkillRelations.csv': 'originalSkillUri,originalSkillType,relationType,relatedSkillType,relatedSkillUri',
    'ISCOGroups_en.csv': 'conceptType,conceptUri,code,preferredLabel,status,altLabels,description',
    'occupations_en.csv': 'conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,status,description,code',
    'broaderRelationsOccPillar.csv': 'conceptType,conceptUri,broaderType,broaderUri',
    'occupationSkillRelations.csv': 'occupationUri,relationType,skillType,skillUri',
  };
  for (const [name, header] of Object.entries(headers)) writeFileSync(join(dir, name), `${header}\r\n`);
  writeFileSync(
    join(dir, 'skills_en.csv'),
    `${headers['skills_en.csv']}\r\n` +
      'KnowledgeSkillCompetence,http://x/skill/1,knowledge,cross-sector,one,,,released,ok\r\n' +
      'KnowledgeSkillCompetence,http://x/skill/2,knowledge,cross-sector,"two,,,released,never closed\r\n',
  );
  return dir;
}

beforeAll(async () => {
  const store = await createSqliteStore(seeded);
  await store.importTaxonomy(fixtureTaxonomy);
  await store.putRecords(fixtureRecords);
  await store.close();
});

describe('skillgraph CLI', () => {
  it('stats --json prints the store counts', () => {
    const r = cli('stats', '--db', seeded, '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ skills: 5, occupations: 3, occupationSkills: 4, occupationSkillsEssential: 2, credentials: 2, awards: 1 });
  });

  const failures: [string, () => string[], number, RegExp][] = [
    ['import esco on a missing folder', () => ['import', 'esco', join(tmp, 'no-such-dir'), '--db', seeded], 1, /^skillgraph: MISSING_FILE: .*no-such-dir.*ENOENT/],
    ['import esco with broken quoting in skills_en.csv', () => ['import', 'esco', craftBadEscoDir(), '--db', seeded], 1, /^skillgraph: [A-Z_]+: .*skills_en\.csv.*line \d+/],
    ['import onet on a folder without O*NET files', () => ['import', 'onet', tmp, '--db', seeded], 1, /^skillgraph: MISSING_FILE: .*occupation_data\.txt/],
    ['import crosswalk on a CSV missing its columns', () => {
      const file = join(tmp, 'bad-crosswalk.csv');
      writeFileSync(file, 'id,esco_occupation\n1,x\n');
      return ['import', 'crosswalk', file, '--db', seeded];
    }, 1, /^skillgraph: MISSING_COLUMN: .*bad-crosswalk\.csv/],
    ['import esco without a folder (usage error)', () => ['import', 'esco', '--db', seeded], 2, /^skillgraph: USAGE: missing required argument 'dir'$/],
    ['import esco --mode bogus (usage error)', () => ['import', 'esco', tmp, '--mode', 'bogus', '--db', seeded], 2, /^skillgraph: USAGE: .*bogus/],
  ];
  for (const [what, args, code, line] of failures) {
    it(`${what} exits ${code} with one stderr line and leaves the store unchanged`, () => {
      const before = statsOf(seeded);
      const r = cli(...args());
      expect(r.status).toBe(code);
      expect(r.stderrLines).toHaveLength(1);
      expect(r.stderrLines[0]).toMatch(line);
      expect(r.stdout).toBe('');
      expect(statsOf(seeded)).toEqual(before);
    });
  }

  it('stats on a missing --db file exits 1 with one line and creates no file', () => {
    const file = join(tmp, 'nowhere', 'x.db');
    const r = cli('stats', '--db', file);
    expect(r.status).toBe(1);
    expect(r.stderrLines).toEqual([expect.stringMatching(/^skillgraph: STORE_UNAVAILABLE: .*nowhere/)]);
    expect(existsSync(join(tmp, 'nowhere'))).toBe(false);
  });

  it('an unknown command exits 2 with one usage line', () => {
    const r = cli('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderrLines).toEqual(["skillgraph: USAGE: unknown command 'frobnicate'"]);
  });

  it('worker and link refuse a bad --dtype with the same usage line, before they open the store', () => {
    for (const args of [['worker'], ['link', '-']]) {
      const db = join(tmp, `dtype-${args[0]}.db`);
      const r = cli(...args, '--dtype', 'int4', '--db', db);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderrLines, args.join(' ')).toEqual(['skillgraph: USAGE: invalid --dtype: int4 (expected q8 or fp32)']);
      expect(existsSync(db), args.join(' ')).toBe(false);
    }
  });

  const esco = sharedPath('datasets', 'esco-v1.1.1');
  const onet = sharedPath('datasets', 'onet-29.2');
  it.skipIf(!existsSync(esco) || !existsSync(onet))('import esco then import onet load the real releases (skipped only when ../shared/datasets is absent)', () => {
    const db = join(tmp, 'real.db');
    const e = cli('import', 'esco', esco, '--db', db, '--json');
    expect(e.status).toBe(0);
    expect(JSON.parse(e.stdout).imported).toMatchObject({ skills: 13_896, occupations: 3_007, occupationSkills: 123_855 });
    expect(JSON.parse(e.stdout).notes.join('\n')).toMatch(/software product names from O\*NET 29\.2 added as hidden labels/);
    expect(spreadsheetHidden(db)).toContain('Microsoft Excel');
    expect(statsOf(db)).toMatchObject({
      skills: 13_896,
      occupations: 3_007,
      occupationSkills: 123_855,
      occupationSkillsEssential: 64_946,
      occupationSkillsOptional: 58_909,
      skillRelations: 5_899,
      broaderRelations: 20_656,
    });
    const o = cli('import', 'onet', onet, '--db', db, '--json');
    expect(o.status).toBe(0);
    const report = JSON.parse(o.stdout);
    expect(report.imported.occupations).toBe(1_016);
    // issue 15: the 1,680 file rows, plus entries for retired SOC-2010 codes matched to O*NET 29.2 by title
    expect(report.imported.crosswalk).toBeGreaterThan(1_680 + 250);
    expect(report.notes.join('\n')).toMatch(/1680 rows; 1355 by O\*NET code, \d+ retired codes matched by title, \d+ by their SOC-level parent code, \d+ rows \(\d+ codes\) unmapped/);
    expect(report.store.occupations).toBe(3_007 + 1_016);
    // issue 15: import esco merges by default — a second ESCO import keeps O*NET; versions are recorded
    const again = cli('import', 'esco', esco, '--db', db, '--json');
    expect(again.status).toBe(0);
    expect((statsOf(db) as { occupations: number }).occupations).toBe(3_007 + 1_016);
    // round 9: --no-tool-labels imports ESCO as published (the merge replaces the product names it added before)
    const published = cli('import', 'esco', esco, '--no-tool-labels', '--db', db, '--json');
    expect(published.status).toBe(0);
    expect(JSON.parse(published.stdout).notes.join('\n')).toMatch(/as published/);
    expect(spreadsheetHidden(db)).not.toContain('Microsoft Excel');
    expect(spreadsheetHidden(db)).toContain('Microsoft Office Excel');
    const stats = cli('stats', '--db', db);
    expect(stats.stdout).toMatch(/ESCO\s+v1\.1\.1/);
    expect(stats.stdout).toMatch(/O\*NET\s+29\.2/);
  }, 120_000);
});
