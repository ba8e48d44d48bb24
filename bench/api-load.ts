/**
 * API load (issue 7): rankCandidates over 100k generated candidates against a trivial query, on the
 * same server, at fixed concurrency. The server is its own process (api/main.ts, as `skillgraph serve`
 * runs it, on a SQLite file); autocannon runs in a worker thread of this one.
 *
 *   npx tsx bench/api-load.ts                                   # 100k candidates, 10 connections, 20 s each
 *   npx tsx bench/api-load.ts --candidates 10000 --connections 20 --duration 10
 *   npx tsx bench/api-load.ts --breakdown    # also: CPU per request of each layer, in-process
 *
 * Goal: rankCandidates(first: 20) p99 ≤ 50 ms at ≥ 300 requests/s on 2 cores, zero errors.
 * Prints a markdown table: requests/s, p50, p97.5, p99, max latency, errors/non-2xx/wrong bodies,
 * and the ratio of the two queries.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { gaps } from '../app/gaps.ts';
import { rankCandidates } from '../app/rank-candidates.ts';
import { roleProfile } from '../app/roles.ts';
import { upsertCandidate } from '../app/upsert-candidate.ts';
import { localOperator } from '../app/principal.ts';
import { createRankingIndex } from '../engine/rank/ranking-index.ts';
import { markdownTable } from './lib/markdown-table.ts';
import { runLoad, type LoadResult } from './lib/load-client.ts';
import { gqlOnce, startLoadWorld } from './lib/load-world.ts';

const { values } = parseArgs({
  options: {
    candidates: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '10' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    seed: { type: 'string', default: '20261129' },
    first: { type: 'string', default: '20' },
    /** Also time the layers in-process (engine ranking, explanations, GraphQL) by server-thread CPU. */
    breakdown: { type: 'boolean', default: false },
  },
});
function int(name: keyof typeof values, min: number): number {
  const v = Number(values[name]);
  if (!Number.isInteger(v) || v < min) throw new Error(`invalid --${name}: ${values[name]} (expected an integer ≥ ${min})`);
  return v;
}
const candidates = int('candidates', 1);
const connections = int('connections', 1);
const duration = int('duration', 1);
const warmup = int('warmup', 0);
const seed = int('seed', 0);
const first = int('first', 1);

const RANK_QUERY = `query Rank($roleId: ID!, $first: Int) {
  rankCandidates(roleId: $roleId, first: $first) {
    __typename
    ... on RankedCandidateConnection {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        score
        node {
          fit
          candidate { id name }
          requirements {
            label essential coverage verifiedCoverage
            best { match similarity evidenceKind verification credential { id name } heldSkill { id preferredLabel } }
          }
        }
      }
    }
    ... on Error { message }
  }
}`;
const TRIVIAL_QUERY = '{ skillGroupRoots { id } }';

const log = (s: string): void => console.log(s);
log(`building: sample taxonomy + ${candidates.toLocaleString('en-US')} generated candidates (SQLite file), seed ${seed}`);
const w = await startLoadWorld({ candidates, seed, rateLimit: 1e9, log });
log(`  filled in ${w.timings.fillS.toFixed(1)} s; server started in ${w.timings.serverS.toFixed(1)} s; listening on ${w.url}`);

const roleIds = [...w.workspace.records.roles.keys()].sort();
const auth = { authorization: `Bearer ${w.adminKey}` };
const first1 = await gqlOnce(w.url, RANK_QUERY, { roleId: roleIds[0], first }, w.adminKey);
if (!first1.text.includes('RankedCandidateConnection')) throw new Error(`warm-up rank failed: ${first1.text.slice(0, 500)}`);
log(`  first rank (builds profiles + ranking index): ${first1.ms.toFixed(0)} ms`);
const second = await gqlOnce(w.url, RANK_QUERY, { roleId: roleIds[1], first }, w.adminKey);
log(`  second rank: ${second.ms.toFixed(1)} ms, ${second.text.length.toLocaleString('en-US')} bytes`);

const rankRequests = roleIds.map((roleId) => ({ body: JSON.stringify({ query: RANK_QUERY, variables: { roleId, first } }), headers: auth, expect: ['"__typename":"RankedCandidateConnection"'] }));
const trivialRequests = [{ body: JSON.stringify({ query: TRIVIAL_QUERY }), headers: auth, expect: ['"skillGroupRoots":[{'] }];
const spec = (name: string, requests: typeof rankRequests, durationS: number) => ({ name, url: w.url, connections, durationS, requests });

if (warmup > 0) {
  log(`warm-up: ${warmup} s each`);
  await runLoad([spec('warm rank', rankRequests, warmup)]);
  await runLoad([spec('warm trivial', trivialRequests, warmup)]);
}
/** CPU ms of the server process's main thread: utime + stime of /proc/<pid>/task/<pid>, Linux only. */
function serverThreadCpuMs(pid = w.server.pid!): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}
async function measured(name: string, requests: typeof rankRequests): Promise<LoadResult & { cpuMsPerRequest: number | null }> {
  const cpu0 = serverThreadCpuMs();
  const [r] = await runLoad([spec(name, requests, duration)]);
  const cpu1 = serverThreadCpuMs();
  return { ...r!, cpuMsPerRequest: cpu0 !== null && cpu1 !== null ? (cpu1 - cpu0) / Math.max(1, r!.total) : null };
}
const serverRss = (): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${w.server.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
const rssBefore = serverRss();
const load0 = loadavg()[0]!;
log(`measuring: ${connections} connections, ${duration} s each, ${roleIds.length} roles in turn (load average ${load0.toFixed(1)})`);
const rank = await measured(`rankCandidates(first: ${first})`, rankRequests);
const trivial = await measured('{ skillGroupRoots { id } }', trivialRequests);
const rssAfter = serverRss();

const ms = (x: number): string => `${x.toFixed(1)} ms`;
const row = (r: Awaited<ReturnType<typeof measured>>): string[] => [r.name, r.requestsPerSecond.toFixed(0), ms(r.p50), ms(r.p975), ms(r.p99), ms(r.max), r.cpuMsPerRequest === null ? 'n/a' : ms(r.cpuMsPerRequest), String(r.errors), String(r.non2xx), String(r.mismatches)];
log('');
log(`${candidates.toLocaleString('en-US')} candidates, ${connections} connections, ${duration} s, node ${process.version}, ${(await import('node:os')).cpus().length} cores, load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`);
log('');
log(markdownTable(['query', 'req/s', 'p50', 'p97.5', 'p99', 'max', 'server CPU/req', 'errors', 'non-2xx', 'wrong body'], [row(rank), row(trivial)]));
log('');
log(`ratio trivial/rank: throughput ${(trivial.requestsPerSecond / rank.requestsPerSecond).toFixed(2)} ×, p99 rank/trivial ${(rank.p99 / Math.max(trivial.p99, 0.001)).toFixed(2)} ×`);
log('server CPU/req: CPU time of the server thread over the run ÷ requests (1000 / it = the req/s one free core could serve).');
log(`RSS ${(rssBefore / 2 ** 20).toFixed(0)} MiB before, ${(rssAfter / 2 ** 20).toFixed(0)} MiB after (the server process)`);
for (const r of [rank, trivial]) if (r.firstMismatch) log(`first wrong body (${r.name}): ${r.firstMismatch}`);
const pass = rank.p99 <= 50 && rank.requestsPerSecond >= 300 && rank.errors + rank.non2xx + rank.mismatches === 0;
log(`goal (p99 ≤ 50 ms at ≥ 300 req/s, zero errors): ${pass ? 'MET' : 'MISSED'}`);
if (values.breakdown) {
  // CPU per call of each layer: the engine and the use-case in this process (the bench's workspace on
  // the same store), GraphQL over HTTP in the server process (its main thread's CPU)
  const now = new Date();
  const ws = w.workspace;
  const selfCpuMs = (): number | null => serverThreadCpuMs(process.pid);
  const profiles = [...ws.records.candidates.keys()].map((id) => ws.profile(id, now));
  const index = createRankingIndex(ws.graph, profiles, { scorer: ws.scorer });
  const fetchQuery = (query: string) => async (roleId: string): Promise<void> => {
    const res = await fetch(`${w.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ query, variables: { roleId, first } }) });
    await res.text();
  };
  const layers: [string, (roleId: string) => unknown, () => number | null][] = [
    ['engine: ranking index, no explanations', (r) => index.rank(roleProfile(ws, r), { top: first, explain: false }), selfCpuMs],
    [`engine: ranking index + ${first} explanations`, (r) => index.rank(roleProfile(ws, r), { top: first }), selfCpuMs],
    ['app: rankCandidates (cached page)', (r) => rankCandidates(ws, localOperator, { roleId: r, first }, now), selfCpuMs],
    ['GraphQL: full selection (the bench query), server CPU', fetchQuery(RANK_QUERY), serverThreadCpuMs],
    ['GraphQL: full selection minus best.credential, server CPU', fetchQuery(RANK_QUERY.replace(' credential { id name }', '')), serverThreadCpuMs],
    ['GraphQL: score + candidate id only, server CPU', fetchQuery('query($roleId: ID!, $first: Int) { rankCandidates(roleId: $roleId, first: $first) { ... on RankedCandidateConnection { edges { score node { candidate { id } } } } } }'), serverThreadCpuMs],
    ['GraphQL: { skillGroupRoots { id } }, server CPU', fetchQuery(TRIVIAL_QUERY), serverThreadCpuMs],
  ];
  const reps = 100;
  const rows: string[][] = [];
  // an upsert marks the candidate changed: the next rank applies it to the index incrementally
  const someone = ws.records.candidates.get(ws.records.candidates.keys().next().value!)!;
  for (let i = 0; i < 3; i++) {
    await upsertCandidate(ws, localOperator, { id: someone.id, name: someone.name });
    const c0 = selfCpuMs();
    const t0 = performance.now();
    rankCandidates(ws, localOperator, { roleId: roleIds[i]!, first }, now);
    const c1 = selfCpuMs();
    if (i === 2) rows.push(['app: rankCandidates right after an upsertCandidate (incremental update)', c0 === null || c1 === null ? 'n/a' : ms(c1 - c0), ms(performance.now() - t0)]);
  }
  for (const by of ['group', 'skill'] as const) {
    const c0 = selfCpuMs();
    const t0 = performance.now();
    gaps(ws, localOperator, { by }, now);
    const c1 = selfCpuMs();
    rows.push([`app: gaps(${by}) over all candidates`, c0 === null || c1 === null ? 'n/a' : ms(c1 - c0), ms(performance.now() - t0)]);
  }
  for (const [label, fn, cpu] of layers) {
    for (let i = 0; i < 10; i++) await fn(roleIds[i % roleIds.length]!);
    const c0 = cpu();
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) await fn(roleIds[i % roleIds.length]!);
    const c1 = cpu();
    rows.push([label, c0 === null || c1 === null ? 'n/a' : ms((c1 - c0) / reps), ms((performance.now() - t0) / reps)]);
  }
  log('');
  log(`in-process breakdown (${reps} calls each, roles in turn):`);
  log('');
  log(markdownTable(['layer', 'CPU/call', 'wall/call'], rows));
}
await w.close();
