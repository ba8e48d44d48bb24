/**
 * Visibility delay under a write load (issue 19): writer A (its own store connection and Workspace)
 * upserts candidates at a fixed rate while reader B (another connection, another Workspace, the change
 * follower polling every --follow-ms) applies them and answers rankCandidates after each poll.
 * Delay = time B has applied an entry − the entry's commit time (same clock). Both sides run in this
 * process (one event loop, like two processes sharing the 2 cores).
 *
 *   npx tsx bench/visibility.ts                               # SQLite file, 20 writes/s for 20 s
 *   npx tsx bench/visibility.ts --neo4j bolt://127.0.0.1:7687 --rate 50   # a running Neo4j (cleared first!)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startChangeFollower } from '../app/change-follower.ts';
import type { Principal } from '../app/principal.ts';
import { rankCandidates } from '../app/rank-candidates.ts';
import { upsertCandidate } from '../app/upsert-candidate.ts';
import { Workspace } from '../app/workspace.ts';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { clearNeo4jDatabase } from '../taxonomy/stores/neo4j/dev-server.ts';
import { createNeo4jStore } from '../taxonomy/stores/neo4j/neo4j-store.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { markdownTable } from './lib/markdown-table.ts';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '20' },
    duration: { type: 'string', default: '20' },
    'follow-ms': { type: 'string', default: '100' },
    neo4j: { type: 'string' },
  },
});
const num = (name: 'rate' | 'duration' | 'follow-ms'): number => {
  const v = Number(values[name]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`invalid --${name}: ${values[name]}`);
  return v;
};
const rate = num('rate');
const duration = num('duration');
const followMs = num('follow-ms');
const admin: Principal = { keyId: 'bench', role: 'admin', organisationId: null, candidateId: null };

const dir = mkdtempSync(join(tmpdir(), 'skillgraph-visibility-'));
const open = async (): Promise<GraphStore> => (values.neo4j ? createNeo4jStore({ uri: values.neo4j }) : createSqliteStore(join(dir, 'v.db')));
const sample = await loadSample();
if (values.neo4j) await clearNeo4jDatabase({ uri: values.neo4j });
const storeA = await open();
await storeA.importTaxonomy(sample.taxonomy);
await storeA.putRecords(sample.records);
const storeB = await open();
const a = await Workspace.open({ store: storeA });
const b = await Workspace.open({ store: storeB });
const role = sample.records.roles![0]!;
const skills = role.requirements.map((q) => q.skillId);
const now = new Date();
rankCandidates(b, admin, { roleId: role.id, first: 20 }, now); // builds B's ranking index once

const delays: number[] = [];
const rankMs: number[] = [];
const follower = startChangeFollower({
  feed: storeB,
  model: b,
  startAfter: b.feedPosition,
  intervalMs: followMs,
  onApplied: (entry, at) => {
    if (entry.kind === 'put' && entry.ids.candidates?.[0]?.startsWith('urn:bench:')) delays.push(at - Date.parse(entry.at));
  },
});
// B also serves reads: a rank after each poll's worth of changes (the index takes them incrementally)
const reader = setInterval(() => {
  const t = performance.now();
  rankCandidates(b, admin, { roleId: role.id, first: 20 }, now);
  rankMs.push(performance.now() - t);
}, followMs);

const load0 = loadavg()[0]!;
const t0 = Date.now();
let written = 0;
while (Date.now() - t0 < duration * 1000) {
  const due = t0 + (written * 1000) / rate;
  if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
  await upsertCandidate(a, admin, { id: `urn:bench:cand:${written}`, name: `Bench ${written}`, claimedSkillIds: skills.slice(0, 1 + (written % skills.length)) });
  written++;
}
await new Promise((r) => setTimeout(r, 2_000 + followMs));
clearInterval(reader);
await follower.stop();

const q = (xs: number[], p: number): number => {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
};
const ms = (x: number): string => `${x.toFixed(0)} ms`;
console.log(`${values.neo4j ? 'Neo4j' : 'SQLite file'}, ${written} candidate writes at ${rate}/s for ${duration} s, follow every ${followMs} ms, node ${process.version}, ${cpus().length} cores, load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`);
console.log('');
console.log(markdownTable(
  ['store', 'writes/s', 'applied', 'delay p50', 'delay p99', 'delay max', 'B rank p50', 'B rank p99'],
  [[values.neo4j ? 'Neo4j' : 'SQLite', String(rate), String(delays.length), ms(q(delays, 0.5)), ms(q(delays, 0.99)), ms(Math.max(...delays)), `${q(rankMs, 0.5).toFixed(1)} ms`, `${q(rankMs, 0.99).toFixed(1)} ms`]],
));
if (delays.length !== written) console.log(`WARNING: ${written - delays.length} writes not applied by B`);
await storeA.close();
await storeB.close();
rmSync(dir, { recursive: true, force: true });
