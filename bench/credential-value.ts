/**
 * Credential value (issue 20): the cost of `credentials(orderBy: VALUE)` (the whole catalogue's demand
 * coverage, computed once per data version and scope) and of value reports, on the sample store
 * (200 credentials, 300 postings, 1,000 candidates, 40 roles), in-process over the app layer.
 *
 *   npx tsx bench/credential-value.ts [--reports 200]
 *   npx tsx bench/credential-value.ts --db real.db [--reports 50]   # an existing SQLite store (e.g. one built
 *       from ../shared as cli/e2e/real-data.test.ts builds it: full ESCO + O*NET, the Coursera catalogue, hahu postings)
 *
 * Baseline of the same run: the skill gap report over the same postings and cohort (`gaps --by skill`, the
 * other analytic over demand), computed cold. Prints a markdown table.
 */
import { parseArgs } from 'node:util';
import { credentialValue } from '../app/credential-value.ts';
import { listCredentials } from '../app/credentials-list.ts';
import { gaps } from '../app/gaps.ts';
import { localOperator } from '../app/principal.ts';
import { Workspace } from '../app/workspace.ts';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { markdownTable } from './lib/markdown-table.ts';

const { values } = parseArgs({ options: { reports: { type: 'string', default: '200' }, db: { type: 'string' } } });
const reports = Number(values.reports);

const store = await createSqliteStore(values.db ?? ':memory:');
if (!values.db) {
  const sample = await loadSample();
  await store.importTaxonomy(sample.taxonomy);
  await store.putRecords(sample.records);
}
const ws = await Workspace.open({ store });
const now = values.db ? new Date() : new Date('2026-11-01T00:00:00Z');
process.stderr.write(`${ws.records.credentials.size} credentials, ${ws.records.postings.size} postings, ${ws.records.candidates.size} candidates, ${ws.records.roles.size} roles\n`);
ws.cohort(now); // profiles built once, as a serving process has them

const ms = (fn: () => unknown): number => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const msAsync = async (fn: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

const baseline = await msAsync(() => gaps(ws, localOperator, { by: 'skill' }, now));
const cold = ms(() => listCredentials(ws, localOperator, { orderBy: 'VALUE' }, now));
const warm: number[] = [];
for (let i = 0; i < 20; i++) warm.push(ms(() => listCredentials(ws, localOperator, { orderBy: 'VALUE' }, now)));
const warmMedian = warm.sort((a, b) => a - b)[10]!;
const ids = [...ws.records.credentials.keys()].slice(0, reports);
const first = await msAsync(() => credentialValue(ws, localOperator, { credentialId: ids[0]! }, now));
const all = await msAsync(async () => {
  for (const id of ids) await credentialValue(ws, localOperator, { credentialId: id }, now);
});
const again = await msAsync(async () => {
  for (const id of ids) await credentialValue(ws, localOperator, { credentialId: id }, now);
});

const r = (x: number): string => x.toFixed(1);
process.stdout.write(
  markdownTable(
    ['what', 'ms', 'ratio to baseline'],
    [
      ['baseline: gap report by skill (cold)', r(baseline), '1'],
      ['credentials(orderBy: VALUE), cold (catalogue values computed)', r(cold), r(cold / baseline)],
      ['credentials(orderBy: VALUE), warm (cached), median of 20', r(warmMedian), r(warmMedian / baseline)],
      ['first value report (cold: roles or posting groups, typical holders)', r(first), r(first / baseline)],
      [`${ids.length} value reports, one after another (ms per report)`, r(all / ids.length), r(all / ids.length / baseline)],
      [`the same ${ids.length} again (cached, ms per report)`, r(again / ids.length), r(again / ids.length / baseline)],
    ],
  ) + '\n',
);
await store.close();
