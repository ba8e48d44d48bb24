import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { importCredentials } from '../../../app/import-credentials.ts';
import { importPostings } from '../../../app/import-postings.ts';
import { systemClock } from '../../../app/clock.ts';
import { localOperator } from '../../../app/principal.ts';
import { printJson } from '../../lib/print-json.ts';
import { progressBar } from '../../lib/progress-bar.ts';
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
 * The `--link` workspace options: a fresh store embeds every skill label once (minutes) when the linking
 * factory builds its index: say so, with a bar on a terminal, one line otherwise. `stop` ends the bar.
 */
function linkProgress(link: boolean | undefined): { readonly access: { readonly link: boolean; readonly onLinkProgress?: (done: number, total: number) => void }; stop(): void } {
  if (link !== true) return { access: { link: false }, stop: () => {} };
  const bar = progressBar({});
  let told = false;
  const onLinkProgress = (done: number, total: number): void => {
    if (!told && done < total && !process.stderr.isTTY) process.stderr.write(`building the skill label index: embedding ${total} labels once (cached for later runs)...\n`);
    told = true;
    bar.update('embed skill labels (one-off)', done, total);
    if (done >= total) bar.stop();
  };
  return { access: { link: true, onLinkProgress }, stop: () => bar.stop() };
}

function common(cmd: Command): Command {
  return cmd
    .option('--db <file>', 'database file (default: $SKILLGRAPH_DB or the user data folder)')
    .option('--link', 'link catalogue tags / posting text with the embedding model (else exact label matches only)')
    .option('--json', 'print the import report as JSON');
}

/** `skillgraph import credentials|postings <file>`: standards documents into the store, one transaction (app/import-*.ts). */
export function register(parent: Command): void {
  common(parent.command('credentials <file>').description('import credential definitions: Open Badges 2.0/3.0, CLR 2.0, CTDL (JSON-LD) or a course catalogue CSV')).action(
    async (file: string, opts: DocumentImportOptions) => {
      const text = await readDocument(file);
      const parse = { source: file, ...(extname(file).toLowerCase() === '.csv' ? { format: 'catalogue' as const } : { now: systemClock() }) };
      const progress = linkProgress(opts.link);
      const done = await withWorkspace(opts, (ws) => importCredentials(ws, localOperator, text, parse), progress.access).finally(() => progress.stop());
      const report = {
        file,
        format: done.format,
        credentials: done.credentials.length,
        skillLinks: done.credentials.reduce((n, c) => n + c.skills.length, 0),
        droppedLinks: done.droppedLinks,
        droppedReferences: done.droppedReferences,
        frameworkSkills: done.frameworkSkills,
        warnings: done.warnings,
      };
      if (opts.json) printJson(report);
      else process.stdout.write(`imported ${report.credentials} credentials (${report.format}) with ${report.skillLinks} skill links; dropped ${report.droppedLinks} links to skills not in the taxonomy and ${report.droppedReferences} references to unknown credentials\n`);
    },
  );
  common(parent.command('postings <file>').description('import schema.org JobPosting JSON-LD (one, an array or a @graph)')).action(async (file: string, opts: DocumentImportOptions) => {
    const text = await readDocument(file);
    const progress = linkProgress(opts.link);
    const done = await withWorkspace(opts, (ws) => importPostings(ws, localOperator, text, systemClock(), { source: file }), progress.access).finally(() => progress.stop());
    const report = { file, postings: done.postings.length, skillLinks: done.postings.reduce((n, p) => n + p.skills.length, 0), refused: done.refused, warnings: done.warnings };
    if (opts.json) printJson(report);
    else {
      process.stdout.write(`imported ${report.postings} job postings with ${report.skillLinks} skill links; refused ${report.refused.length}; ${report.warnings.length} warning(s)\n`);
      for (const r of report.refused) process.stdout.write(`  refused ${r.path}: ${r.code}: ${r.message}\n`);
      for (const w of report.warnings.slice(0, 20)) process.stdout.write(`  warning ${w.path || '(document)'}: ${w.code}: ${w.message}\n`);
    }
  });
}
