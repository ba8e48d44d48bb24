import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';

/**
 * Issue 19: `skillgraph worker` processes on one store with the real embedding model. A worker is
 * killed (SIGKILL) after it has claimed a batch it has not finished; a second worker waits for that
 * claim's lease to expire, takes it over, and every document ends up linked — none lost.
 */
const repo = fileURLToPath(new URL('../', import.meta.url));
const CLI = join(repo, 'cli', 'skillgraph.mjs');
const dir = mkdtempSync(join(tmpdir(), 'skillgraph-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('skillgraph worker (issue 19)', () => {
  it('a worker killed mid-batch loses no document: another redoes its claim after the lease', async () => {
    const file = join(dir, 'queue.db');
    const sample = await loadSample();
    const store = await createSqliteStore(file);
    await store.importTaxonomy(sample.taxonomy);
    const postings = sample.records.postings!.slice(0, 24);
    const candidates = sample.records.candidates!.filter((c) => c.experience.trim()).slice(0, 8);
    await store.putRecords({ postings, candidates });

    // worker A: small batches and a short lease; killed once it holds a claim it has not completed
    const a = spawn(process.execPath, [CLI, 'worker', '--db', file, '--batch', '4', '--lease-ms', '4000', '--idle-ms', '200'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let outA = '';
    a.stdout.on('data', (d: Buffer) => (outA += d.toString()));
    a.stderr.on('data', (d: Buffer) => (outA += d.toString()));
    let model = '';
    const t0 = Date.now();
    for (;;) {
      const m = /linking with (\S+);/.exec(outA);
      if (m) model = m[1]!;
      const stats = model ? await store.linkQueueStats(model) : null;
      if (stats && stats.done >= 4 && stats.claimed > 0) break; // one batch written, the next one in hand
      if (Date.now() - t0 > 240_000 || a.exitCode !== null) throw new Error(`worker A did not get mid-run:\n${outA}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    a.kill('SIGKILL');
    await new Promise((r) => a.once('exit', r));
    const atKill = await store.linkQueueStats(model);
    expect(atKill.claimed).toBeGreaterThan(0);
    expect(atKill.done).toBeLessThan(postings.length + candidates.length);

    // worker B: runs until the queue is empty, which includes A's expired claim
    const b = spawnSync(process.execPath, [CLI, 'worker', '--db', file, '--batch', '8', '--once', '--idle-ms', '200'], { encoding: 'utf8', timeout: 240_000 });
    expect(b.status, b.stdout + b.stderr).toBe(0);
    expect(await store.linkQueueStats(model)).toEqual({ pending: 0, claimed: 0, done: postings.length + candidates.length });
    // (a posting whose found skills are all explicit already gets no extra text link)
    const withText = (await store.listPostings()).filter((p) => p.skills.some((l) => l.provenance.kind === 'text')).length;
    expect(withText).toBeGreaterThan(postings.length / 2);
    for (const c of await store.listCandidates()) expect(c.experienceSkills, c.id).toBeDefined();
    const linked = (await store.listCandidates()).filter((c) => (c.experienceSkills?.length ?? 0) > 0).length;
    expect(linked).toBeGreaterThan(candidates.length / 2);
    await store.close();
  }, 480_000);
});
