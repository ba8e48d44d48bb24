/**
 * API replicas (issue 19): rankCandidates through ONE `skillgraph serve` process vs TWO behind HAProxy
 * (round robin), all on one SQLite file holding the sample data plus N generated candidates. Real
 * processes (bench/lib/serve-process.ts), autocannon in a worker thread of this process.
 *
 *   npx tsx bench/replicas.ts                                  # 20k candidates, 10 connections, 15 s per run
 *   npx tsx bench/replicas.ts --candidates 100000 --duration 20
 *   npx tsx bench/replicas.ts --neo4j bolt://127.0.0.1:7687    # the same on a running Neo4j (cleared first!)
 *
 * Needs `haproxy` on PATH for the two-process rows (Debian: apt-get install haproxy). Each run is one
 * unlimited-rate run (max throughput) and one at a fixed 300 req/s (the issue's goal: p99 ≤ 50 ms, zero errors).
 * Each request carries one of 100 admin keys in turn, so the per-key rate limit (600/min) stays out of the way.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KeyRing } from '../app/key-ring.ts';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { gql, startServeProcess, type ServeProcess } from './lib/serve-process.ts';
import { generateCandidateBatches } from './lib/generate-candidates.ts';
import { runLoad, type LoadResult } from './lib/load-client.ts';
import { freshStore } from './lib/fresh-store.ts';
import { markdownTable } from './lib/markdown-table.ts';

const { values } = parseArgs({
  options: {
    candidates: { type: 'string', default: '20000' },
    connections: { type: 'string', default: '10' },
    duration: { type: 'string', default: '15' },
    rate: { type: 'string', default: '300' },
    seed: { type: 'string', default: '20261129' },
    neo4j: { type: 'string' },
    /** Process counts to measure: 1 = one process direct, n > 1 = n processes behind HAProxy. */
    replicas: { type: 'string', default: '1,2' },
  },
});
const replicaCounts = values.replicas.split(',').map(Number);
if (replicaCounts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`invalid --replicas: ${values.replicas} (expected e.g. 1,2,4)`);
const int = (name: 'candidates' | 'connections' | 'duration' | 'rate' | 'seed'): number => {
  const v = Number(values[name]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`invalid --${name}: ${values[name]} (expected a positive integer)`);
  return v;
};
const candidates = int('candidates');
const connections = int('connections');
const duration = int('duration');
const rate = int('rate');
const log = (s: string): void => console.log(s);

const RANK = `query Rank($roleId: ID!) { rankCandidates(roleId: $roleId, first: 20) { __typename ... on RankedCandidateConnection {
  totalCount edges { score node { fit candidate { id name } requirements { label coverage } } } } ... on Error { message } } }`;

const dir = mkdtempSync(join(tmpdir(), 'skillgraph-replicas-'));
const file = join(dir, 'replicas.db');
const env: Record<string, string> = values.neo4j ? { SKILLGRAPH_STORE: 'neo4j', NEO4J_URI: values.neo4j } : {};

async function fill(): Promise<{ store: GraphStore; roles: string[]; keys: string[] }> {
  const sample = await loadSample();
  const store = await freshStore(values.neo4j, file);
  await store.importTaxonomy(sample.taxonomy);
  await store.putRecords({ credentials: sample.records.credentials ?? [], postings: sample.records.postings ?? [], roles: sample.records.roles ?? [] });
  const world = { credentials: sample.records.credentials ?? [], roles: sample.records.roles ?? [], skills: sample.taxonomy.skills };
  for (const batch of generateCandidateBatches(world, { count: candidates, seed: int('seed') })) await store.putRecords(batch);
  const ring = await KeyRing.open(store);
  const keys: string[] = [];
  for (let i = 0; i < 100; i++) keys.push((await ring.create({ role: 'admin' }, new Date())).key);
  return { store, roles: (sample.records.roles ?? []).map((r) => r.id).sort(), keys };
}

async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/** HAProxy in front of `backends` (round robin, HTTP keep-alive to the backends); returns its URL and process. */
async function startHaproxy(backends: readonly string[]): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const cfg = join(dir, 'haproxy.cfg');
  writeFileSync(cfg, haproxyConfig(port, backends));
  const check = spawnSync('haproxy', ['-c', '-f', cfg], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`haproxy -c failed: ${check.stdout}${check.stderr}`);
  const child = spawn('haproxy', ['-db', '-f', cfg], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return { url, child };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('haproxy did not come up');
}

/** The HAProxy config (docs/SCALING.md shows the same): round robin, health checks on /healthz, keep-alive. */
export function haproxyConfig(port: number, backends: readonly string[]): string {
  return `global
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  option http-keep-alive
frontend graphql
  bind 127.0.0.1:${port}
  default_backend skillgraph
backend skillgraph
  balance roundrobin
  option httpchk GET /healthz
  http-reuse always
${backends.map((b, i) => `  server api${i + 1} ${b.replace(/^http:\/\//, '')} check inter 2s`).join('\n')}
`;
}

async function measure(name: string, url: string, roles: readonly string[], keys: readonly string[], overallRate?: number): Promise<LoadResult> {
  const requests = Array.from({ length: roles.length * 10 }, (_, i) => ({
    body: JSON.stringify({ query: RANK, variables: { roleId: roles[i % roles.length] } }),
    headers: { authorization: `Bearer ${keys[i % keys.length]}` },
    expect: ['"__typename":"RankedCandidateConnection"'],
  }));
  const [r] = await runLoad([{ name, url, connections, durationS: duration, requests, ...(overallRate ? { overallRate } : {}) }]);
  return r!;
}

log(`filling: sample data + ${candidates.toLocaleString('en-US')} generated candidates (${values.neo4j ? 'Neo4j' : 'SQLite file'})`);
const t0 = performance.now();
const { store, roles, keys } = await fill();
log(`  filled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const results: string[][] = [];
const row = (setup: string, r: LoadResult): string[] => [setup, r.name, r.requestsPerSecond.toFixed(0), `${r.p50.toFixed(1)} ms`, `${r.p99.toFixed(1)} ms`, `${r.max.toFixed(1)} ms`, String(r.errors + r.non2xx + r.mismatches)];
const warm = async (url: string): Promise<void> => {
  for (const roleId of roles) await gql(url, keys[0]!, RANK, { roleId });
};
const processes: ServeProcess[] = [];
const load0 = loadavg()[0]!;
try {
  const haproxy = spawnSync('haproxy', ['-v'], { encoding: 'utf8' }).status === 0;
  for (const n of replicaCounts) {
    if (n > 1 && !haproxy) {
      log(`haproxy not found: ${n}-process rows skipped (apt-get install haproxy)`);
      continue;
    }
    while (processes.length < n) {
      const t1 = performance.now();
      const p = await startServeProcess({ ...(values.neo4j ? {} : { db: file }), env });
      processes.push(p);
      log(`  process ${processes.length} up in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
      await warm(p.url);
    }
    const setup = n === 1 ? '1 process' : `${n} processes + HAProxy`;
    const lb = n === 1 ? null : await startHaproxy(processes.slice(0, n).map((p) => p.url));
    const url = lb?.url ?? processes[0]!.url;
    try {
      if (lb) await warm(lb.url);
      results.push(row(setup, await measure('max', url, roles, keys)));
      results.push(row(setup, await measure(`${rate} req/s`, url, roles, keys, rate)));
    } finally {
      lb?.child.kill('SIGTERM');
    }
  }
  log('');
  log(`${candidates.toLocaleString('en-US')} candidates on ${values.neo4j ? 'Neo4j' : 'one SQLite file'}, rankCandidates(first: 20) over ${roles.length} roles, ${connections} connections, ${duration} s per run, node ${process.version}, ${cpus().length} cores, load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`);
  log('');
  log(markdownTable(['setup', 'load', 'req/s', 'p50', 'p99', 'max', 'errors'], results));
} finally {
  await Promise.all(processes.map((p) => p.stop()));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
