import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalPostings, type PostingRow } from '../../engine/eval/eval-postings.ts';
import { RowKind } from '../../engine/linking/label-rows.ts';
import { fixtureTaxonomy } from '../../taxonomy/stores/contract/fixture.test-support.ts';
import { createSqliteStore } from '../../taxonomy/stores/sqlite/sqlite-store.ts';
import { occupationIndex, postingRows } from './eval.ts';
import { openLinking } from './linking-setup.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'skillgraph-eval-'));
const db = join(tmp, 'small.db');
const cacheEnv = join(tmp, 'cache.sqlite');
const before = process.env['SKILLGRAPH_CACHE'];

/** Benchmark rows in the hahu CSV's shape: two codes the fixture taxonomy holds, one ISCO group, one it does not. */
const ROWS: PostingRow[] = [
  { title: 'Software engineer', description: 'You write Python services every day.\nYou also order the team laptops (procurement).', occupationCode: '2512.4' },
  { title: 'Python programmer', description: 'Develop and test computer software in Python; review code.', occupationCode: '15-1252.00' },
  { title: 'Kitchen assistant', description: 'Cut vegetables and meat with sharp knives.', occupationCode: '2512' },
  { title: 'Pilot', description: 'Fly aircraft.', occupationCode: '9999.9' },
];
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

beforeAll(async () => {
  const store = await createSqliteStore(db);
  await store.importTaxonomy(fixtureTaxonomy);
  await store.close();
  writeFileSync(join(tmp, 'b.csv'), ['ID,title,description,esco_code', ...ROWS.map((r, i) => [String(i), r.title, r.description, r.occupationCode].map(quote).join(','))].join('\n') + '\n');
  // the index snapshots of the in-process reference go beside the test's cache, as the CLI's do
  process.env['SKILLGRAPH_CACHE'] = cacheEnv;
});
afterAll(() => {
  if (before === undefined) delete process.env['SKILLGRAPH_CACHE'];
  else process.env['SKILLGRAPH_CACHE'] = before;
  rmSync(tmp, { recursive: true, force: true });
});

describe('skillgraph eval postings', () => {
  it('eval postings --json (issue 18: signals of all postings at once, gold positions counted) prints what the per-posting evaluation gives', async () => {
    const r = spawnSync(process.execPath, [join(repo, 'cli', 'skillgraph.mjs'), 'eval', 'postings', '--benchmark', join(tmp, 'b.csv'), '--db', db, '--json'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, SKILLGRAPH_STORE: 'sqlite', SKILLGRAPH_CACHE: cacheEnv },
      timeout: 120_000,
    });
    expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('npm warn'))).toEqual([]);
    expect(r.status).toBe(0);
    const { task, seconds, ...metrics } = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(task).toBe('postings');
    expect(typeof seconds).toBe('number');

    // The reference: the evaluation as it ran before, one posting at a time (its title embedded and scored alone).
    const setup = await openLinking({ db }, () => {});
    try {
      const occIndex = await occupationIndex(setup);
      try {
        const codes = new Set(setup.taxonomy.occupations.map((o) => o.code));
        const scored = ROWS.filter((row) => codes.has(row.occupationCode));
        const links = await setup.linker.linkMany(scored.map((row) => `${row.title}\n${row.description}`));
        const kinds = new Set([RowKind.Preferred, RowKind.Alternative]);
        const reference = await evalPostings(ROWS, setup.taxonomy.occupations, setup.taxonomy.occupationSkills, async (row) => {
          const [tv] = await setup.embedder.embed([row.title.trim()]);
          const [sim] = await occIndex.skillScoresBatch([tv!], kinds);
          return { skills: links[scored.indexOf(row)]!, titleSimilarity: new Map(occIndex.skills.map((o, i) => [o.id, sim![i]!])) };
        });
        expect(metrics).toEqual({ benchmark: join(tmp, 'b.csv'), model: setup.embedder.modelId, ...reference });
        expect(reference.queries).toBe(3);
        expect(reference.skipped).toBe(1);
        expect(links.some((l) => l.length > 0)).toBe(true);
      } finally {
        await occIndex.dispose();
      }
    } finally {
      await setup.close();
    }
  }, 180_000);
});

describe('postingRows', () => {
  it('reads a stated occupation from an optional occupation column, never from the gold esco_code', () => {
    const rows = postingRows([
      { title: 'Fitter', description: 'Turn parts.', esco_code: '7223.7', occupation: 'http://data.europa.eu/esco/occupation/fitter' },
      { title: 'Cook', description: 'Cook meals.', esco_code: '5120.1', occupation: '' },
      { title: 'Pilot', description: 'Fly aircraft.', esco_code: '3153.1' },
    ]);
    expect(rows).toEqual([
      { title: 'Fitter', description: 'Turn parts.', occupationCode: '7223.7', occupationId: 'http://data.europa.eu/esco/occupation/fitter' },
      { title: 'Cook', description: 'Cook meals.', occupationCode: '5120.1' },
      { title: 'Pilot', description: 'Fly aircraft.', occupationCode: '3153.1' },
    ]);
  });
});
