import { systemClock } from '../../../app/clock.ts';
import type { Command } from 'commander';
import { withStore } from '../../lib/with-store.ts';
import type { ImportCommandOptions } from './options.ts';
import { buildReport, printReport } from './report.ts';
import { crosswalkAgainstStore } from './stored-crosswalk.ts';
import { timed } from './timed.ts';

const NO_TAXONOMY = { skills: [], groups: [], broader: [], skillRelations: [], occupations: [], occupationSkills: [], crosswalk: [] };

/** `skillgraph import crosswalk <file>`: ESCO ↔ O*NET rows, checked against the stored occupations, merged. */
export function register(parent: Command): void {
  parent
    .command('crosswalk <file>')
    .description('import an ESCO ↔ O*NET occupation crosswalk CSV (Nesta format) against the stored ESCO and O*NET occupations')
    .option('--db <file>', 'SQLite database file (default: $SKILLGRAPH_DB or the user data folder)')
    .option('--json', 'print the import report as JSON')
    .action(async (file: string, opts: Omit<ImportCommandOptions, 'mode'>) => {
      const report = await withStore(opts, async (store) => {
        const [cw, load] = await timed(() => crosswalkAgainstStore(store, file));
        const data = { ...NO_TAXONOMY, crosswalk: 'entries' in cw ? cw.entries : [] };
        const [, write] = await timed(() => store.importTaxonomy(data, { mode: 'merge' }));
        if ('entries' in cw) await store.setMeta('import.crosswalk', JSON.stringify({ at: systemClock().toISOString(), from: file }));
        const base = { source: 'crosswalk' as const, from: file, mode: 'merge' as const, notes: [cw.note], warnings: [], store: await store.stats() };
        return buildReport(base, data, undefined, { load, write });
      }, { create: false });
      printReport(report, opts.json);
    });
}
