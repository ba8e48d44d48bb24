import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { importCredentials } from '../../../app/import-credentials.ts';
import { importPostings } from '../../../app/import-postings.ts';
import { postingsNeedingText } from '../../../app/document-skills.ts';
import { systemClock } from '../../../app/clock.ts';
import { localOperator } from '../../../app/principal.ts';
import { printJson } from '../../lib/print-json.ts';
import { progressBar, type ProgressBar } from '../../lib/progress-bar.ts';
import { UsageError } from '../../lib/usage-error.ts';
import { withWorkspace } from '../../lib/with-workspace.ts';

interface DocumentImportOptions {
  readonly db?: string;
  readonly json?: boolean;
  /** Link catalogue skill tags and posting text with the embedding model (else exact labels only). */
  readonly link?: boolean;
}

async function readDocument(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${err.code ?? err.message}`);
  });
}

/**
 * Progress of an import: a bar on a terminal (the one-off skill-label index build of a fresh store with
 * `--link`, then the linking); elsewhere (or with `--json`, which keeps the terminal free of bars) one
 * line when that index build starts, since it takes minutes.
 */
function importProgress(opts: DocumentImportOptions): ProgressBar {
  const bar = progressBar(opts);
  let told = false;
  return {
    update(phase, done, total) {
      if (!told && phase === 'embed skill labels' && done < total && (!process.stderr.isTTY || opts.json === true)) {
        process.stderr.write(`building the skill label index: embedding ${total} labels once (cached for later runs)...\n`);
        told = true;
      }
      bar.update(phase, done, total);
    },
    stop: () => bar.stop(),
  };
}

function common(cmd: Command): Command {
  return cmd
    .option('--db <file>', 'database file (default: $SKILLGRAPH_DB or the user data folder)')
    .option('--link', 'link catalogue tags / posting text with the embedding model (else exact label matches only); postings without an occupation get one inferred from the title')
    .option('--json', 'print the import report as JSON');
}

/** `skillgraph import credentials|postings <file>`: standards documents into the store, one transaction (app/import-*.ts). */
export function register(parent: Command): void {
  common(parent.command('credentials <file>').description('import credential definitions: Open Badges 2.0/3.0, CLR 2.0, CTDL (JSON-LD) or a course catalogue CSV')).action(
    async (file: string, opts: DocumentImportOptions) => {
      const text = await readDocument(file);
      const parse = { source: file, ...(extname(file).toLowerCase() === '.csv' ? { format: 'catalogue' as const } : { now: systemClock() }) };
      const bar = importProgress(opts);
      // verify: embedded endorsements are checked on the way in (issue 20)
      const done = await withWorkspace(opts, (ws) => importCredentials(ws, localOperator, text, parse), { link: opts.link === true, progress: bar, verify: true });
      const report = {
        file,
        format: done.format,
        credentials: done.credentials.length,
        skillLinks: done.credentials.reduce((n, c) => n + c.skills.length, 0),
        droppedLinks: done.droppedLinks,
        frameworkSkills: done.frameworkSkills,
        pendingReferences: done.pendingReferences,
        restoredReferences: done.restoredReferences,
        pendingInStore: done.pendingInStore,
        warnings: done.warnings,
      };
      if (opts.json) printJson(report);
      else {
        process.stdout.write(
          `imported ${report.credentials} credentials (${report.format}) with ${report.skillLinks} skill links; dropped ${report.droppedLinks} links to skills not in the taxonomy; ` +
            `${report.pendingReferences} references to credentials not imported yet kept pending (restored when they are imported); ${report.restoredReferences} earlier credentials got their references back\n`,
        );
      }
    },
  );
  common(parent.command('postings <file>').description('import schema.org JobPosting JSON-LD (one, an array or a @graph)')).action(async (file: string, opts: DocumentImportOptions) => {
    const text = await readDocument(file);
    const bar = importProgress(opts);
    const done = await withWorkspace(
      opts,
      async (ws) => {
        const result = await importPostings(ws, localOperator, text, systemClock(), { source: file });
        return { ...result, linkedFromText: opts.link === true ? postingsNeedingText(result.postings, ws.graph) : 0 };
      },
      { link: opts.link === true, progress: bar },
    );
    // with the model: a posting without occupationalCategory gets the title normaliser's occupation (issue 15)
    const report = { file, postings: done.postings.length, linkedFromText: done.linkedFromText, skillLinks: done.postings.reduce((n, p) => n + p.skills.length, 0), inferredOccupations: done.postings.filter((p) => p.occupationInferred).length, refused: done.refused, warnings: done.warnings };
    if (opts.json) printJson(report);
    else {
      process.stdout.write(`imported ${report.postings} job postings with ${report.skillLinks} skill links (${report.linkedFromText} linked from their text; the others name their skills)${report.inferredOccupations ? `; ${report.inferredOccupations} occupations inferred from titles` : ''}; refused ${report.refused.length}; ${report.warnings.length} warning(s)\n`);
      for (const r of report.refused) process.stdout.write(`  refused ${r.path}: ${r.code}: ${r.message}\n`);
      for (const w of report.warnings.slice(0, 20)) process.stdout.write(`  warning ${w.path || '(document)'}: ${w.code}: ${w.message}\n`);
    }
  });
}
