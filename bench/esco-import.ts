/**
 * ESCO v1.1.1 import benchmark: CSV load and SQLite store write timed separately, against two
 * baselines measured in the same run — stream-reading the same CSV bytes (for the load) and a raw
 * better-sqlite3 insert of the same rows without our store (for the write). Prints a markdown table.
 *
 *   npx tsx --expose-gc bench/esco-import.ts [--runs 3] [--dir <esco folder>]
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import type { TaxonomyData } from '../taxonomy/model/types.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { fmtMiB, fmtMs, fmtRatio, markdownTable } from './lib/markdown-table.ts';
import { measure, median, type Measurement } from './lib/measure.ts';

const ESCO_FILES = [
  'skills_en.csv',
  'skillGroups_en.csv',
  'skillsHierarchy_en.csv',
  'broaderRelationsSkillPillar.csv',
  'skillSkillRelations.csv',
  'ISCOGroups_en.csv',
  'occupations_en.csv',
  'broaderRelationsOccPillar.csv',
  'occupationSkillRelations.csv',
];
const GOAL_MS = 5000;

async function readBytes(dir: string): Promise<number> {
  let bytes = 0;
  for (const name of ESCO_FILES) {
    for await (const chunk of createReadStream(join(dir, name))) bytes += (chunk as Buffer).byteLength;
  }
  return bytes;
}

/** The floor: the same rows into plain tables (no keys, checks, upserts or progress), one transaction. */
function rawInsert(file: string, d: TaxonomyData): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE s (a, b, c, d, e, f, g, h); CREATE TABLE g (a, b, c, d, e); CREATE TABLE b (a, b);
    CREATE TABLE r (a, b, c); CREATE TABLE o (a, b, c, d, e, f, g, h); CREATE TABLE os (a, b, c, d, e); CREATE TABLE x (a, b, c, d);`);
  const ins = (t: string, n: number): Database.Statement => db.prepare(`INSERT INTO ${t} VALUES (${new Array(n).fill('?').join(',')})`);
  const [s, g, b, r, o, os] = [ins('s', 8), ins('g', 5), ins('b', 2), ins('r', 3), ins('o', 8), ins('os', 5)] as const;
  db.transaction(() => {
    for (const x of d.skills) s.run(x.id, x.source, x.preferredLabel, JSON.stringify(x.altLabels), JSON.stringify(x.hiddenLabels), x.description, x.skillType, x.reuseLevel);
    for (const x of d.groups) g.run(x.id, x.source, x.code, x.preferredLabel, x.description);
    for (const x of d.broader) b.run(x.childId, x.parentId);
    for (const x of d.skillRelations) r.run(x.fromId, x.toId, x.relationType);
    for (const x of d.occupations) o.run(x.id, x.source, x.code, x.iscoGroup, x.preferredLabel, JSON.stringify(x.altLabels), x.description, JSON.stringify(x.parentIds));
    for (const x of d.occupationSkills) os.run(x.occupationId, x.skillId, x.relationType, x.importance, x.level);
  })();
  db.close();
}

type Sample = Omit<Measurement<unknown>, 'value'>;

interface Phase {
  readonly name: string;
  readonly runs: Sample[];
  readonly baseline?: string;
}

export async function runEscoImportBench(opts: { dir: string; runs: number }): Promise<string> {
  const tmp = mkdtempSync(join(tmpdir(), 'skillgraph-bench-'));
  const phases = new Map<string, Phase>();
  const record = (name: string, m: Sample, baseline?: string): void => {
    const p = phases.get(name) ?? { name, runs: [], ...(baseline ? { baseline } : {}) };
    p.runs.push({ ms: m.ms, peakRss: m.peakRss, startRss: m.startRss });
    phases.set(name, p);
  };
  let bytes = 0;
  let rows = 0;
  try {
    for (let i = 0; i < opts.runs; i++) {
      const read = await measure(() => readBytes(opts.dir));
      bytes = read.value;
      record('read CSV bytes (baseline)', read);
      const load = await measure(() => loadEsco(opts.dir));
      record('load: parse ESCO CSV (loadEsco)', load, 'read CSV bytes (baseline)');
      const data = load.value;
      rows = data.skills.length + data.groups.length + data.broader.length + data.skillRelations.length + data.occupations.length + data.occupationSkills.length;
      record('raw better-sqlite3 insert (baseline)', await measure(() => rawInsert(join(tmp, `raw-${i}.db`), data)));
      const file = join(tmp, `store-${i}.db`);
      const write = await measure(async () => {
        const store = await createSqliteStore(file);
        await store.importTaxonomy(data);
        await store.close();
      });
      record('write: SqliteStore.importTaxonomy (open + import + close)', write, 'raw better-sqlite3 insert (baseline)');
      record('total: load + write', { ms: load.ms + write.ms, peakRss: Math.max(load.peakRss, write.peakRss), startRss: load.startRss });
      record('read back: SqliteStore.loadTaxonomy (fresh connection)', await measure(async () => {
        const store = await createSqliteStore(file);
        await store.loadTaxonomy();
        await store.close();
      }));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  const med = (p: Phase): number => median(p.runs.map((r) => r.ms));
  const table = markdownTable(
    ['phase', 'median', 'min', 'peak RSS', 'peak − start RSS', 'ratio to baseline (median)'],
    [...phases.values()].map((p) => {
      const base = p.baseline ? phases.get(p.baseline) : undefined;
      return [
        p.name,
        fmtMs(med(p)),
        fmtMs(Math.min(...p.runs.map((r) => r.ms))),
        fmtMiB(Math.max(...p.runs.map((r) => r.peakRss))),
        fmtMiB(median(p.runs.map((r) => r.peakRss - r.startRss))),
        base ? fmtRatio(med(p) / med(base)) : '',
      ];
    }),
  );
  const total = med(phases.get('total: load + write') as Phase);
  return [
    `ESCO v1.1.1 import — ${opts.runs} run(s), ${(bytes / 1024 / 1024).toFixed(1)} MiB CSV, ${rows.toLocaleString('en-US')} rows; ` +
      `node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? '?'}), load average ${loadavg()[0]?.toFixed(2)}`,
    '',
    table,
    '',
    `Goal: total ≤ ${fmtMs(GOAL_MS)} → ${total <= GOAL_MS ? 'met' : 'NOT met'} (median ${fmtMs(total)}).`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, dir: { type: 'string' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`invalid --runs: ${values.runs}`);
  console.log(await runEscoImportBench({ dir: values.dir ?? sharedPath('datasets', 'esco-v1.1.1'), runs }));
}
