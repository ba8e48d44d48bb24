import type { Command } from 'commander';
import { localOperator } from '../../app/principal.ts';
import { rankCandidates } from '../../app/rank-candidates.ts';
import { roleProfile } from '../../app/roles.ts';
import { asOf, positiveInt } from '../lib/as-of.ts';
import { explainScore } from '../../engine/rank/explain.ts';
import { printJson } from '../lib/print-json.ts';
import { withWorkspace } from '../lib/with-workspace.ts';

interface RankCliOptions {
  role: string;
  top?: string;
  json?: boolean;
  db?: string;
  sharedWith?: string;
  verifiedOnly?: boolean;
  cursor?: string;
  asOf?: string;
}

/** `skillgraph rank --role <id> [--top N] [--json] [--db <file>]`: candidates who fit a role, and why. */
export function register(program: Command): void {
  program
    .command('rank')
    .description('rank candidates for a role (stored role or posting id, or an ESCO/O*NET occupation) with per-requirement evidence')
    .requiredOption('--role <id>', 'stored role id, posting id, ESCO occupation URI/code or O*NET-SOC code')
    .option('--top <n>', 'how many candidates (default 10)')
    .option('--shared-with <org>', 'only candidates who shared their profile with this organisation')
    .option('--verified-only', 'count verified evidence only')
    .option('--cursor <cursor>', 'next page (from a previous --json output)')
    .option('--as-of <date>', 'score as of this date (default: today)')
    .option('--db <file>', 'SQLite database file (default: $SKILLGRAPH_DB or the user data folder)')
    .option('--json', 'print JSON')
    .action(async (opts: RankCliOptions) => {
      const top = positiveInt('--top', opts.top, 10);
      const now = asOf(opts.asOf);
      const { role, page, names, essentialThreshold } = await withWorkspace(
        opts,
        async (ws) => {
          const page = rankCandidates(
            ws,
            localOperator,
            { roleId: opts.role, first: top, after: opts.cursor ?? null, sharedWith: opts.sharedWith ?? null, ...(opts.verifiedOnly ? { verifiedOnly: true } : {}) },
            now,
          );
          return { role: roleProfile(ws, opts.role), page, names: new Map(page.items.map((i) => [i.candidateId, ws.records.candidates.get(i.candidateId)?.name ?? ''])),
            essentialThreshold: ws.scorer.options.essentialThreshold,
          };
        },
        { create: false },
      );
      // the GraphQL field names: a connection of edges { score node { fit … } }, totalCount, pageInfo
      if (opts.json) {
        return printJson({
          role,
          totalCount: page.total,
          edges: page.items.map((item) => ({ score: item.score, node: { ...item.fit!, name: names.get(item.candidateId) ?? '' } })),
          pageInfo: { endCursor: page.nextCursor, hasNextPage: page.nextCursor !== null },
        });
      }
      const out = process.stdout;
      out.write(`${role.title || role.id}: ${role.requirements.length} requirements, ${page.total} candidates, ranked by score (fit adjusted for missing essentials and verified evidence)\n`);
      page.items.forEach((item, i) => {
        const fit = item.fit!;
        const label = (s: string): string => fit.requirements.find((r) => r.skillId === s)?.label || s;
        const missing = fit.missingEssentials.length > 0 ? `\n       missing essentials: ${fit.missingEssentials.map(label).join(', ')}` : '';
        out.write(`${String(i + 1).padStart(3)}. ${item.candidateId}  ${names.get(item.candidateId) ?? ''}  ${explainScore(fit)}${missing}\n`);
        for (const r of fit.requirements) {
          if (!r.best) continue;
          // an essential requirement covered below the threshold is in the missing list: show it as partial, not covered
          if (r.missing) {
            out.write(`       ${r.label || r.skillId}: partial ${r.coverage.toFixed(2)} (an essential needs ${essentialThreshold.toFixed(2)})\n`);
            continue;
          }
          const ev = r.best.evidence;
          const from = ev ? (ev.credentialId ? `credential ${ev.credentialId}` : `"${ev.source.slice(0, 60)}"`) + ` (${ev.verification}, link ${ev.linkConfidence.toFixed(2)})` : 'profile';
          const held = r.best.kind === 'exact' ? '' : ` via ${r.best.heldSkillId} (${r.best.kind}, sim ${r.best.sim.toFixed(2)})`;
          out.write(`       ${r.label || r.skillId}: ${r.coverage.toFixed(2)} ← ${from}${held}\n`);
        }
      });
      if (page.nextCursor) out.write(`next page: --cursor ${page.nextCursor}\n`);
    });
}
