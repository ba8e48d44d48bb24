import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { SampleData } from '../taxonomy/loaders/sample.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';

const CLI = join(fileURLToPath(new URL('../', import.meta.url)), 'cli', 'skillgraph.mjs');

/**
 * Issue 19, shared by the SQLite and the Neo4j tests: `store` is EMPTY; `args` / `env` point a
 * `skillgraph worker` at it. Fills 24 postings and 8 candidates with experience, starts worker A with a
 * short lease, SIGKILLs it once it has written a batch and holds the next, then runs worker B with
 * `--once`: B waits for A's lease to expire and takes the claim over. Every document ends up linked.
 */
export async function killedWorkerLosesNothing(store: GraphStore, sample: SampleData, args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  await store.importTaxonomy(sample.taxonomy);
  const postings = sample.records.postings!.slice(0, 24);
  const candidates = sample.records.candidates!.filter((c) => c.experience.trim()).slice(0, 8);
  await store.putRecords({ postings, candidates });

  const a = spawn(process.execPath, [CLI, 'worker', ...args, '--batch', '4', '--lease-ms', '4000', '--idle-ms', '200'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
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

  const b = spawnSync(process.execPath, [CLI, 'worker', ...args, '--batch', '8', '--once', '--idle-ms', '200'], { env, encoding: 'utf8', timeout: 240_000 });
  expect(b.status, b.stdout + b.stderr).toBe(0);
  expect(await store.linkQueueStats(model)).toEqual({ pending: 0, claimed: 0, done: postings.length + candidates.length });
  // (a posting whose found skills are all explicit already gets no extra text link)
  const withText = (await store.listPostings()).filter((p) => p.skills.some((l) => l.provenance.kind === 'text')).length;
  expect(withText).toBeGreaterThan(postings.length / 2);
  for (const c of await store.listCandidates()) expect(c.experienceSkills, c.id).toBeDefined();
  const linked = (await store.listCandidates()).filter((c) => (c.experienceSkills?.length ?? 0) > 0).length;
  expect(linked).toBeGreaterThan(candidates.length / 2);
}
