import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultModelsDir } from '../engine/adapters/models-dir.ts';

const script = fileURLToPath(new URL('./provision-model', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'sg-provision-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(...args: string[]) {
  // An unroutable hub keeps the download path offline and fast.
  const r = spawnSync('bash', [script, ...args], { encoding: 'utf8', env: { ...process.env, SKILLGRAPH_MODEL_HUB: 'http://127.0.0.1:9' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('scripts/provision-model', () => {
  it('copies the model from --from, then finds it already present', () => {
    const dest = join(tmp, 'models');
    const copied = run('--dest', dest, '--from', defaultModelsDir(), '--dtype', 'q8');
    expect(copied.status).toBe(0);
    expect(copied.stdout).toMatch(/copied all-MiniLM-L6-v2/);
    expect(existsSync(join(dest, 'all-MiniLM-L6-v2', 'onnx', 'model_quantized.onnx'))).toBe(true);
    const again = run('--dest', dest, '--dtype', 'q8');
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/already present/);
  });

  it('fails with one message listing every path it tried, leaving nothing behind', () => {
    const dest = join(tmp, 'empty');
    const r = run('--dest', dest, '--from', join(tmp, 'nowhere'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Tried:/);
    expect(r.stderr).toMatch(/present: /);
    expect(r.stderr).toMatch(/copy: neither/);
    expect(r.stderr).toMatch(/download: http:\/\/127\.0\.0\.1:9\/Xenova\/all-MiniLM-L6-v2/);
    expect(existsSync(join(dest, 'all-MiniLM-L6-v2'))).toBe(false);
  });

  it('rejects an unknown argument with exit code 2', () => {
    expect(run('--bogus').status).toBe(2);
  });
});
