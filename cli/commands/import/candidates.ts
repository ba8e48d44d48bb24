import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import { importCandidates, type ImportCandidatesReport } from '../../../app/candidates-import.ts';
import { systemClock } from '../../../app/clock.ts';
import { localOperator } from '../../../app/principal.ts';
import { CANDIDATE_FORMATS, type CandidateFormat } from '../../../engine/ingest/candidates-document.ts';
import { printJson } from '../../lib/print-json.ts';
import { progressBar } from '../../lib/progress-bar.ts';
import { UsageError } from '../../lib/usage-error.ts';
import { withWorkspace } from '../../lib/with-workspace.ts';

interface CandidatesImportOptions {
  readonly db?: string;
  readonly json?: boolean;
  readonly link?: boolean;
  readonly format?: CandidateFormat | 'auto';
  readonly candidate?: string;
  readonly shareWith?: string[];
}

function printText(file: string, r: ImportCandidatesReport): void {
  for (const w of r.warnings) process.stderr.write(`skillgraph: warning: ${w.code}: ${w.id ?? `record ${w.index}`}: ${w.path}: ${w.message}\n`);
  for (const e of r.errors) process.stderr.write(`skillgraph: record ${e.index < 0 ? '' : `${e.index} `}${e.id ? `(${e.id}) ` : ''}not imported: ${e.code}: ${e.path}: ${e.message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
  const what = r.format === 'wallet' ? `${r.awards} awards for ${r.candidateIds[0]} (${r.created ? 'new candidate' : 'existing candidate'})` : `${r.created} new and ${r.updated} updated candidates`;
  const skills = r.format === 'wallet' ? '' : `; ${r.claimedSkills} self-claimed skills matched (${r.unmatchedSkillNames} names unmatched), ${r.textSkills} skills linked from work and education text`;
  process.stdout.write(`imported ${what} from ${file} (${r.format})${skills}; ${r.errors.length} record${r.errors.length === 1 ? '' : 's'} not imported\n`);
}

/** `skillgraph import candidates <file>`: JSON Resume, a candidates CSV, or a wallet's Verifiable Presentation. */
export function register(parent: Command): void {
  parent
    .command('candidates <file>')
    .description('import candidates: JSON Resume (one or an array), a CSV (id,name,email,location,experience,education,skills,sharedWith), or a wallet export (Verifiable Presentation of Open Badges) as awards for its holder')
    .option('--db <file>', 'database file (default: $SKILLGRAPH_DB or the user data folder)')
    .option('--link', 'link work and education text and unmatched skill names with the embedding model (else exact skill labels only)')
    .addOption(new Option('--format <format>', 'the file format (default: detected)').choices([...CANDIDATE_FORMATS, 'auto']))
    .option('--candidate <id>', 'wallet: the candidate the awards belong to (default: the presentation holder)')
    .option('--share-with <org...>', 'organisation ids every imported candidate shares their profile with')
    .option('--json', 'print the import report as JSON')
    .action(async (file: string, opts: CandidatesImportOptions) => {
      const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot read ${file}: ${err.code ?? err.message}`);
      });
      const format = opts.format ?? (extname(file).toLowerCase() === '.csv' ? 'csv' : 'auto');
      const bar = progressBar(opts);
      const report = await withWorkspace(
        opts,
        async (ws) => {
          if (ws.graph.skillCount === 0) throw new UsageError('the store has no taxonomy: import ESCO or O*NET first (skillgraph import esco <dir>)');
          try {
            return await importCandidates(
              ws,
              localOperator,
              { document: text, format, link: opts.link ?? false, candidateId: opts.candidate ?? null, sharedWith: opts.shareWith ?? [] },
              systemClock(),
              { onProgress: bar.update, source: file },
            );
          } finally {
            bar.stop();
          }
        },
        { link: opts.link === true, verify: true },
      );
      if (opts.json) printJson({ file, ...report });
      else printText(file, report);
      if (report.errors.length > 0) process.exitCode = 1;
    });
}
