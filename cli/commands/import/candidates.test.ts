import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../taxonomy/stores/sqlite/sqlite-store.ts';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'skillgraph-cand-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repo, 'cli', 'skillgraph.mjs'), ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, SKILLGRAPH_STORE: 'sqlite' }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('skillgraph import candidates', () => {
  const db = join(tmp, 'store.db');
  const resumes = join(repo, 'engine', 'ingest', 'fixtures', 'json-resume');

  it('imports the good records of a JSON Resume array, lists the bad one on stderr and exits 1; a re-import updates', async () => {
    expect(cli('import', 'sample', '--db', db).status).toBe(0);
    const batch = ['new-grad.resume.json', 'basics-wrong-type.json', 'senior-engineer.resume.json'].map((f) => JSON.parse(readFileSync(join(resumes, f), 'utf8')) as unknown);
    const file = join(tmp, 'batch.json');
    writeFileSync(file, JSON.stringify(batch));
    const r = cli('import', 'candidates', file, '--db', db);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^imported 2 new and 0 updated candidates from .*batch\.json \(json-resume\)/);
    expect(r.stderr).toMatch(/record 1 not imported: INVALID_FIELD: \[1\]\.basics:/);
    const again = JSON.parse(cli('import', 'candidates', join(resumes, 'new-grad.resume.json'), '--db', db, '--json').stdout) as { created: number; updated: number; errors: unknown[] };
    expect(again).toMatchObject({ created: 0, updated: 1, errors: [] });
    const store = await createSqliteStore(db);
    expect((await store.listCandidates()).filter((c) => c.id.startsWith('mailto:'))).toHaveLength(2);
    await store.close();
  });

  it('a file that is not a candidates format is one error line and imports nothing', () => {
    const file = join(tmp, 'posting.json');
    writeFileSync(file, JSON.stringify({ '@context': 'https://schema.org', '@type': 'JobPosting', title: 'x' }));
    const r = cli('import', 'candidates', file, '--db', db);
    // the use-case's one InvalidInputError (as for every import on the app layer): exit 2, nothing written
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^skillgraph: INVALID_INPUT: .*posting\.json/);
  });

  it('skillgraph title refuses an empty title and a bad --top with a usage error', () => {
    expect(cli('title', '  ', '--db', db).status).toBe(2);
    const r = cli('title', 'data analyst', '--top', '0', '--db', db);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/invalid --top/);
  });
});
