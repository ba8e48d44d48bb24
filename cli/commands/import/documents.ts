import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { importCredentials } from '../../../app/import-credentials.ts';
import { importPostings } from '../../../app/import-postings.ts';
import { systemClock } from '../../../app/clock.ts';
import { localOperator } from '../../../app/principal.ts';
import { printJson } from '../../lib/print-json.ts';
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
      const parse = { source: file, ...(extname(file).toLowerCase() === '.csv' ? { format: 'catalogue' as const } : {}) };
      const done = await withWorkspace(opts, (ws) => importCredentials(ws, localOperator, text, parse), { link: opts.link === true });
      const report = {
        file,
        format: done.format,
        credentials: done.credentials.length,
        skillLinks: done.credentials.reduce((n, c) => n + c.skills.length, 0),
        droppedLinks: done.droppedLinks,
        droppedReferences: done.droppedReferences,
        warnings: done.warnings,
      };
      if (opts.json) printJson(report);
      else process.stdout.write(`imported ${report.credentials} credentials (${report.format}) with ${report.skillLinks} skill links; dropped ${report.droppedLinks} links to skills not in the taxonomy and ${report.droppedReferences} references to unknown credentials\n`);
    },
  );
  common(parent.command('postings <file>').description('import schema.org JobPosting JSON-LD (one, an array or a @graph)')).action(async (file: string, opts: DocumentImportOptions) => {
    const text = await readDocument(file);
    const postings = await withWorkspace(opts, (ws) => importPostings(ws, localOperator, text, systemClock(), { source: file }), { link: opts.link === true });
    // with the model: a posting without occupationalCategory gets the title normaliser's occupation (issue 15)
    const report = { file, postings: postings.length, skillLinks: postings.reduce((n, p) => n + p.skills.length, 0), inferredOccupations: postings.filter((p) => p.occupationInferred).length };
    if (opts.json) printJson(report);
    else process.stdout.write(`imported ${report.postings} job postings with ${report.skillLinks} skill links${report.inferredOccupations ? `; ${report.inferredOccupations} occupations inferred from titles` : ''}\n`);
  });
}
