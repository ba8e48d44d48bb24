import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const corpus = join(repo, 'datasets', 'conformance');
const tmp = mkdtempSync(join(tmpdir(), 'skillgraph-verify-cli-'));
const store = join(tmp, 'store');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repo, 'cli', 'skillgraph.mjs'), ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, SKILLGRAPH_VERIFY_STORE: '' }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const NOW = '2026-12-01T00:00:00Z';
const revoked = join(corpus, 'verify/dcc/v2_bothSignatureTypes_didkey_noRegistry-revokedStatus-notExpired.json');
const statusUrl = 'https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/src/test-fixtures/status/e5WK8CbZ1GjycuPombrj';

describe('skillgraph verify / verify-store (real bin, real fixtures)', () => {
  it('prints one word per file with --json and per-check reasons; exit 0 only when verified', () => {
    const ok = cli('verify', join(corpus, 'verify/dcc/v2_ed25519_didKey_legacy-noStatus-noExpiry.json'), '--json', '--now', NOW);
    expect(ok.status).toBe(0);
    const report = JSON.parse(ok.stdout) as { status: string; documents: Array<{ checks: Array<{ name: string; result: string; reason: string }> }> };
    expect(report.status).toBe('verified');
    expect(report.documents[0]?.checks.map((c) => c.name)).toEqual(['proof', 'dates', 'status', 'issuer']);
    const bad = cli('verify', join(corpus, 'verify/dcc/v2_ed25519_didKey_legacy-noStatus-noExpiry-tampered.json'), '--json', '--now', NOW);
    expect(bad.status).toBe(3);
    expect(JSON.parse(bad.stdout)).toMatchObject({ status: 'invalid' });
  });

  it('says status unknown without a store, revoked once `verify-store add` put the list there', () => {
    const before = JSON.parse(cli('verify', revoked, '--json', '--now', NOW).stdout) as { status: string; documents: Array<{ checks: Array<{ name: string; result: string }> }> };
    expect(before.status).toBe('verified');
    expect(before.documents[0]?.checks.find((c) => c.name === 'status')?.result).toBe('unknown');
    const add = cli('verify-store', 'add', '--store', store, '--as', statusUrl, join(corpus, 'status/dcc-vc-test-fixtures/e5WK8CbZ1GjycuPombrj.json'));
    expect(add.status).toBe(0);
    expect(add.stdout).toContain(statusUrl);
    const after = cli('verify', revoked, '--json', '--now', NOW, '--store', store);
    expect(JSON.parse(after.stdout)).toMatchObject({ status: 'revoked' });
    expect(after.status).toBe(3);
  });

  it('refuses bad input with one line and exit 2: no store, a non-list document, a host not allowed, a bad --now', () => {
    const noStore = cli('verify-store', 'add', join(corpus, 'keys/jws-test-suite_key-2-secp256r1.public.json'));
    expect(noStore.status).toBe(2);
    expect(noStore.stderr.trim().split('\n')).toHaveLength(1);
    const notList = cli('verify-store', 'add', '--store', store, join(corpus, 'status/dcc-vc-test-fixtures/missingBitStringType.json'));
    expect(notList.status).toBe(2);
    expect(notList.stderr).toContain('missingBitStringType.json');
    const host = cli('verify-store', 'fetch', 'https://evil.example.com/list', '--store', store, '--allow-host', 'example.org');
    expect(host.status).toBe(2);
    expect(host.stderr).toContain('not in --allow-host');
    expect(cli('verify', revoked, '--now', 'yesterday').status).toBe(2);
  });
});
