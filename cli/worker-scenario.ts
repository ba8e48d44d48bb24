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

/**
 * Issue 19, shared by the SQLite and the Neo4j tests: `store` is EMPTY. A long-running `skillgraph worker`
 * (short lease, renewed while it links) links the stored documents; then
 *  - a candidate's experience is rewritten (by another writer, here the test): the worker links it again;
 *  - a taxonomy import adds a skill (`import esco` would): the worker rebuilds its linker, every document
 *    is linked again, and the posting that names the new skill gets it;
 *  - a second worker joins meanwhile: no claim is lost to it while the first one is alive (heartbeat).
 */
export async function workerFollowsChanges(store: GraphStore, sample: SampleData, args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  await store.importTaxonomy(sample.taxonomy);
  const bee = { id: 'urn:test:skill:beekeeping', source: 'esco', preferredLabel: 'beekeeping', altLabels: ['apiculture'], hiddenLabels: [], description: 'Keeping colonies of honey bees in hives.', skillType: 'skill/competence', reuseLevel: 'sector-specific' } as const;
  const apiary = { ...sample.records.postings![0]!, id: 'urn:test:posting:apiary', title: 'Apiary assistant', description: 'You will do beekeeping every day: inspect the hives and keep the bee colonies healthy.', skills: [] };
  const postings = [...sample.records.postings!.slice(0, 6), apiary];
  const candidate = sample.records.candidates!.find((c) => c.experience.trim())!;
  await store.putRecords({ postings, candidates: [candidate] });
  const total = postings.length + 1;

  const start = (extra: readonly string[]): { out: () => string; stop: () => Promise<void> } => {
    const child = spawn(process.execPath, [CLI, 'worker', ...args, '--batch', '4', '--lease-ms', '1500', '--idle-ms', '200', ...extra], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    return {
      out: () => out,
      stop: async () => {
        if (child.exitCode === null) {
          child.kill('SIGTERM');
          await new Promise((r) => child.once('exit', r));
        }
      },
    };
  };
  const until = async (what: string, ok: () => Promise<boolean>, out: () => string): Promise<void> => {
    const t0 = Date.now();
    while (!(await ok())) {
      if (Date.now() - t0 > 300_000) throw new Error(`timed out waiting for ${what}:\n${out()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const a = start([]);
  const b = { out: () => '', stop: async () => {} };
  try {
    let model = '';
    await until('the first linking', async () => {
      model ||= /linking with (\S+);/.exec(a.out())?.[1] ?? '';
      return model !== '' && (await store.linkQueueStats(model)).done === total;
    }, a.out);
    expect((await store.getPosting(apiary.id))!.skills.map((l) => l.skillId)).not.toContain(bee.id);

    // another writer rewrites the candidate's experience: linked again (the new sentence names a sample skill)
    const skill = sample.taxonomy.skills.find((s) => s.preferredLabel.split(' ').length >= 3 && /^[a-z ]+$/.test(s.preferredLabel))!;
    const experience = `Every day at work I ${skill.preferredLabel}.`;
    await store.putRecords({ candidates: [{ ...(await store.getCandidate(candidate.id))!, experience }] });
    await until('the rewritten candidate to be linked again', async () => {
      const c = await store.getCandidate(candidate.id);
      return (await store.linkQueueStats(model)).done === total && (c?.experienceSkills ?? []).some((l) => l.skillId === skill.id);
    }, a.out);
    for (const l of (await store.getCandidate(candidate.id))!.experienceSkills!) expect(experience).toContain(l.provenance.source);

    // a taxonomy import adds a skill: the running worker rebuilds its linker and links everything again
    await store.importTaxonomy({ skills: [bee], groups: [], broader: [], skillRelations: [], occupations: [], occupationSkills: [], crosswalk: [] }, { mode: 'merge' });
    Object.assign(b, start(['--once']));
    await until('the posting to be linked with the new skill', async () => {
      const s = await store.linkQueueStats(model);
      return s.pending === 0 && s.claimed === 0 && (await store.getPosting(apiary.id))!.skills.some((l) => l.skillId === bee.id);
    }, () => a.out() + b.out());
    expect(a.out()).toMatch(/taxonomy changed: linker rebuilt/);
    // the worker that was alive throughout lost nothing to the newcomer: its claims were renewed while it rebuilt and linked
    expect(a.out()).not.toMatch(/lost \(claim expired\)/);
    expect(b.out()).not.toMatch(/lost \(claim expired\)/);
    expect(await store.linkQueueStats(model)).toEqual({ pending: 0, claimed: 0, done: total });
  } finally {
    await a.stop();
    await b.stop();
  }
}
