/**
 * Linking throughput by number of `skillgraph worker` processes (issue 19): the sample taxonomy and the
 * first N sample postings in a fresh SQLite file (or a running Neo4j with --neo4j, cleared first), then
 * W workers started together with `--once`; documents per second from the first worker's start to the
 * last one's exit (model start-up included, as a deployment pays it once per worker).
 *
 *   npx tsx bench/link-workers.ts --postings 120 --workers 1,2
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import { freshStore } from './lib/fresh-store.ts';
import { markdownTable } from './lib/markdown-table.ts';

const { values } = parseArgs({ options: { postings: { type: 'string', default: '120' }, workers: { type: 'string', default: '1,2' }, batch: { type: 'string', default: '16' }, neo4j: { type: 'string' } } });
const nPostings = Number(values.postings);
const counts = values.workers.split(',').map(Number);
if (!Number.isInteger(nPostings) || nPostings < 1 || counts.some((c) => !Number.isInteger(c) || c < 1)) throw new Error('invalid --postings / --workers');
const CLI = fileURLToPath(new URL('../cli/skillgraph.mjs', import.meta.url));
const sample = await loadSample();
const dir = mkdtempSync(join(tmpdir(), 'skillgraph-link-workers-'));
const rows: string[][] = [];
const load0 = loadavg()[0]!;

for (const [run, workers] of counts.entries()) {
  const file = join(dir, `q${run}.db`);
  const store = await freshStore(values.neo4j, file);
  await store.importTaxonomy(sample.taxonomy);
  await store.putRecords({ postings: sample.records.postings!.slice(0, nPostings) });
  const env = values.neo4j ? { ...process.env, SKILLGRAPH_STORE: 'neo4j', NEO4J_URI: values.neo4j } : process.env;
  const args = [CLI, 'worker', ...(values.neo4j ? [] : ['--db', file]), '--once', '--batch', values.batch, '--idle-ms', '200'];
  const t0 = performance.now();
  const exits = Array.from({ length: workers }, () => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    return new Promise<string>((ok, fail) => child.once('exit', (code) => (code === 0 ? ok(out) : fail(new Error(`worker exited ${code}: ${out}`)))));
  });
  const outs = await Promise.all(exits);
  const s = (performance.now() - t0) / 1000;
  const stats = await store.linkQueueStats(/linking with (\S+);/.exec(outs[0]!)![1]!);
  const per = outs.map((o) => Number(/done: (\d+) documents/.exec(o)?.[1] ?? 0));
  rows.push([String(workers), String(stats.done), `${s.toFixed(1)} s`, (stats.done / s).toFixed(1), per.join(' + ')]);
  await store.close();
}
rmSync(dir, { recursive: true, force: true });
console.log(`${nPostings} sample postings, ${values.neo4j ? 'Neo4j' : 'SQLite file'}, batch ${values.batch}, node ${process.version}, ${cpus().length} cores, load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`);
console.log('');
console.log(markdownTable(['workers', 'documents', 'wall time', 'docs/s', 'per worker'], rows));
