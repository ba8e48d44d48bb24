import { systemClock } from '../../../app/clock.ts';
import type { Command } from 'commander';
import type { RecordsBatch, TaxonomyData } from '../../../taxonomy/model/types.ts';
import type { GraphStore } from '../../../taxonomy/stores/graph-store.ts';
import { progressBar } from '../../lib/progress-bar.ts';
import { withStore } from '../../lib/with-store.ts';
import { addImportOptions, importMode, type ImportCommandOptions } from './options.ts';
import { buildReport, printReport } from './report.ts';
import { timed } from './timed.ts';

interface SampleModule {
  loadSample(dir?: string): Promise<{ taxonomy: TaxonomyData; records: RecordsBatch }>;
}

/** Loaded lazily (and by a computed name) so the CLI builds before the sample loader exists. */
async function sampleLoader(): Promise<SampleModule> {
  const specifier = ['..', '..', '..', 'taxonomy', 'loaders', 'sample.ts'].join('/');
  return (await import(specifier)) as SampleModule;
}

/**
 * Writes taxonomy then records. They are two transactions, so when the records fail the previous
 * taxonomy is written back: the store ends as it was before the command.
 */
async function importBoth(store: GraphStore, taxonomy: TaxonomyData, records: RecordsBatch, opts: ImportCommandOptions, onProgress: (p: string, d: number, t: number) => void): Promise<void> {
  const before = await store.loadTaxonomy();
  await store.importTaxonomy(taxonomy, { mode: opts.mode, onProgress });
  try {
    await store.putRecords(records);
  } catch (err) {
    await store.importTaxonomy(before, { mode: 'replace' });
    throw err;
  }
}

/** `skillgraph import sample [dir]`: the generated sample taxonomy and records (credentials, candidates, postings, roles). */
export function register(parent: Command): void {
  addImportOptions(parent.command('sample [dir]').description('import the sample taxonomy and records (default: <repo>/datasets)'), 'merge').action(
    async (dir: string | undefined, given: ImportCommandOptions) => {
      const opts = { ...given, mode: importMode(given, 'the sample taxonomy') };
      const bar = progressBar(opts);
      try {
        const { loadSample } = await sampleLoader();
        const [{ taxonomy, records }, load] = await timed(() => loadSample(dir));
        const report = await withStore(opts, async (store) => {
          const [, write] = await timed(() => importBoth(store, taxonomy, records, opts, bar.update));
          await store.setMeta('import.sample', JSON.stringify({ at: systemClock().toISOString(), from: dir ?? 'datasets' }));
          const base = { source: 'sample' as const, from: dir ?? 'datasets', mode: opts.mode, notes: [], warnings: [], store: await store.stats() };
          return buildReport(base, taxonomy, records, { load, write });
        });
        bar.stop();
        printReport(report, opts.json);
      } finally {
        bar.stop();
      }
    },
  );
}
