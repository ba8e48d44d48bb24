import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { ingestDocument } from '../../engine/ingest/ingest.ts';
import { INGEST_FORMATS, type IngestFormat, type IngestResult } from '../../engine/ingest/types.ts';
import { printJson } from '../lib/print-json.ts';
import { UsageError } from '../lib/usage-error.ts';

interface IngestCliOptions {
  readonly format: string;
  readonly json?: boolean;
  readonly now?: string;
  readonly ctid: string;
}

/**
 * `skillgraph ingest <file> [--format auto|ob2|ob3|clr|ctdl|jobposting|catalogue|text] [--json]`: parse and
 * validate one document and print what it holds (nothing is stored). `.csv` files are read as catalogues and
 * `.txt`/`.md` files as text unless `--format` says otherwise. Bad input: one line `skillgraph: <CODE>: <where>: <why>`, exit 1.
 */
export function register(program: Command): void {
  program
    .command('ingest')
    .description('parse and validate a credential, CLR bundle, CTDL document, job posting, catalogue CSV or text file')
    .argument('<file>', 'the file to read')
    .option('--format <format>', `one of auto, ${INGEST_FORMATS.join(', ')}`, 'auto')
    .option('--now <date>', 'ISO date: awards that expired before it are marked expired')
    .option('--ctid <mode>', 'CTDL ctid checking: strict (reject malformed/reused) or warn', 'strict')
    .option('--json', 'print the full result as JSON')
    .action((file: string, opts: IngestCliOptions) => {
      if (opts.format !== 'auto' && !(INGEST_FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`invalid --format: ${opts.format}`);
      if (opts.ctid !== 'strict' && opts.ctid !== 'warn') throw new UsageError(`invalid --ctid: ${opts.ctid}`);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw Object.assign(new Error(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`), { code: 'MISSING_FILE' });
      }
      const ext = extname(file).toLowerCase();
      const format = (opts.format === 'auto' ? (ext === '.csv' ? 'catalogue' : ext === '.txt' || ext === '.md' ? 'text' : 'auto') : opts.format) as IngestFormat | 'auto';
      let result: IngestResult;
      try {
        result = ingestDocument(text, { format, ctid: opts.ctid, ...(opts.now ? { now: opts.now } : {}) });
      } catch (e) {
        if (e instanceof Error) e.message = `${file}: ${e.message}`;
        throw e;
      }
      if (opts.json) return printJson(result);
      process.stdout.write(summary(result));
    });
}

/** A few human-readable lines: what was found, and the warnings. */
export function summary(r: IngestResult): string {
  const lines: string[] = [];
  switch (r.format) {
    case 'text':
      lines.push(`text: ${r.text.length} characters`);
      break;
    case 'jobposting':
      lines.push(`jobposting: ${r.postings.length} posting(s), ${r.postings.reduce((n, p) => n + p.posting.skills.length, 0)} explicit skill link(s)`);
      for (const p of r.postings.slice(0, 20)) lines.push(`  ${p.posting.id}  ${p.posting.title}  (${p.posting.skills.length} skills, ${p.skillTerms.length} terms)`);
      break;
    case 'catalogue':
      lines.push(`catalogue (${r.layout}): ${r.credentials.length} credential(s), ${r.skipped.length} junk row(s) skipped, ${r.duplicates} duplicate(s)`);
      break;
    default:
      lines.push(`${r.format}: ${r.credentials.length} credential(s), ${r.awards.length} award(s), ${r.customSkills.length} custom skill(s), ${r.pathways.length} pathway(s)`);
      for (const e of r.credentials.slice(0, 20)) {
        const c = e.credential;
        lines.push(`  ${c.id}  ${c.name}  [${c.credentialType}${c.hours !== null ? `, ${c.hours} h` : ''}${c.cost !== null ? `, $${c.cost}` : ''}] ${c.skills.length} skill(s)`);
      }
      for (const a of r.awards.slice(0, 20)) lines.push(`  award ${a.award.id} → ${a.award.credentialId} (${a.award.verification})`);
      for (const p of r.pathways) lines.push(`  pathway ${p.id}  ${p.name}  (${p.components.length} components)`);
  }
  if (r.format !== 'text' && r.format !== 'jobposting' && r.format !== 'catalogue' && r.credentials.length > 20) lines.push(`  … ${r.credentials.length - 20} more (use --json)`);
  for (const w of r.warnings) lines.push(`warning: ${w.code}${w.path ? ` at ${w.path}` : ''}: ${w.message}`);
  return `${lines.join('\n')}\n`;
}
