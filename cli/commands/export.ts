import type { Command } from 'commander';
import { exportAward, exportCredential, exportRole } from '../../app/export-records.ts';
import { localOperator } from '../../app/principal.ts';
import { printJson } from '../lib/print-json.ts';
import { UsageError } from '../lib/usage-error.ts';
import { withWorkspace } from '../lib/with-workspace.ts';

interface ExportOptions {
  readonly as: string;
  readonly db?: string;
}

/**
 * `skillgraph export credential|award|role <id> --as ob3|ctdl`: records as standards documents (JSON on stdout):
 * a credential as an OB 3.0 Achievement (skills as alignment[] with ESCO URIs) or CTDL; an award as an
 * unsigned OpenBadgeCredential; a role's requirement profile as a CTDL ceterms:Job. For CTDL, the minimum-data
 * properties skillgraph cannot fill are listed on stderr.
 */
export function register(program: Command): void {
  const exp = program.command('export').description('export records as Open Badges 3.0 or CTDL JSON-LD');
  exp
    .command('credential <id>')
    .description('a credential as an OB 3.0 Achievement (--as ob3) or CTDL (--as ctdl)')
    .option('--as <format>', 'ob3 | ctdl', 'ob3')
    .option('--db <file>', 'database file')
    .action(async (id: string, opts: ExportOptions) => {
      if (opts.as !== 'ob3' && opts.as !== 'ctdl') throw new UsageError(`invalid --as: ${opts.as} (expected ob3 or ctdl)`);
      const as = opts.as;
      const out = await withWorkspace(opts, async (ws) => exportCredential(ws, localOperator, { id, as }), { create: false });
      if (out.missing.length > 0) process.stderr.write(`skillgraph: CTDL minimum data not known to skillgraph: ${out.missing.join(', ')}\n`);
      printJson(out.document);
    });
  exp
    .command('award <id>')
    .description('an award as an unsigned OB 3.0 OpenBadgeCredential')
    .option('--db <file>', 'database file')
    .action(async (id: string, opts: { db?: string }) => {
      const out = await withWorkspace(opts, async (ws) => exportAward(ws, localOperator, id), { create: false });
      printJson(out.document);
    });
  exp
    .command('role <id>')
    .description("a role's requirement profile as a CTDL ceterms:Job")
    .option('--as <format>', 'ctdl', 'ctdl')
    .option('--db <file>', 'database file')
    .action(async (id: string, opts: ExportOptions) => {
      if (opts.as !== 'ctdl') throw new UsageError(`invalid --as: ${opts.as} (a role exports as ctdl)`);
      const out = await withWorkspace(opts, async (ws) => exportRole(ws, localOperator, id), { create: false });
      if (out.missing.length > 0) process.stderr.write(`skillgraph: CTDL minimum data not known to skillgraph: ${out.missing.join(', ')}\n`);
      printJson(out.document);
    });
}
