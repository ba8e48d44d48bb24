/**
 * What one API process holds in memory per record (issue 19, docs/SCALING.md): the read model
 * (records, skill profiles, ranking index) of the sample data, then of the sample plus N generated
 * candidates (with their awards) and P extra postings; the heap + ArrayBuffer growth divided by the
 * count. Profiles and the ranking index are built by one rankCandidates call, as a serving process does.
 *
 *   node --expose-gc --import tsx bench/read-model-memory.ts --candidates 50000 --postings 5000
 */
import { parseArgs } from 'node:util';
import type { Principal } from '../app/principal.ts';
import { rankCandidates } from '../app/rank-candidates.ts';
import { Workspace } from '../app/workspace.ts';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import type { JobPosting } from '../taxonomy/model/types.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { generateCandidateBatches } from './lib/generate-candidates.ts';
import { markdownTable } from './lib/markdown-table.ts';

const { values } = parseArgs({ options: { candidates: { type: 'string', default: '50000' }, postings: { type: 'string', default: '5000' } } });
const nCandidates = Number(values.candidates);
const nPostings = Number(values.postings);
if (!Number.isInteger(nCandidates) || nCandidates < 1) throw new Error(`invalid --candidates: ${values.candidates}`);
if (!Number.isInteger(nPostings) || nPostings < 0) throw new Error(`invalid --postings: ${values.postings}`);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc --import tsx bench/read-model-memory.ts');
const admin: Principal = { keyId: 'bench', role: 'admin', organisationId: null, candidateId: null };
const sample = await loadSample();
const used = (): number => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/** A store with the sample plus generated records, read into a Workspace (the read model) and ranked once. */
async function world(candidates: number, postings: number): Promise<{ services: Workspace; awards: number; createS: number }> {
  const store = await createSqliteStore(':memory:');
  await store.importTaxonomy(sample.taxonomy);
  await store.putRecords(sample.records);
  let awards = 0;
  if (candidates > 0) {
    const w = { credentials: sample.records.credentials ?? [], roles: sample.records.roles ?? [], skills: sample.taxonomy.skills };
    for (const batch of generateCandidateBatches(w, { count: candidates, seed: 7 })) {
      await store.putRecords(batch);
      awards += batch.awards.length;
    }
  }
  const base = sample.records.postings ?? [];
  const extra: JobPosting[] = Array.from({ length: postings }, (_, i) => ({ ...base[i % base.length]!, id: `urn:bench:posting:${i}` }));
  for (let i = 0; i < extra.length; i += 5000) await store.putRecords({ postings: extra.slice(i, i + 5000) });
  const t = performance.now();
  const services = await Workspace.open({ store });
  const createS = (performance.now() - t) / 1000;
  rankCandidates(services, admin, { roleId: sample.records.roles![0]!.id, first: 20 }, new Date());
  await store.close(); // the read model stays; the in-memory database goes
  return { services, awards, createS };
}

const m0 = used();
const w0 = await world(0, 0);
const m1 = used();
const w1 = await world(nCandidates, 0);
const m2 = used();
const w2 = await world(0, nPostings);
const m3 = used();
const perCandidate = (m2 - m1 - (m1 - m0)) / nCandidates;
const perPosting = nPostings > 0 ? (m3 - m2 - (m1 - m0)) / nPostings : NaN;
const mib = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;
console.log(`read model per process (heap + ArrayBuffers after GC), node ${process.version}`);
console.log('');
console.log(markdownTable(['world', 'memory', 'Workspace.open'], [
  ['sample (1 000 candidates, 2 443 awards, 300 postings)', mib(m1 - m0), `${w0.createS.toFixed(1)} s`],
  [`sample + ${nCandidates.toLocaleString('en-US')} candidates (${w1.awards.toLocaleString('en-US')} awards)`, mib(m2 - m1), `${w1.createS.toFixed(1)} s`],
  [`sample + ${nPostings.toLocaleString('en-US')} postings`, mib(m3 - m2), `${w2.createS.toFixed(1)} s`],
]));
console.log('');
console.log(`≈ ${perCandidate.toFixed(0)} bytes per candidate (with ${(w1.awards / nCandidates).toFixed(1)} awards each: records, profile, ranking-index postings)`);
console.log(`≈ ${perPosting.toFixed(0)} bytes per posting (record with its skill links)`);
