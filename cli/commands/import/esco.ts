import { systemClock } from '../../../app/clock.ts';
import type { Command } from 'commander';
import { progressBar } from '../../lib/progress-bar.ts';
import { withStore } from '../../lib/with-store.ts';
import { detectEscoVersion, TAXONOMY_VERSIONS_META, withTaxonomyVersion } from '../../../taxonomy/loaders/taxonomy-version.ts';
import { addImportOptions, importMode, type ImportCommandOptions } from './options.ts';
import { buildReport, printReport, warningCollector } from './report.ts';
import { timed } from './timed.ts';

/** `skillgraph import esco <dir>`: the ESCO CSV export, merged into the stored taxonomy (`--replace` replaces it). */
export function register(parent: Command): void {
  addImportOptions(
    parent
      .command('esco <dir>')
      .description('import an ESCO v1.x CSV export (English) from a folder')
      .option('--no-tool-labels', 'as published: without the software product names (O*NET 29.2) added as hidden labels'),
    'merge',
  ).action(
    async (dir: string, opts: ImportCommandOptions & { toolLabels: boolean }) => {
      const mode = importMode(opts, `ESCO from ${dir}`);
      const bar = progressBar(opts);
      const warnings = warningCollector();
      try {
        const { loadEsco } = await import('../../../taxonomy/loaders/esco.ts');
        const [data, load] = await timed(() => loadEsco(dir, { onProgress: bar.update, onWarning: warnings.onWarning, toolLabels: opts.toolLabels }));
        const report = await withStore(opts, async (store) => {
          const [, write] = await timed(() => store.importTaxonomy(data, { mode, onProgress: bar.update }));
          const at = systemClock().toISOString();
          await store.setMeta('import.esco', JSON.stringify({ at, from: dir }));
          const version = { source: 'esco' as const, version: detectEscoVersion(dir), importedAt: at, from: dir };
          await store.setMeta(TAXONOMY_VERSIONS_META, withTaxonomyVersion(await store.getMeta(TAXONOMY_VERSIONS_META), version, mode === 'replace'));
          const notes = version.version === '' ? [`ESCO version not recognised from the folder name ${dir} (recorded as unknown)`] : [`ESCO ${version.version}`];
          notes.push(opts.toolLabels ? 'software product names from O*NET 29.2 added as hidden labels (--no-tool-labels leaves them out)' : 'as published, without product names (--no-tool-labels)');
          const base = { source: 'esco' as const, from: dir, mode, notes, warnings: warnings.list, store: await store.stats() };
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
