import type { Command } from 'commander';
import { DEFAULT_RECOMMEND_OPTIONS } from '../../engine/recommend/options.ts';
import { CREDIBILITY_TEXT } from '../../engine/recommend/describe.ts';
import type { Pathway } from '../../engine/recommend/types.ts';
import { localOperator } from '../../app/principal.ts';
import { recommend } from '../../app/recommend.ts';
import { asOf } from '../lib/as-of.ts';
import { printJson } from '../lib/print-json.ts';
import { UsageError } from '../lib/usage-error.ts';
import { withWorkspace } from '../lib/with-workspace.ts';

interface RecommendCliOptions {
  candidate: string;
  role: string;
  budget?: string;
  hours?: string;
  target?: string;
  json?: boolean;
  db?: string;
  asOf?: string;
}

const pct = (x: number): string => `${Math.round(100 * x)}%`;

function nonNegative(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`invalid ${name}: ${value} (expected a number ≥ 0)`);
  return n;
}

function printPathway(label: string, p: Pathway | null, name: (id: string) => string, credentialName: (id: string) => string): void {
  const out = process.stdout;
  if (!p) {
    out.write(`${label}: target not reachable within the budget\n`);
    return;
  }
  out.write(`${label} (${p.method}): fit ${p.fitBefore.toFixed(3)} → ${p.fitAfter.toFixed(3)}, $${p.totalCost.toFixed(0)}, ${p.totalHours.toFixed(0)} h${p.reachedTarget ? '' : ' (target not reached)'}\n`);
  p.steps.forEach((s, i) => {
    const closes = s.closes.map((c) => `${name(c.skillId)} ${c.before.toFixed(2)}→${c.after.toFixed(2)}`).join(', ');
    const extra = [s.unlocks.length ? `unlocks ${s.unlocks.map(credentialName).join(', ')}` : '', s.stacksCompleted.length ? `completes ${s.stacksCompleted.map(credentialName).join(', ')}` : ''].filter(Boolean).join('; ');
    out.write(`  ${i + 1}. ${s.name} [${s.credentialId}] $${s.cost} ${s.hours} h: ${closes || 'prerequisite of a later step'}${extra ? ` (${extra})` : ''}\n`);
  });
}

/** `skillgraph recommend --candidate <id> --role <id> [--budget <usd>] [--hours <h>] [--json]`. */
export function register(program: Command): void {
  program
    .command('recommend')
    .description('the next stackable credential and pathways (best, cheapest, fastest) for a candidate and a role')
    .requiredOption('--candidate <id>', 'candidate id')
    .requiredOption('--role <id>', 'stored role id, posting id, ESCO occupation URI/code or O*NET-SOC code')
    .option('--budget <usd>', 'money budget in USD')
    .option('--hours <h>', 'effort budget in hours')
    .option('--target <fit>', `target fit in (0, 1] (default: ${pct(DEFAULT_RECOMMEND_OPTIONS.targetShare)} of the way to the best fit the catalogue reaches within budget, as the API)`)
    .option('--as-of <date>', 'as of this date (default: today)')
    .option('--db <file>', 'SQLite database file (default: $SKILLGRAPH_DB or the user data folder)')
    .option('--json', 'print JSON')
    .action(async (opts: RecommendCliOptions) => {
      const budgetUsd = nonNegative('--budget', opts.budget);
      const budgetHours = nonNegative('--hours', opts.hours);
      const targetFit = nonNegative('--target', opts.target);
      const now = asOf(opts.asOf);
      const result = await withWorkspace(
        opts,
        async (ws) => {
          const r = recommend(
            ws,
            localOperator,
            {
              candidateId: opts.candidate,
              roleId: opts.role,
              ...(budgetUsd !== undefined ? { budgetUsd } : {}),
              ...(budgetHours !== undefined ? { budgetHours } : {}),
              ...(targetFit !== undefined ? { targetFit } : {}),
            },
            now,
          );
          const labels = new Map(r.role.requirements.map((q) => [q.skillId, ws.graph.labelOf(q.skillId) || q.skillId]));
          const { best, candidateId: _candidate, roleId: _role, ...alternatives } = r.pathway;
          return {
            labels: Object.fromEntries(labels),
            credentialNames: Object.fromEntries([...ws.records.credentials.values()].map((c) => [c.id, c.name])),
            role: { id: r.role.id, title: r.role.title },
            candidateId: opts.candidate,
            fit: r.fit.fit,
            missingEssentials: r.fit.missingEssentials,
            next: r.next,
            // the GraphQL names (Recommendations): pathway = best within budget, cheapest, fastest, targetFit …
            pathway: best,
            ...alternatives,
          };
        },
        { create: false },
      );
      const { labels, credentialNames, ...json } = result;
      if (opts.json) return printJson(json);
      const name = (id: string): string => labels[id] ?? id;
      const credentialName = (id: string): string => credentialNames[id] || id;
      const out = process.stdout;
      out.write(`${result.candidateId} for ${result.role.title || result.role.id}: fit ${result.fit.toFixed(3)}${result.missingEssentials.length ? `, missing essentials: ${result.missingEssentials.map(name).join(', ')}` : ''}\n`);
      out.write('next credentials (gain per cost):\n');
      if (result.next.length === 0) out.write('  none earnable now raises the fit\n');
      for (const r of result.next) {
        out.write(`  ${r.name} [${r.credentialId}]: +${r.gain.toFixed(3)} fit, $${r.cost}, ${r.hours} h${r.progressesStacks.length ? `, progresses ${r.progressesStacks.join(', ')}` : ''}, ${CREDIBILITY_TEXT[r.credibility]}\n`);
      }
      out.write(
        `target fit ${result.targetFit.toFixed(3)} (${result.targetFrom === 'given' ? 'given' : `${pct(DEFAULT_RECOMMEND_OPTIONS.targetShare)} of the way to ${result.reachableFit.toFixed(3)}, the best the catalogue reaches`})\n`,
      );
      printPathway('best within budget', result.pathway, name, credentialName);
      printPathway('cheapest', result.cheapest, name, credentialName);
      printPathway('fastest', result.fastest, name, credentialName);
    });
}
