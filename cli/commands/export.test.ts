import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'skillgraph-export-cli-'));
const db = join(tmp, 'sample.db');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repo, 'cli', 'skillgraph.mjs'), ...args], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('skillgraph export (real bin, sample store)', () => {
  it('exports a role as a CTDL Job, a credential as OB 3.0 / CTDL, an award as an OpenBadgeCredential; unknown ids are one usage error', () => {
    expect(cli('import', 'sample', '--db', db).status).toBe(0);
    const role = cli('export', 'role', 'urn:sample:role:001', '--db', db);
    expect(role.status).toBe(0);
    expect(JSON.parse(role.stdout)).toMatchObject({ '@type': 'ceterms:Job', 'ceterms:requires': expect.any(Array) });
    expect(role.stderr).toContain('ceterms:offeredBy');
    const award = cli('export', 'award', 'urn:sample:award:00001', '--db', db);
    expect(award.status).toBe(0);
    const vc = JSON.parse(award.stdout) as { type: string[]; credentialSubject: { achievement: { id: string; alignment?: Array<{ targetUrl: string }> } } };
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.credentialSubject.achievement.id).toBe('https://credentialengineregistry.org/resources/ce-f065ea5b-cdd0-4f80-b818-563254b7336d');
    const ctdl = cli('export', 'credential', vc.credentialSubject.achievement.id, '--as', 'ctdl', '--db', db);
    expect(ctdl.status).toBe(0);
    expect(JSON.parse(ctdl.stdout)).toMatchObject({ '@context': 'https://credreg.net/ctdl/schema/context/json', 'ceterms:ctid': expect.stringMatching(/^ce-/) });
    const bad = cli('export', 'credential', 'urn:none', '--db', db);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  }, 120_000);
});
