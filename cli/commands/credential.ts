import type { Command } from 'commander';
import { credentialValue, credentialValueObject, type DemandScope } from '../../app/credential-value.ts';
import { NotFoundError } from '../../app/errors.ts';
import { localOperator } from '../../app/principal.ts';
import type { CredentialValueReport } from '../../engine/value/report.ts';
import type { Credential } from '../../taxonomy/model/types.ts';
import { asOf } from '../lib/as-of.ts';
import { printJson } from '../lib/print-json.ts';
import { withWorkspace } from '../lib/with-workspace.ts';

interface CredentialCliOptions {
  value?: boolean;
  from?: string;
  to?: string;
  occupation?: string;
  organisation?: string;
  json?: boolean;
  db?: string;
  asOf?: string;
}

const money = (x: number | null): string => (x === null ? 'unknown' : `$${x}`);

function printCredential(c: Credential, label: (id: string) => string): void {
  const out = process.stdout;
  out.write(`${c.name} [${c.id}]\n`);
  out.write(`  issuer ${c.issuer.name} (${c.issuer.id}); ${c.credentialType}${c.level ? `, ${c.level}` : ''}; cost ${money(c.cost)}; hours ${c.hours ?? 'unknown'}\n`);
  out.write(`  skills (${c.skills.length}): ${c.skills.map((s) => label(s.skillId) || s.skillId).join(', ') || 'none'}\n`);
}

function printReport(c: Credential, r: CredentialValueReport): void {
  const out = process.stdout;
  out.write(`Value of ${c.name} [${c.id}]\n`);
  for (const f of r.figures) {
    out.write(`\n${f.name}: ${f.value}\n`);
    out.write(`  data:   ${f.data}\n`);
    out.write(`  method: ${f.method}\n`);
  }
}

/** `skillgraph credential <id> [--value] [--json] [--from --to --occupation --organisation]`. */
export function register(program: Command): void {
  program
    .command('credential <id>')
    .description('a catalogue credential; with --value its value report: demand covered, cost-effectiveness, credibility, holders (docs/CREDENTIAL-VALUE.md)')
    .option('--value', 'print the value report, every figure with its data and method')
    .option('--from <date>', 'demand from postings dated on or after this ISO date')
    .option('--to <date>', 'demand from postings dated before this ISO date')
    .option('--occupation <id>', 'demand from postings of this occupation or occupation group (or below it)')
    .option('--organisation <id>', 'demand from postings of this organisation')
    .option('--as-of <date>', 'as of this date (default: today)')
    .option('--db <file>', 'SQLite database file (default: $SKILLGRAPH_DB or the user data folder)')
    .option('--json', 'print JSON (with --value: the same object as the API’s CredentialValue)')
    .action(async (id: string, opts: CredentialCliOptions) => {
      const now = asOf(opts.asOf);
      const scope: DemandScope = { from: opts.from ?? null, to: opts.to ?? null, occupationId: opts.occupation ?? null, organisationId: opts.organisation ?? null };
      await withWorkspace(opts, async (ws) => {
        const c = ws.records.credentials.get(id);
        if (!c) throw new NotFoundError('Credential', id);
        if (!opts.value) {
          if (opts.json) printJson(c);
          else printCredential(c, (s) => ws.graph.labelOf(s));
          return;
        }
        const report = await credentialValue(ws, localOperator, { credentialId: id, scope }, now);
        if (opts.json) printJson(credentialValueObject(ws, report));
        else printReport(c, report);
      });
    });
}
