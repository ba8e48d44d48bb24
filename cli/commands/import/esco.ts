import { systemClock } from '../../../app/clock.ts';
import type { Command } from 'commander';
import { progressBar } from '../../lib/progress-bar.ts';
import { withStore } from '../../lib/with-store.ts';
import { addImportOptions, type ImportCommandOptions } from './options.ts';
import { buildReport, printReport, warningCollector } from './report.ts';
import { timed } from './timed.ts';

/** `skillgraph import esco <dir>`: the ESCO CSV export (replaces the stored taxonomy by default). */
export function register(parent: Command): void {
  addImportOptions(parent.command('esco <dir>').description('import an ESCO v1.x CSV export (English) from a folder'), 'replace').action(
    async (dir: string, opts: ImportCommandOptions) => {
      const bar = progressBar(opts);
      const warnings = warningCollector();
      try {
        const { loadEsco } = await import('../../../taxonomy/loaders/esco.ts');
        const [data, load] = await timed(() => loadEsco(dir, { onProgress: bar.update, onWarning: warnings.onWarning }));
        const report = await withStore(opts, async (store) => {
          const [, write] = await timed(() => store.importTaxonomy(data, { mode: opts.mode, onProgress: bar.update }));
          await store.setMeta('import.esco', JSON.stringify({ at: systemClock().toISOString(), from: dir }));
          const base = { source: 'esco' as const, from: dir, mode: opts.mode, notes: [], warnings: warnings.list, store: await store.stats() };
          return buildReport(base, data, undefined, { load, write });
        });
        bar.stop();
        printReport(report, opts.json);
      } finally {
        bar.stop();
      }
    },
  );
}
