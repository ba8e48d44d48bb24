import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../../../taxonomy/loaders/shared-path.ts';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'skillgraph-import-docs-'));
const db = join(tmp, 'store.db');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderrLines: string[] } {
  const r = spawnSync(process.execPath, [join(repo, 'cli', 'skillgraph.mjs'), ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, SKILLGRAPH_STORE: 'sqlite' }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderrLines: r.stderr.split('\n').filter((l) => l !== '') };
}
const stats = (): Record<string, number> => JSON.parse(cli('stats', '--db', db, '--json').stdout) as Record<string, number>;

beforeAll(() => {
  expect(cli('import', 'sample', '--db', db).status).toBe(0);
});

describe('skillgraph import credentials|postings', () => {
  it('imports a Coursera catalogue CSV as credentials whose tags link to known skills by label', () => {
    const before = stats().credentials!;
    const r = cli('import', 'credentials', sharedPath('datasets', 'coursera-courses', 'coursera_courses_1139_skills.csv'), '--db', db, '--json');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { credentials: number; skillLinks: number };
    expect(report.credentials).toBe(1112);
    expect(report.skillLinks).toBeGreaterThan(0);
    expect(stats().credentials).toBe(before + 1112);
  });

  it('imports schema.org JobPosting JSON-LD with its explicit ESCO skills', () => {
    const doc = { '@context': 'https://schema.org', '@type': 'JobPosting', identifier: 'urn:test:posting:cli', title: 'Data engineer', description: 'Build pipelines.', datePosted: '2026-10-01', hiringOrganization: { '@type': 'Organization', name: 'Org', identifier: 'urn:test:org' } };
    const file = join(tmp, 'posting.jsonld');
    writeFileSync(file, JSON.stringify(doc));
    const before = stats().postings!;
    const r = cli('import', 'postings', file, '--db', db);
    expect(r.status).toBe(0);
    expect(stats().postings).toBe(before + 1);
  });

  it('a broken document gives one error line, a non-zero exit, and changes nothing', () => {
    const file = join(tmp, 'broken.json');
    writeFileSync(file, '{"@context": "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "type": ["OpenBadgeCredential"]');
    const before = stats();
    const r = cli('import', 'credentials', file, '--db', db);
    expect(r.status).not.toBe(0);
    expect(r.stderrLines).toHaveLength(1);
    expect(r.stderrLines[0]).toMatch(/^skillgraph: [A-Z_]+: .*broken\.json/);
    expect(stats()).toEqual(before);
  });

  it('postings in the credentials command are refused with a usage error', () => {
    const r = cli('import', 'credentials', join(repo, 'datasets', 'postings.jsonld'), '--db', db);
    expect(r.status).toBe(2);
    expect(r.stderrLines[0]).toMatch(/not credentials/);
  });
});
