/**
 * Type-ahead search for the dashboard's role pickers (issue 15): `createRoleSearch` over every ESCO
 * v1.1.1 and O*NET 29.2 occupation (labels + alternative titles) plus 10,000 generated posting titles,
 * per query, against a baseline in the same run: a plain `includes` scan of the same label strings
 * lower-cased per query (what a client-side filter of a full list would do).
 *
 *   npx tsx bench/role-search.ts
 */
import { createRoleSearch, type Searchable } from '../engine/requirements/search-roles.ts';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { loadOnet } from '../taxonomy/loaders/onet.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { percentile } from './matching-fixtures.ts';

const esco = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
const onet = await loadOnet(sharedPath('datasets', 'onet-29.2'));
const occupations = [...esco.occupations, ...onet.occupations];
const words = ['senior', 'junior', 'data', 'software', 'sales', 'nurse', 'teacher', 'engineer', 'analyst', 'manager', 'assistant', 'technician'];
const postings: Searchable[] = Array.from({ length: 10_000 }, (_, i) => ({ id: `p${i}`, title: `${words[i % 12]} ${words[(i * 7) % 12]} ${i}`, kind: 'posting', source: 'org', code: '', altLabels: [] }));
const queries = ['data ana', 'software dev', 'nurse', 'sales man', 'teach', 'mech eng', '15-1252', '2511', 'account', 'chef'];

const built = performance.now();
const search = createRoleSearch(occupations);
const buildMs = performance.now() - built;
const labels = [...occupations.flatMap((o) => [o.preferredLabel, ...o.altLabels]), ...postings.map((p) => p.title)];

const time = (fn: (q: string) => unknown): number[] => {
  const out: number[] = [];
  for (let round = 0; round < 6; round++) {
    for (const q of queries) {
      const t = performance.now();
      fn(q);
      if (round > 0) out.push(performance.now() - t);
    }
  }
  return out;
};
const ours = time((q) => search.search(q, 12, postings));
const naive = time((q) => {
  const lq = q.toLowerCase();
  return labels.filter((l) => l.toLowerCase().includes(lq)).slice(0, 12);
});
const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
const p50 = (xs: number[]): number => percentile(sorted(xs), 50);
console.log(`${occupations.length} occupations (${labels.length - postings.length} labels) + ${postings.length} postings; index built in ${buildMs.toFixed(0)} ms`);
console.log(`searchRoles p50 ${p50(ours).toFixed(1)} ms, p95 ${percentile(sorted(ours), 95).toFixed(1)} ms; baseline includes-scan p50 ${p50(naive).toFixed(1)} ms; ratio ${(p50(ours) / p50(naive)).toFixed(2)}`);
