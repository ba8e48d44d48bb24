/**
 * A replica's start-up time and memory as the store grows (issue 19, docs/SCALING.md): loads the sample
 * plus generated candidates (with their awards) into one store in batches, and at each checkpoint starts
 * a real `skillgraph serve` on it (no model, no dashboard) and measures
 *   - ready: from spawn to "GraphQL API … listening" (CLI start, store open, Workspace.open over every record, and
 *     since issue 18 round 8 the warm-up: every skill profile and the ranking index),
 *   - first rank: one rankCandidates over GraphQL (before the warm-up it built the profiles and the index),
 *   - RSS and heap after a full GC of the API process (its SIGUSR2 reading; the server runs with --expose-gc),
 * then stops it and loads on. Bytes per candidate come from the growth between checkpoints.
 *
 *   npx tsx bench/replica-startup.ts --checkpoints 100000,250000,500000 [--neo4j <bolt uri>] [--max-load-s 3600]
 *
 * The server gets NODE_OPTIONS=--max-old-space-size (--heap-mb, default 12288) so large worlds fit.
 * Loading stops at --max-load-s (the checkpoints not reached are reported as such).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KeyRing } from '../app/key-ring.ts';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import { freshStore } from './lib/fresh-store.ts';
import { generateCandidateBatches } from './lib/generate-candidates.ts';
import { markdownTable } from './lib/markdown-table.ts';
import { gql, startServeProcess } from './lib/serve-process.ts';

const { values } = parseArgs({
  options: {
    checkpoints: { type: 'string', default: '100000,250000,500000' },
    neo4j: { type: 'string' },
    'max-load-s': { type: 'string', default: '3600' },
    'heap-mb': { type: 'string', default: '12288' },
    batch: { type: 'string', default: '5000' },
  },
});
const checkpoints = values.checkpoints.split(',').map(Number);
if (checkpoints.some((n) => !Number.isInteger(n) || n < 0) || checkpoints.some((n, i) => i > 0 && n <= checkpoints[i - 1]!)) {
  throw new Error(`invalid --checkpoints: ${values.checkpoints} (increasing whole numbers)`);
}
const maxLoadMs = Number(values['max-load-s']) * 1000;
const heapMb = Number(values['heap-mb']);
const batchSize = Number(values.batch);
const neo4jUri = values.neo4j;
const dir = mkdtempSync(join(tmpdir(), 'skillgraph-startup-'));
const file = join(dir, 'store.db');
const load = (): string => loadavg()[0]!.toFixed(1);

/** The pids below `pid` (children first level, then theirs), from /proc. */
function descendants(pid: number): number[] {
  let kids: number[] = [];
  try {
    kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return kids.flatMap((k) => [k, ...descendants(k)]);
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

interface Row {
  readonly candidates: number;
  readonly awards: number;
  readonly loadS: number;
  readonly readyS: number;
  readonly firstRankS: number;
  readonly rss: number;
  readonly heap: number;
  readonly load: string;
}

async function measure(candidates: number, awards: number, loadS: number): Promise<Row> {
  const loadBefore = load();
  const env: Record<string, string> = { NODE_OPTIONS: `--max-old-space-size=${heapMb} --expose-gc`, NODE_ENV: 'production' };
  if (neo4jUri) Object.assign(env, { SKILLGRAPH_STORE: 'neo4j', NEO4J_URI: neo4jUri });
  const started = performance.now();
  const proc = await startServeProcess({ ...(neo4jUri ? {} : { db: file }), env, followMs: 1000, timeoutMs: 3_600_000 });
  const readyS = (performance.now() - started) / 1000;
  try {
    // the API process is the CLI's child (api/main.ts); its SIGUSR2 prints RSS and the heap after a GC
    const api = descendants(proc.pid).find((p) => /api\/main\.ts/.test(readFileSync(`/proc/${p}/cmdline`, 'utf8')));
    if (!api) throw new Error('API process not found');
    const t = performance.now();
    const ranked = await gql<{ rankCandidates: { __typename: string } }>(proc.url, key, 'query($r: ID!) { rankCandidates(roleId: $r, first: 20) { __typename ... on RankedCandidateConnection { totalCount } ... on Error { message } } }', { r: roleId });
    if (ranked.rankCandidates.__typename !== 'RankedCandidateConnection') throw new Error(`rankCandidates: ${JSON.stringify(ranked)}`);
    const firstRankS = (performance.now() - t) / 1000;
    const before = proc.output().length;
    process.kill(api, 'SIGUSR2');
    let m: RegExpExecArray | null = null;
    for (let i = 0; i < 600 && !m; i++) {
      await new Promise((r) => setTimeout(r, 100));
      m = /memory rss=(\d+) heap=(\d+)/.exec(proc.output().slice(before));
    }
    const rss = m ? Number(m[1]) : rssOf(api);
    return { candidates, awards, loadS, readyS, firstRankS, rss, heap: m ? Number(m[2]) : NaN, load: `${loadBefore} → ${load()}` };
  } finally {
    await proc.stop();
  }
}


const sample = await loadSample();
const roleId = sample.records.roles![0]!.id;
const store = await freshStore(neo4jUri, file);
const rows: Row[] = [];
let key = '';
let reached = 0;
let awards = 0;
let loadMs = 0;
try {
  await store.importTaxonomy(sample.taxonomy);
  await store.putRecords(sample.records);
  key = (await (await KeyRing.open(store)).create({ role: 'admin' }, new Date())).key;
  const world = { credentials: sample.records.credentials ?? [], roles: sample.records.roles ?? [], skills: sample.taxonomy.skills };
  const last = checkpoints[checkpoints.length - 1]!;
  const gen = generateCandidateBatches(world, { count: last, seed: 7, batchSize });
  let timedOut = false;
  for (const cp of checkpoints) {
    while (reached < cp && !timedOut) {
      const next = gen.next();
      if (next.done) break;
      const t = performance.now();
      await store.putRecords(next.value);
      loadMs += performance.now() - t;
      reached += next.value.candidates.length;
      awards += next.value.awards.length;
      if (reached % 50_000 < batchSize) process.stderr.write(`loaded ${reached} candidates (${awards} awards) in ${(loadMs / 1000).toFixed(0)} s, load ${load()}\n`);
      if (loadMs > maxLoadMs) timedOut = true;
    }
    if (reached < cp) {
      process.stderr.write(`stopped loading at ${reached} candidates (--max-load-s ${values['max-load-s']})\n`);
      if (reached > (rows[rows.length - 1]?.candidates ?? 0)) rows.push(await measure(reached, awards, loadMs / 1000));
      break;
    }
    rows.push(await measure(reached, awards, loadMs / 1000));
    const r = rows[rows.length - 1]!;
    process.stderr.write(`${r.candidates}: ready ${r.readyS.toFixed(1)} s, first rank ${r.firstRankS.toFixed(1)} s, rss ${(r.rss / 2 ** 20).toFixed(0)} MiB, heap ${(r.heap / 2 ** 20).toFixed(0)} MiB\n`);
  }
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

const mib = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;
console.log(`replica start-up on ${neo4jUri ? 'Neo4j (scripts/neo4j)' : 'a SQLite file'}; sample (1 000 candidates) + generated; server heap limit ${heapMb} MB; node ${process.version}`);
console.log('');
console.log(markdownTable(['candidates', 'awards', 'load (cumulative)', 'ready', 'first rank', 'RSS', 'heap after GC', 'bytes/candidate vs previous row (heap; RSS)', 'load avg'], rows.map((r, i) => {
  const prev = rows[i - 1];
  const per = prev ? `${((r.heap - prev.heap) / (r.candidates - prev.candidates)).toFixed(0)}; ${((r.rss - prev.rss) / (r.candidates - prev.candidates)).toFixed(0)}` : '';
  return [
    r.candidates.toLocaleString('en-US'),
    r.awards.toLocaleString('en-US'),
    `${r.loadS.toFixed(0)} s`,
    `${r.readyS.toFixed(1)} s`,
    `${r.firstRankS.toFixed(1)} s`,
    mib(r.rss),
    mib(r.heap),
    per,
    r.load,
  ];
})));
