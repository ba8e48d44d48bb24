/**
 * Child process for the SQLite crash-safety and concurrent-writer tests (taxonomy/stores/sqlite/crash.test.ts,
 * concurrent-writers.test.ts). It writes to a store and prints markers on stdout (synchronously, so the parent
 * sees a marker before the next statement runs) so the parent can SIGKILL it in the middle of a write:
 *
 *   node --import tsx scripts/crash-child.ts esco <db> [--pause-at <phase>:<rows>]
 *     loadEsco(esco-v1.1.1) then importTaxonomy (replace). Prints LOADED, WRITING, PROGRESS <phase> <done>,
 *     COMMITTED, CLOSED. With --pause-at, it prints PAUSED inside the open transaction and blocks (60 s max).
 *   node --import tsx scripts/crash-child.ts records <db> --kind credentials|awards --prefix <p> --seed <n>
 *                                             --batches <k> --size <n> [--retry] [--pause-at <batch>]
 *     k putRecords calls of n generated records each; prints WRITING <i> before and COMMITTED <i> after
 *     batch i, then DONE retries=<r> busy=<b>. --retry retries retryable TaxonomyErrors (STORE_UNAVAILABLE).
 *     --pause-at-row <n> (with --pause-at <batch>): pause when the store takes the chunk of records starting at
 *     row >= n instead (the Neo4j store: after the UNWIND batches of rows 0..n-1 ran in the open transaction).
 *
 * <db> is a SQLite file, or a `bolt://` / `neo4j://` URI to write to a Neo4j store instead (auth and database from
 * NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE; `--batch-rows <n>` sets its rows per UNWIND statement).
 *
 * The generators are exported so the parent can compute the exact expected contents.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TaxonomyError } from '../taxonomy/model/errors.ts';
import type { Award, Candidate, Credential, RecordsBatch } from '../taxonomy/model/types.ts';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { createNeo4jStore } from '../taxonomy/stores/neo4j/neo4j-store.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';

/** mulberry32: a tiny seeded generator (scripts may not use Math.random for reproducible runs). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Candidates and credentials every award batch refers to (the parent writes them before the child runs). */
export function awardBaseline(count = 50): RecordsBatch {
  const candidates: Candidate[] = Array.from({ length: count }, (_, i) => ({
    id: `urn:crash:cand:${i}`,
    name: `Candidate ${i}`,
    sharedWith: [],
    claimedSkills: [],
    experience: 'Welding, then data analysis.',
    location: 'Tampere',
  }));
  return { candidates, credentials: Array.from({ length: count }, (_, i) => credential(`urn:crash:base-cred:${i}`, rng(i))) };
}

function credential(id: string, r: () => number): Credential {
  return {
    id,
    format: 'ob3',
    name: `Credential ${id.slice(-12)} ${'ä'.repeat(Math.floor(r() * 5))}`,
    description: 'A generated credential for crash tests. '.repeat(1 + Math.floor(r() * 20)),
    issuer: { id: 'urn:crash:issuer', name: 'Crash Test University' },
    credentialType: 'badge',
    level: ['beginner', 'intermediate', 'advanced', ''][Math.floor(r() * 4)] as string,
    cost: r() < 0.5 ? null : Math.round(r() * 100_000) / 100,
    hours: r() < 0.5 ? null : Math.round(r() * 400),
    // A reference to a taxonomy skill (the contract fixture's) makes the store read before it writes.
    skills: [{ skillId: 'http://data.europa.eu/esco/skill/python', confidence: 1, provenance: { kind: 'alignment', source: 'alignment[0].targetUrl', span: null } }],
    requires: [],
    isPartOf: [],
  };
}

/** Batch `i` of a writer: `size` records of `kind`, ids `<prefix>:<i>:<j>`, deterministic in (prefix, seed, i). */
export function recordBatch(kind: 'credentials' | 'awards', prefix: string, seed: number, i: number, size: number): RecordsBatch {
  const r = rng(seed * 1_000_003 + i);
  if (kind === 'credentials') return { credentials: Array.from({ length: size }, (_, j) => credential(`${prefix}:${i}:${j}`, r)) };
  const base = awardBaseline();
  const n = base.candidates?.length as number;
  const awards: Award[] = Array.from({ length: size }, (_, j) => ({
    id: `${prefix}:${i}:${j}`,
    candidateId: `urn:crash:cand:${Math.floor(r() * n)}`,
    credentialId: `urn:crash:base-cred:${Math.floor(r() * n)}`,
    issuedOn: `2025-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 10)}`,
    expiresOn: r() < 0.5 ? null : '2030-01-01',
    verification: 'unverified',
  }));
  return { awards };
}

function say(line: string): void {
  writeSync(1, `${line}\n`);
}

/** Blocks the thread (inside the open transaction) until killed; gives up after 60 s. */
function pause(): void {
  say('PAUSED');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}

/**
 * The batch with a `roles` getter that pauses on its third read: the store reads each kind while validating,
 * while collecting references, then while writing in order credentials → candidates → postings → roles →
 * awards, so the third read happens inside the transaction after the credentials were written.
 */
function pausingBatch(batch: RecordsBatch): RecordsBatch {
  let reads = 0;
  return {
    ...batch,
    get roles() {
      if (++reads === 3) pause();
      return batch.roles;
    },
  };
}

/**
 * The batch with its `kind` array wrapped so that taking a chunk starting at row >= `row` (the Neo4j store's
 * `records.slice(i, i + batchRows)` per UNWIND statement, inside the transaction) pauses once.
 */
function pausingAtRow(batch: RecordsBatch, kind: 'credentials' | 'awards', row: number): RecordsBatch {
  const records = batch[kind] ?? [];
  let paused = false;
  const wrapped = new Proxy(records, {
    get(target, key, receiver) {
      if (key !== 'slice') return Reflect.get(target, key, receiver);
      return (start?: number, end?: number) => {
        if (!paused && (start ?? 0) >= row) {
          paused = true;
          pause();
        }
        return target.slice(start, end);
      };
    },
  });
  return { ...batch, [kind]: wrapped };
}

const NEO4J_URI = /^(bolt|neo4j)(\+s|\+ssc)?:\/\//;

/** A SQLite store at a file path, or a Neo4j store at a bolt/neo4j URI. */
async function openStore(target: string, args: readonly string[]): Promise<GraphStore> {
  if (!NEO4J_URI.test(target)) return createSqliteStore(resolve(target));
  const env = process.env;
  const batchRows = option(args, '--batch-rows');
  return createNeo4jStore({
    uri: target,
    ...(env['NEO4J_USER'] ? { user: env['NEO4J_USER'], password: env['NEO4J_PASSWORD'] ?? '' } : {}),
    ...(env['NEO4J_DATABASE'] ? { database: env['NEO4J_DATABASE'] } : {}),
    ...(batchRows !== undefined ? { batchRows: numberOption(args, '--batch-rows', 5_000) } : {}),
  });
}

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function numberOption(args: readonly string[], name: string, fallback: number): number {
  const raw = option(args, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`invalid ${name}: ${raw}`);
  return n;
}

async function runEsco(db: string, args: readonly string[]): Promise<void> {
  const pauseAt = option(args, '--pause-at');
  const [pausePhase, pauseRows] = pauseAt ? [pauseAt.split(':')[0], Number(pauseAt.split(':')[1])] : [undefined, 0];
  const data = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
  say('LOADED');
  const store = await openStore(db, args);
  say('WRITING');
  await store.importTaxonomy(data, {
    onProgress: (phase, done) => {
      say(`PROGRESS ${phase} ${done}`);
      if (phase === pausePhase && done >= pauseRows) pause();
    },
  });
  say('COMMITTED');
  await store.close();
  say('CLOSED');
}

async function runRecords(db: string, args: readonly string[]): Promise<void> {
  const kind = option(args, '--kind') ?? 'credentials';
  if (kind !== 'credentials' && kind !== 'awards') throw new Error(`invalid --kind: ${kind}`);
  const prefix = option(args, '--prefix') ?? 'urn:crash:w';
  const seed = numberOption(args, '--seed', 1);
  const batches = numberOption(args, '--batches', 1);
  const size = numberOption(args, '--size', 1000);
  const pauseBatch = option(args, '--pause-at');
  const pauseRow = option(args, '--pause-at-row') === undefined ? undefined : numberOption(args, '--pause-at-row', 0);
  const retry = args.includes('--retry');
  const store = await openStore(db, args);
  let retries = 0;
  let busy = 0;
  for (let i = 0; i < batches; i++) {
    const batch = recordBatch(kind, prefix, seed, i, size);
    say(`WRITING ${i}`);
    for (let attempt = 0; ; attempt++) {
      try {
        const pauseHere = pauseBatch !== undefined && Number(pauseBatch) === i;
        await store.putRecords(!pauseHere ? batch : pauseRow === undefined ? pausingBatch(batch) : pausingAtRow(batch, kind, pauseRow));
        break;
      } catch (e) {
        if (!(e instanceof TaxonomyError) || !e.retryable || !retry || attempt >= 50) throw e;
        if (e.code === 'STORE_UNAVAILABLE') busy++;
        retries++;
        await new Promise((r) => setTimeout(r, 5 + Math.floor(rng(seed + attempt)() * 20)));
      }
    }
    say(`COMMITTED ${i}`);
  }
  await store.close();
  say(`DONE retries=${retries} busy=${busy}`);
}

async function main(argv: readonly string[]): Promise<void> {
  const [what, db, ...args] = argv;
  if (!db) throw new Error('usage: crash-child.ts esco|records <db> [options]');
  if (what === 'esco') await runEsco(db, args);
  else if (what === 'records') await runRecords(db, args);
  else throw new Error(`invalid command: ${what}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    say(`ERROR ${e instanceof TaxonomyError ? e.code : (e as Error)?.name} ${(e as Error)?.message}`);
    process.exitCode = 1;
  });
}

// ------------------------------------------------------------------------------------ parent helpers

/** Absolute path of this script, for spawning it. */
export const CRASH_CHILD = fileURLToPath(import.meta.url);

export interface Child {
  readonly process: ChildProcess;
  /** Every stdout line so far. */
  readonly lines: readonly string[];
  /** Resolves with the first line (already seen or future) matching `pattern`; rejects after `ms` or on exit. */
  waitFor(pattern: RegExp, ms?: number): Promise<string>;
  /** Resolves when the child has exited: its exit code and signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL (no cleanup, no close: the closest thing to pulling the plug a test can do). */
  kill(): Promise<void>;
}

/** Spawns `node --import tsx scripts/crash-child.ts ...args` and collects its markers. */
export function spawnChild(args: readonly string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', CRASH_CHILD, ...args], { cwd: resolve(dirname(CRASH_CHILD), '..'), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (l: string) => void }[] = [];
  let buffered = '';
  let stderr = '';
  proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let nl = buffered.indexOf('\n');
    while (nl >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
      nl = buffered.indexOf('\n');
    }
  });
  proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => proc.on('exit', (code, signal) => res({ code, signal })));
  return {
    process: proc,
    lines,
    exited,
    waitFor(pattern, ms = 120_000) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`no ${pattern} within ${ms} ms; lines: ${lines.slice(-5).join(' | ')}; stderr: ${stderr}`)), ms);
        const w = { pattern, resolve: (l: string) => (clearTimeout(timer), res(l)) };
        waiters.push(w);
        void exited.then(({ code, signal }) => {
          if (!waiters.includes(w)) return;
          clearTimeout(timer);
          rej(new Error(`child exited (${code ?? signal}) before ${pattern}; lines: ${lines.slice(-5).join(' | ')}; stderr: ${stderr}`));
        });
      });
    },
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}

/** `PRAGMA integrity_check` and `foreign_key_check` of a database file (opening it runs WAL recovery). */
export function checkIntegrity(file: string): { integrity: string; foreignKeyViolations: number } {
  const db = new Database(file);
  try {
    return { integrity: String(db.pragma('integrity_check', { simple: true })), foreignKeyViolations: (db.pragma('foreign_key_check') as unknown[]).length };
  } finally {
    db.close();
  }
}
