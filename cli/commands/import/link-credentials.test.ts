import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'skillgraph-link-credentials-'));
const db = join(tmp, 'sample.db');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repo, 'cli', 'skillgraph.mjs'), ...args], { cwd: repo, encoding: 'utf8', timeout: 300_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('import credentials --link (real model, real DCC credential)', () => {
  it('keeps the framework alignment; links the name and description as text', () => {
    expect(cli('import', 'sample', '--db', db).status).toBe(0);
    const file = join(repo, 'datasets/conformance/verify/dcc/v2_dataIntegrityProof_didKey_legacyRegistry-noStatus-noExpiry-alignments.json');
    const plain = JSON.parse(cli('import', 'credentials', file, '--db', db, '--json').stdout) as { skillLinks: number; frameworkSkills: number };
    expect(plain).toMatchObject({ skillLinks: 1, frameworkSkills: 1 });
    // A CASE framework skill (1EdTech's "Robot Programming" CFItem example, read in place from ../shared) is kept;
    // with --link it would also be mapped to the taxonomy skill the linker finds for it, when one passes the threshold.
    const SHARED = process.env['SKILLGRAPH_SHARED'] ?? join(repo, '..', 'shared');
    const caseFile = join(SHARED, 'datasets/credential-examples/openbadges-3.0-spec-examples/skillAssertionCase.json');
    const caseOnly = JSON.parse(cli('import', 'credentials', caseFile, '--db', db, '--json').stdout) as { skillLinks: number; frameworkSkills: number };
    expect(caseOnly).toMatchObject({ skillLinks: 1, frameworkSkills: 1 });
    // With --link the CASE skill is also mapped onto the sample taxonomy's closest ESCO skill, "computer programming"
    // (the linker's calibrated confidence ~0.44 clears its 0.3 threshold), and the CASE link itself is kept.
    const mapped = JSON.parse(cli('import', 'credentials', caseFile, '--db', db, '--json', '--link').stdout) as { skillLinks: number; frameworkSkills: number };
    expect(mapped).toMatchObject({ skillLinks: 2, frameworkSkills: 1 });
    const exported = JSON.parse(cli('export', 'credential', 'https://example.com/achievements/robotics/robot-programming', '--as', 'ob3', '--db', db).stdout) as { alignment: { targetUrl: string; targetName: string }[] };
    expect(exported.alignment.map((a) => [a.targetUrl, a.targetName])).toEqual([
      ['https://robotics-competencies.example.com/competencies/robot-programming', 'Robot Programming'],
      ['http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97', 'computer programming'],
    ]);
    // A DCC teamwork badge without any alignment: only its text can give it skills.
    const teamwork = join(repo, 'datasets/conformance/verify/dcc/v2_dataIntegrityProof_didKey_legacyRegistry-noStatus-noExpiry-basicOBv3.json');
    expect((JSON.parse(cli('import', 'credentials', teamwork, '--db', db, '--json').stdout) as { skillLinks: number }).skillLinks).toBe(0);
    const linked = cli('import', 'credentials', teamwork, '--db', db, '--json', '--link');
    expect(linked.status, linked.stderr).toBe(0);
    expect((JSON.parse(linked.stdout) as { skillLinks: number }).skillLinks).toBeGreaterThan(0);
  }, 300_000);
});
