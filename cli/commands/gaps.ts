import type { Command } from 'commander';
import type { GapDimension } from '../../engine/analytics/types.ts';
import { DEFAULT_WINDOW_MONTHS, gaps } from '../../app/gaps.ts';
import { localOperator } from '../../app/principal.ts';
import { asOf, positiveInt } from '../lib/as-of.ts';
import { printJson } from '../lib/print-json.ts';
import { UsageError } from '../lib/usage-error.ts';
import { withWorkspace } from '../lib/with-workspace.ts';

const DIMENSIONS: readonly GapDimension[] = ['skill', 'group', 'occupation', 'month'];

interface GapsCliOptions {
  by?: string;
  months?: string;
  k?: string;
  top?: string;
  json?: boolean;
  db?: string;
  asOf?: string;
}

const pct = (x: number | null): string => (x === null ? '   —  ' : `${(100 * x).toFixed(1).padStart(5)}%`);

/** `skillgraph gaps [--by skill|group|occupation|month] [--json]`: demand (postings) vs supply (candidates). */
export function register(program: Command): void {
  program
    .command('gaps')
    .description('skill gaps: demand from postings in a window against supply in the candidate cohort (k-anonymous)')
    .option('--by <dimension>', 'skill, group, occupation or month (default skill)')
    .option('--months <n>', `window: the last n whole months up to this month (default ${DEFAULT_WINDOW_MONTHS}, as the API)`)
    .option('--as-of <date>', 'as of this date (default: today)')
    .option('--k <n>', 'suppress aggregates over fewer than k people (default 5)')
    .option('--top <n>', 'rows to print (default 30; --json prints all)')
    .option('--db <file>', 'SQLite database file (default: $SKILLGRAPH_DB or the user data folder)')
    .option('--json', 'print JSON')
    .action(async (opts: GapsCliOptions) => {
      const by = (opts.by ?? 'skill') as GapDimension;
      if (!DIMENSIONS.includes(by)) throw new UsageError(`invalid --by: ${opts.by} (expected ${DIMENSIONS.join(', ')})`);
      const months = positiveInt('--months', opts.months, DEFAULT_WINDOW_MONTHS);
      const k = positiveInt('--k', opts.k, 5);
      const top = positiveInt('--top', opts.top, 30);
      const now = asOf(opts.asOf);
      const { window, rows } = await withWorkspace(opts, async (ws) => gaps(ws, localOperator, { by, months, k }, now), { create: false });
      if (opts.json) return printJson({ by, from: window.from, to: window.to, k, cells: rows });
      const out = process.stdout;
      out.write(`gaps by ${by}, postings ${window.from} – ${window.to} (exclusive), k = ${k}\n`);
      out.write(`${'demand'.padStart(7)} ${'supply'.padStart(7)} ${'verif.'.padStart(7)} ${'gap'.padStart(7)}  ${by}\n`);
      for (const r of rows.slice(0, top)) {
        out.write(`${pct(r.demand).padStart(7)} ${pct(r.supply).padStart(7)} ${pct(r.verifiedSupply).padStart(7)} ${pct(r.gap).padStart(7)}  ${r.label || r.key}${r.month ? ` ${r.month}` : ''}${r.suppressed ? ' (suppressed: fewer than k people)' : ''}\n`);
      }
      if (rows.length > top) out.write(`… ${rows.length - top} more (--top, --json)\n`);
    });
}
