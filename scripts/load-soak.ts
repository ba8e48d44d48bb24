/**
 * Soak test (issue 10): a mixed workload against the API on 127.0.0.1 over N generated candidates —
 * rankCandidates, recommendCredentials, gaps, linkText and imports (importJobPosting, upsertCandidate) —
 * with the production request limits, while a trickle of over-limit requests (depth, complexity, page
 * size, body size, rate) runs alongside and must be refused with a clear error.
 *
 *   npx tsx scripts/load-soak.ts                    # 10 minutes, 100k candidates
 *   npx tsx scripts/load-soak.ts --duration 60      # a short validation run
 *   npx tsx scripts/load-soak.ts --candidates 10000 --gaps-by GROUP,SKILL,OCCUPATION,MONTH
 *
 * Phase 1 (baseline, `--baseline` s, default 15% of the duration) runs the normal workload alone;
 * phase 2 (the rest) adds the over-limit trickle, so "does not slow the others" is a same-run
 * comparison. Normal traffic is spread over many API keys (each under the 600/min rate limit); the
 * rate-limit probe floods one key of its own. Reports requests/s, p50/p99 per operation, errors,
 * the server process's RSS and heap (after GC) at start and end, and exits non-zero when a goal is missed.
 * The server is api/main.ts in its own process (bench/lib/load-world.ts).
 */
import { parseArgs } from 'node:util';
import { markdownTable } from '../bench/lib/markdown-table.ts';
import { runLoad, type LoadResult, type LoadSpec } from '../bench/lib/load-client.ts';
import { gqlOnce, startLoadWorld } from '../bench/lib/load-world.ts';
import { limits } from '../api/limits.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '600' },
    baseline: { type: 'string' },
    candidates: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '20261129' },
    'rank-connections': { type: 'string', default: '4' },
    'recommend-connections': { type: 'string', default: '2' },
    'link-connections': { type: 'string', default: '1' },
    /** gaps requests per second (0: none). */
    'gaps-rate': { type: 'string', default: '0.1' },
    /** imports per second, alternately upsertCandidate and importJobPosting (0: none). */
    'imports-rate': { type: 'string', default: '1' },
    // OCCUPATION and MONTH are left out by default: at 10k candidates each call holds the event loop
    // for 8–13 s (engine/analytics scores every person against every occupation), which stalls everything
    'gaps-by': { type: 'string', default: 'GROUP,SKILL,OCCUPATION,MONTH' },
  },
});
function num(name: keyof typeof values, min: number, integer = true): number {
  const v = Number(values[name]);
  if (!Number.isFinite(v) || v < min || (integer && !Number.isInteger(v))) throw new Error(`invalid --${name}: ${values[name]} (expected ${integer ? 'an integer' : 'a number'} ≥ ${min})`);
  return v;
}
const duration = num('duration', 10);
const baseline = values.baseline === undefined ? Math.max(5, Math.round(duration * 0.15)) : num('baseline', 1);
const mainS = duration - baseline;
if (mainS < 5) throw new Error(`invalid --baseline: ${baseline} (leaves less than 5 s of the ${duration} s duration)`);
const candidates = num('candidates', 1);
const seed = num('seed', 0);

const log = (s: string): void => console.log(s);
const mib = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;

log(`soak: ${duration} s (${baseline} s baseline + ${mainS} s with over-limit trickle), ${candidates.toLocaleString('en-US')} candidates, seed ${seed}`);
const w = await startLoadWorld({ candidates, seed, log });
log(`  filled in ${w.timings.fillS.toFixed(1)} s; server started in ${w.timings.serverS.toFixed(1)} s; ${w.url}; rate limit ${limits.rateLimit.requests}/min per key`);

// ---- keys: many per kind so normal traffic stays under the per-key rate limit ------------------
const records = w.workspace.records;
const roles = [...records.roles.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
const someCandidates = [...records.candidates.keys()].sort().filter((_, i) => i % 997 === 0).slice(0, 40);
const mk = async (spec: Parameters<typeof w.workspace.keys.create>[0]): Promise<string> => (await w.workspace.keys.create(spec, new Date())).key;
const many = async (n: number, spec: Parameters<typeof mk>[0]): Promise<string[]> => {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(await mk(spec));
  return out;
};
const admins = await many(16, { role: 'admin' });
const employerOf = new Map<string, string[]>();
for (const org of new Set(roles.map((r) => r.organisationId))) employerOf.set(org, await many(4, { role: 'employer', organisationId: org }));
const learners: string[] = [];
for (const c of someCandidates) learners.push(await mk({ role: 'learner', candidateId: c }));
const planners = await many(4, { role: 'planner' });
const floodKey = await mk({ role: 'planner' });
// the server is another process: it sees keys written since its last read of the key list within 1 s (app/key-ring.ts)
await new Promise((ok) => setTimeout(ok, 1_100));
const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });
const body = (query: string, variables: Record<string, unknown> = {}): string => JSON.stringify({ query, variables });

// ---- the normal workload ---------------------------------------------------------------------
const RANK = `query($r: ID!) { rankCandidates(roleId: $r, first: 20) { __typename ... on RankedCandidateConnection { totalCount pageInfo { endCursor } edges { score node { fit candidate { id name } requirements { label coverage best { match verification credential { id name } } } } } } ... on Error { message } } }`;
const RECOMMEND = `query($c: ID!, $r: ID!) { recommendCredentials(candidateId: $c, roleId: $r, budget: 2000) { __typename ... on Recommendations { fitBefore next { credential { id name } gain cost } pathway { totalCost fitAfter steps { credential { id } } } } ... on Error { message } } }`;
const GAPS = `query($by: GapBy) { gaps(by: $by) { __typename ... on GapReport { cells { key label demand supply gap suppressed } trends { skillId slope } } ... on Error { message } } }`;
const LINK = `query($t: String!) { linkText(text: $t) { __typename ... on QueryLinkTextSuccess { data { skillId confidence phrase } } ... on Error { message } } }`;
const UPSERT = `mutation($i: CandidateInput!) { upsertCandidate(input: $i) { __typename ... on Candidate { id } ... on Error { message } } }`;
const IMPORT = `mutation($d: JSON!) { importJobPosting(document: $d) { __typename ... on MutationImportJobPostingSuccess { data { id } } ... on Error { message } } }`;

const rankRequests = roles.flatMap((r, i) => [
  { body: body(RANK, { r: r.id }), headers: bearer(admins[i % admins.length]!), expect: ['"__typename":"RankedCandidateConnection"'] },
  { body: body(RANK, { r: r.id }), headers: bearer(employerOf.get(r.organisationId)![i % 4]!), expect: ['"__typename":"RankedCandidateConnection"'] },
]);
const recommendRequests = someCandidates.map((c, i) => ({ body: body(RECOMMEND, { c, r: roles[i % roles.length]!.id }), headers: bearer(learners[i]!), expect: ['"__typename":"Recommendations"'] }));
const gapsBy = values['gaps-by'].split(',').map((x) => x.trim().toUpperCase());
for (const by of gapsBy) if (!['GROUP', 'SKILL', 'OCCUPATION', 'MONTH'].includes(by)) throw new Error(`invalid --gaps-by: ${by} (expected GROUP, SKILL, OCCUPATION or MONTH)`);
const gapsRequests = gapsBy.map((by, i) => ({ body: body(GAPS, { by }), headers: bearer(planners[i % planners.length]!), expect: ['"__typename":"GapReport"'] }));
const postings = [...records.postings.values()].slice(0, 40);
const linkRequests = postings.map((p, i) => ({ body: body(LINK, { t: p.description.slice(0, 4000) }), headers: bearer(i % 2 ? learners[i % learners.length]! : planners[i % planners.length]!), expect: ['"__typename":"QueryLinkTextSuccess"'] }));
// imports rewrite a bounded set of records (same ids each cycle), so memory must not grow
const importRequests = someCandidates.flatMap((id, i) => {
  const c = records.candidates.get(id)!;
  const role = roles[i % roles.length]!;
  const posting = {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    identifier: `urn:soak:posting:${i}`,
    title: role.title,
    description: postings[i % postings.length]!.description,
    datePosted: '2026-10-01',
    hiringOrganization: { '@type': 'Organization', name: 'Soak Org', identifier: role.organisationId },
  };
  return [
    { body: body(UPSERT, { i: { id: c.id, name: c.name, location: c.location, experience: c.experience, sharedWith: [...c.sharedWith], claimedSkillIds: c.claimedSkills.map((s) => s.skillId) } }), headers: bearer(admins[i % admins.length]!), expect: ['"__typename":"Candidate"'], label: 'upsertCandidate' },
    { body: body(IMPORT, { d: posting }), headers: bearer(employerOf.get(role.organisationId)![i % 4]!), expect: ['"__typename":"MutationImportJobPostingSuccess"'], label: 'importJobPosting' },
  ];
});

function normal(durationS: number): LoadSpec[] {
  const s = (name: string, connections: number, requests: LoadSpec['requests'], overallRate?: number): LoadSpec => ({ name, url: w.url, connections, durationS, requests, ...(overallRate ? { overallRate } : {}) });
  return [
    s('rankCandidates', num('rank-connections', 1), rankRequests),
    s('recommendCredentials', num('recommend-connections', 1), recommendRequests),
    s('linkText', num('link-connections', 1), linkRequests),
    // a rate of 0 leaves the stream out
    ...(num('gaps-rate', 0, false) > 0 ? [s('gaps', 1, gapsRequests, num('gaps-rate', 0, false))] : []),
    ...(num('imports-rate', 0, false) > 0 ? [s('imports (upsert + posting)', 1, importRequests, num('imports-rate', 0, false))] : []),
  ];
}

// ---- the over-limit trickle: each must be refused with its clear error ---------------------------
const skillWithParents = w.sample.taxonomy.skills.find((s) => w.workspace.graph.parents(s.id).length > 0)!;
let deep = 'id';
for (let i = 0; i < limits.maxDepth + 1; i++) deep = `parents { ... on SkillGroup { ${deep} } }`;
const pad = 'x'.repeat(limits.maxBodyBytes + 1000);
function overLimit(durationS: number): LoadSpec[] {
  const s = (name: string, requests: LoadSpec['requests'], overallRate: number): LoadSpec => ({ name, url: w.url, connections: 1, durationS, requests, overallRate });
  const admin = bearer(admins[0]!);
  return [
    s('over-limit: depth', [{ body: body(`query($id: ID!) { skill(id: $id) { ... on Skill { ${deep} } } }`, { id: skillWithParents.id }), headers: admin, expect: ['"code":"QUERY_TOO_DEPTH"'] }], 1),
    s('over-limit: complexity', [{ body: body(`{ credentials(first: 100) { edges { node { id skills { skill { id children { id related { skill { id } } } } } parts { id skills { skillId } } } } } }`), headers: admin, expect: ['"code":"QUERY_TOO_COMPLEX"'] }], 1),
    s('over-limit: page size', [
      { body: body(`{ candidates(first: ${limits.maxPageSize + 1}) { edges { node { id } } } }`), headers: admin, expect: [`page size must be at most ${limits.maxPageSize}`] },
      { body: body(`query($r: ID!) { rankCandidates(roleId: $r, first: 1000) { __typename ... on Error { message } } }`, { r: roles[0]!.id }), headers: admin, expect: [`page size must be at most ${limits.maxPageSize}`] },
    ], 1),
    s('over-limit: body size', [{ body: JSON.stringify({ query: '{ skillGroupRoots { id } }', variables: { pad } }), headers: admin, expect: ['"code":"BODY_TOO_LARGE"'] }], 1),
    // one key at twice its limit (16 connections so a busy server still lets it get there): the first
    // 600 of each window pass, the rest get 429 RATE_LIMITED
    { ...s('over-limit: rate (one key)', [{ body: body('{ skillGroupRoots { id } }'), headers: bearer(floodKey), expect: ['"skillGroupRoots":[{', '"code":"RATE_LIMITED"'] }], 2 * Math.ceil(limits.rateLimit.requests / 60)), connections: 16 },
  ];
}

// ---- run ---------------------------------------------------------------------------------------
const warm = await gqlOnce(w.url, RANK, { r: roles[0]!.id }, admins[0]!);
if (!warm.text.includes('RankedCandidateConnection')) throw new Error(`warm-up failed: ${warm.text.slice(0, 300)}`);
log(`  warm-up rank (builds profiles + index): ${warm.ms.toFixed(0)} ms`);
const warmGaps = await gqlOnce(w.url, GAPS, { by: 'GROUP' }, planners[0]!);
log(`  warm-up gaps: ${warmGaps.ms.toFixed(0)} ms`);
const start = await w.serverStats();
const rssSeries: number[] = [start.rss];
const sampler = setInterval(() => void w.serverStats().then((m) => rssSeries.push(m.rss)), 10_000);
log(`phase 1: normal workload, ${baseline} s`);
const phase1 = await runLoad(normal(baseline));
log(`phase 2: normal workload + over-limit trickle, ${mainS} s`);
const phase2 = await runLoad([...normal(mainS), ...overLimit(mainS)]);
clearInterval(sampler);
// chunked bodies carry no Content-Length: the body limit must hold for them too
const chunked = await (async () => {
  const { request } = await import('node:http');
  const u = new URL(w.url);
  return new Promise<string>((ok) => {
    const req = request({ host: u.hostname, port: u.port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...bearer(admins[1]!) } }, (res) => {
      let b = '';
      res.on('data', (c: Buffer) => (b += c.toString()));
      res.on('end', () => ok(`${res.statusCode} ${b.slice(0, 120)}`));
    });
    req.on('error', (e) => ok(`error ${e.message}`));
    const big = JSON.stringify({ query: '{ skillGroupRoots { id } }', variables: { pad: 'x'.repeat(limits.maxBodyBytes * 3) } });
    for (let i = 0; i < big.length; i += 65_536) req.write(big.slice(i, i + 65_536));
    req.end();
  });
})();
const end = await w.serverStats();
rssSeries.push(end.rss);

// ---- report ------------------------------------------------------------------------------------
const ms = (x: number): string => `${x.toFixed(1)} ms`;
const row = (r: LoadResult): string[] => [r.name, r.requestsPerSecond.toFixed(1), String(r.total), ms(r.p50), ms(r.p99), ms(r.max), String(r.errors), String(r.non2xx), String(r.mismatches)];
const headers = ['operation', 'req/s', 'requests', 'p50', 'p99', 'max', 'errors', 'non-2xx', 'wrong body'];
log('');
log(`${candidates.toLocaleString('en-US')} candidates, node ${process.version}, ${(await import('node:os')).cpus().length} cores, load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`);
log('');
log(`Phase 1 — normal workload alone (${baseline} s):`);
log('');
log(markdownTable(headers, phase1.map(row)));
log('');
log(`Phase 2 — normal workload with the over-limit trickle (${mainS} s):`);
log('');
log(markdownTable(headers, phase2.map(row)));
log('');
const normalNames = new Set(phase1.map((r) => r.name));
const slowdown = phase2.filter((r) => normalNames.has(r.name)).map((r) => {
  const b = phase1.find((x) => x.name === r.name)!;
  return [r.name, `${(r.p50 / Math.max(b.p50, 0.1)).toFixed(2)} ×`, `${(r.p99 / Math.max(b.p99, 0.1)).toFixed(2)} ×`];
});
log(markdownTable(['operation', 'p50 phase 2 / phase 1', 'p99 phase 2 / phase 1'], slowdown));
log('');
log(`memory: RSS ${mib(start.rss)} at start → ${mib(end.rss)} at end (max ${mib(Math.max(...rssSeries))}); heap after GC ${start.heap === null ? 'n/a' : `${mib(start.heap)} → ${mib(end.heap!)}`}`);
log(`chunked ${mib(limits.maxBodyBytes * 3)} body without Content-Length: ${chunked}`);
const normalErrors = [...phase1, ...phase2].filter((r) => normalNames.has(r.name)).reduce((s, r) => s + r.errors + r.non2xx + r.mismatches, 0);
const refusals = phase2.filter((r) => !normalNames.has(r.name));
const badRefusals = refusals.reduce((s, r) => s + r.errors + r.mismatches, 0);
for (const r of [...phase1, ...phase2]) if (r.firstMismatch) log(`first wrong body (${r.name}): ${r.firstMismatch}`);
for (const r of [...phase1, ...phase2]) if (r.firstError) log(`first connection error (${r.name}): ${r.firstError}; timeouts ${r.timeouts}`);
log(`server event-loop delay (since the server started): p50 ${end.loop.p50.toFixed(0)} ms, p99 ${end.loop.p99.toFixed(0)} ms, max ${end.loop.max.toFixed(0)} ms`);
log(`errors in the normal workload: ${normalErrors} (goal 0); over-limit requests not refused with their clear error: ${badRefusals} (goal 0); rate-limited (429) responses: ${refusals.find((r) => r.name.includes('rate'))?.non2xx ?? 0}`);
const heapGrowth = start.heap !== null && end.heap !== null ? end.heap / start.heap : null;
log(`heap growth end/start: ${heapGrowth === null ? 'n/a' : `${heapGrowth.toFixed(2)} ×`}`);
await w.close();
process.exitCode = normalErrors === 0 && badRefusals === 0 && !chunked.startsWith('200') ? 0 : 1;
