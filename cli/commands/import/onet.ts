import { systemClock } from '../../../app/clock.ts';
import type { Command } from 'commander';
import { progressBar } from '../../lib/progress-bar.ts';
import { withStore } from '../../lib/with-store.ts';
import { detectOnetVersion, TAXONOMY_VERSIONS_META, withTaxonomyVersion } from '../../../taxonomy/loaders/taxonomy-version.ts';
import { addImportOptions, importMode, type ImportCommandOptions } from './options.ts';
import { buildReport, printReport, warningCollector } from './report.ts';
import { crosswalkAgainstStore, sharedCrosswalkFile } from './stored-crosswalk.ts';
import { timed } from './timed.ts';

interface OnetOptions extends ImportCommandOptions {
  /** `--crosswalk <file>`, or false with `--no-crosswalk`. */
  readonly crosswalk?: string | false;
}

/**
 * `skillgraph import onet <dir>`: O*NET text files, merged into the stored taxonomy by default; with
 * the ESCO ↔ O*NET crosswalk (given, or found in the shared datasets) loaded against the stored ESCO ids.
 */
export function register(parent: Command): void {
  addImportOptions(parent.command('onet <dir>').description('import O*NET occupations and skill/knowledge weights from a text-file release'), 'merge')
    .option('--crosswalk <file>', 'ESCO ↔ O*NET crosswalk CSV (default: the Nesta crosswalk in the shared datasets, if present)')
    .option('--no-crosswalk', 'do not load a crosswalk')
    .action(async (dir: string, opts: OnetOptions) => {
      const mode = importMode(opts, `O*NET from ${dir}`);
      const bar = progressBar(opts);
      const warnings = warningCollector();
      try {
        const { loadOnet } = await import('../../../taxonomy/loaders/onet.ts');
        const [data, load] = await timed(() => loadOnet(dir, { onProgress: bar.update, onWarning: warnings.onWarning }));
        const crosswalkFile = opts.crosswalk === false ? null : (opts.crosswalk ?? sharedCrosswalkFile());
        const report = await withStore(opts, async (store) => {
          const notes: string[] = [];
          let full = data;
          let crosswalkMs = 0;
          if (crosswalkFile) {
            const [cw, ms] = await timed(() => crosswalkAgainstStore(store, crosswalkFile, data));
            crosswalkMs = ms;
            notes.push(cw.note);
            if ('entries' in cw) full = { ...data, crosswalk: [...data.crosswalk, ...cw.entries] };
          }
          const [, write] = await timed(() => store.importTaxonomy(full, { mode, onProgress: bar.update }));
          const at = systemClock().toISOString();
          await store.setMeta('import.onet', JSON.stringify({ at, from: dir, crosswalk: crosswalkFile }));
          const version = { source: 'onet' as const, version: await detectOnetVersion(dir), importedAt: at, from: dir };
          let versions = withTaxonomyVersion(await store.getMeta(TAXONOMY_VERSIONS_META), version, mode === 'replace');
          if (crosswalkFile && full !== data) versions = withTaxonomyVersion(versions, { source: 'crosswalk', version: 'Nesta Nov2020', importedAt: at, from: crosswalkFile });
          await store.setMeta(TAXONOMY_VERSIONS_META, versions);
          notes.push(`O*NET ${version.version || '(version unknown)'}; map its skills onto ESCO with: skillgraph onet-map`);
          const base = { source: 'onet' as const, from: dir, mode, notes, warnings: warnings.list, store: await store.stats() };
          return buildReport(base, full, undefined, { load: load + crosswalkMs, write });
        });
        bar.stop();
        printReport(report, opts.json);
      } finally {
        bar.stop();
      }
    });
}
