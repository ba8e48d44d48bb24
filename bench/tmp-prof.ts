import { Services } from '../api/services/services.ts';
import { createApp } from '../api/yoga.ts';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { generateCandidateBatches } from './lib/generate-candidates.ts';
import { RANK_QUERY_TEXT } from './tmp-q.ts';
const store = await createSqliteStore(':memory:');
const sample = await loadSample();
await store.importTaxonomy(sample.taxonomy);
await store.putRecords({ credentials: sample.records.credentials!, postings: sample.records.postings!, roles: sample.records.roles! });
for (const b of generateCandidateBatches({ credentials: sample.records.credentials!, roles: sample.records.roles!, skills: sample.taxonomy.skills }, { count: 10000, seed: 1 })) await store.putRecords(b);
const services = await Services.create({ store });
const app = createApp({ services, production: true, limits: { rateLimit: { requests: 1e9, windowMs: 60000 } } });
const { key } = await services.keys.create({ role: 'admin' }, new Date());
const roles = [...services.records.roles.keys()].sort();
const go = async (i: number) => { const res = await app.fetch('http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: RANK_QUERY_TEXT, variables: { roleId: roles[i % roles.length], first: 20 } }) }); await res.text(); };
for (let i = 0; i < 50; i++) await go(i);
const { Session } = await import('node:inspector/promises');
const s = new Session(); s.connect(); await s.post('Profiler.enable'); await s.post('Profiler.start');
for (let i = 0; i < 300; i++) await go(i);
const { profile } = await s.post('Profiler.stop');
// self time by function
const self = new Map<string, number>(); const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas!; const counts = new Map<number, number>();
profile.samples!.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
let total = 0;
for (const [id, us] of counts) { const n = byId.get(id)!; const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*\/main\//, '')}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + us); total += us; }
// aggregate by package
const pkg = new Map<string, number>();
for (const [id, us] of counts) { const n = byId.get(id)!; const u = n.callFrame.url; const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(u); const k = m ? m[1]! : u.includes('/main/') ? u.replace(/.*\/main\//, '').split('/').slice(0, 2).join('/') : (u || n.callFrame.functionName); pkg.set(k, (pkg.get(k) ?? 0) + us); }
console.log('total ms', (total / 1000).toFixed(0));
console.log([...pkg].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${(100 * v / total).toFixed(1)}% ${k}`).join('\n'));
console.log('---');
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${(100 * v / total).toFixed(1)}% ${k}`).join('\n'));
