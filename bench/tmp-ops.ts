import { Services } from '../api/services/services.ts';
import { createApp } from '../api/yoga.ts';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { generateCandidateBatches } from './lib/generate-candidates.ts';
import { readFileSync } from 'node:fs';
const cpu = () => { const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const N = Number(process.argv[2] ?? 10000);
const store = await createSqliteStore(':memory:');
const sample = await loadSample();
await store.importTaxonomy(sample.taxonomy);
await store.putRecords({ credentials: sample.records.credentials!, postings: sample.records.postings!, roles: sample.records.roles! });
for (const b of generateCandidateBatches({ credentials: sample.records.credentials!, roles: sample.records.roles!, skills: sample.taxonomy.skills }, { count: N, seed: 20261129 })) await store.putRecords(b);
const services = await Services.create({ store });
const app = createApp({ services, production: true, limits: { rateLimit: { requests: 1e9, windowMs: 60000 } } });
const { key } = await services.keys.create({ role: 'admin' }, new Date());
const roles = [...services.records.roles.keys()].sort();
const cands = [...services.records.candidates.keys()].sort();
const g = async (query: string, variables: Record<string, unknown>) => { const res = await app.fetch('http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) }); return res.text(); };
const t = async (label: string, q: string, v: (i: number) => Record<string, unknown>, reps = 10) => { await g(q, v(0)); const c0 = cpu(); const t0 = performance.now(); let out = ''; for (let i = 1; i <= reps; i++) out = await g(q, v(i)); console.log(label.padEnd(30), 'cpu', ((cpu() - c0) / reps).toFixed(1), 'ms/op wall', ((performance.now() - t0) / reps).toFixed(1), out.slice(0, 80)); };
await t('rank', `query($r: ID!) { rankCandidates(roleId: $r, first: 20) { __typename } }`, (i) => ({ r: roles[i % roles.length] }));
await t('recommend', `query($c: ID!, $r: ID!) { recommendCredentials(candidateId: $c, roleId: $r, budget: 2000) { __typename ... on Recommendations { fitBefore next { credential { id name } gain cost } pathway { totalCost fitAfter steps { credential { id } } } } } }`, (i) => ({ c: cands[i * 997 % cands.length], r: roles[i % roles.length] }));
await t('gaps GROUP', `{ gaps(by: GROUP) { __typename } }`, () => ({}), 3);
await t('gaps SKILL', `{ gaps(by: SKILL) { __typename } }`, () => ({}), 3);
await t('linkText', `query($t: String!) { linkText(text: $t) { __typename } }`, (i) => ({ t: [...services.records.postings.values()][i]!.description }));
const c = services.records.candidates.get(cands[5]!)!;
await t('upsert', `mutation($i: CandidateInput!) { upsertCandidate(input: $i) { __typename } }`, () => ({ i: { id: c.id, name: c.name } }), 3);
await t('rank after upsert', `query($r: ID!) { rankCandidates(roleId: $r, first: 20) { __typename } }`, (i) => ({ r: roles[i % roles.length] }), 1);
const some = cands.filter((_, i) => i % 997 === 0).slice(0, 40);
for (let i = 0; i < some.length; i++) {
  const t0 = performance.now();
  const out = await g(`query($c: ID!, $r: ID!) { recommendCredentials(candidateId: $c, roleId: $r, budget: 2000) { __typename ... on Recommendations { considered pathway { method totalCost } } } }`, { c: some[i], r: roles[i % roles.length] });
  const ms = performance.now() - t0;
  if (ms > 100) console.log('slow recommend', i, ms.toFixed(0), 'ms', out.slice(0, 200));
}
for (const by of ['GROUP', 'SKILL', 'OCCUPATION', 'MONTH']) { const t0 = performance.now(); await g(`query($by: GapBy) { gaps(by: $by) { __typename ... on GapReport { cells { key label demand supply gap suppressed } trends { skillId slope } } } }`, { by }); console.log('gaps', by, (performance.now() - t0).toFixed(0), 'ms'); }
