import type { Command } from 'commander';
import { createFitScorer } from '../../engine/fit/fit-scorer.ts';
import type { FitScorer } from '../../engine/fit/fit-scorer.ts';
import { createProfileBuilder } from '../../engine/profile/build-profile.ts';
import type { SkillProfile } from '../../engine/profile/types.ts';
import { explainScore } from '../../engine/rank/explain.ts';
import { createRankingIndex } from '../../engine/rank/ranking-index.ts';
import { findOccupation, requirementsFromOccupation } from '../../engine/requirements/from-occupation.ts';
import { requirementsFromPostingAndOccupation, requirementsFromRole } from '../../engine/requirements/role-profile.ts';
import type { RequirementProfile } from '../../engine/requirements/types.ts';
import { SkillGraph } from '../../taxonomy/model/skill-graph.ts';
import type { Candidate, Credential } from '../../taxonomy/model/types.ts';
import type { GraphStore } from '../../taxonomy/stores/graph-store.ts';
import { printJson } from '../lib/print-json.ts';
import { UsageError } from '../lib/usage-error.ts';
import { withStore } from '../lib/with-store.ts';

/** What rank / recommend / gaps read from the store: the graph, candidates' profiles, credentials. */
export interface MatchingModel {
  readonly graph: SkillGraph;
  readonly scorer: FitScorer;
  readonly candidates: readonly Candidate[];
  readonly profiles: readonly SkillProfile[];
  readonly credentials: readonly Credential[];
  /** Candidate id → credential ids held (awards). */
  readonly held: ReadonlyMap<string, readonly string[]>;
}

/**
 * Loads the read model. Profiles come from awards and claimed skills; free-text experience needs the
 * linker (`skillgraph link`) and is not read here.
 */
export async function loadMatchingModel(store: GraphStore, now: string): Promise<MatchingModel> {
  const [taxonomy, candidates, awards, credentials] = await Promise.all([store.loadTaxonomy(), store.listCandidates(), store.listAwards(), store.listCredentials()]);
  const graph = SkillGraph.fromData(taxonomy);
  const byCandidate = new Map<string, typeof awards>();
  for (const a of awards) (byCandidate.get(a.candidateId) ?? byCandidate.set(a.candidateId, []).get(a.candidateId)!).push(a);
  const credentialById = new Map(credentials.map((c) => [c.id, c]));
  const builder = createProfileBuilder();
  const profiles = candidates.map((candidate) => builder.build({ candidate, awards: byCandidate.get(candidate.id) ?? [], credentials: credentialById, now }));
  const held = new Map(candidates.map((c) => [c.id, (byCandidate.get(c.id) ?? []).map((a) => a.credentialId)]));
  return { graph, scorer: createFitScorer({ graph }), candidates, profiles, credentials, held };
}

/**
 * `--role` is a stored role id, a stored posting id, or an occupation (ESCO URI or code, O*NET-SOC
 * code): then the requirement profile comes from the occupation (ESCO essential/optional, O*NET
 * importance through the crosswalk).
 */
export async function resolveRole(store: GraphStore, graph: SkillGraph, ref: string): Promise<RequirementProfile> {
  const role = await store.getRole(ref);
  if (role) return requirementsFromRole(role);
  const posting = await store.getPosting(ref);
  if (posting) return requirementsFromPostingAndOccupation(graph, posting);
  if (findOccupation(graph, ref)) {
    const profile = requirementsFromOccupation(graph, ref);
    if (profile.requirements.length === 0) throw new UsageError(`occupation ${ref} has no skills in the store (import ESCO occupation–skill relations first)`);
    return profile;
  }
  throw new UsageError(`unknown role: ${ref} (not a stored role, posting, ESCO occupation URI/code or O*NET-SOC code)`);
}

/**
 * `now` for profiles: the start of today (UTC). Recency is measured in days anyway, and a fixed `now`
 * within a day keeps scores — hence `--cursor` pages — stable between calls.
 */
export function todayUtc(): string {
  return `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`;
}

export function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`invalid ${name}: ${value} (expected a whole number ≥ 1)`);
  return n;
}

interface RankCliOptions {
  role: string;
  top?: string;
  json?: boolean;
  db?: string;
  sharedWith?: string;
  verifiedOnly?: boolean;
  cursor?: string;
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
    .option('--db <file>', 'SQLite database file (default: $SKILLGRAPH_DB or the user data folder)')
    .option('--json', 'print JSON')
    .action(async (opts: RankCliOptions) => {
      const top = positiveInt('--top', opts.top, 10);
      const { role, page, names, model } = await withStore(
        opts,
        async (store) => {
          const model = await loadMatchingModel(store, todayUtc());
          const role = await resolveRole(store, model.graph, opts.role);
          const index = createRankingIndex(model.graph, model.profiles, {
            scorer: model.scorer,
            sharedWith: new Map(model.candidates.map((c) => [c.id, c.sharedWith])),
          });
          const page = index.rank(role, {
            top,
            ...(opts.cursor ? { cursor: opts.cursor } : {}),
            ...(opts.sharedWith ? { sharedWith: opts.sharedWith } : {}),
            ...(opts.verifiedOnly ? { verifiedOnly: true } : {}),
          });
          return { role, page, names: new Map(model.candidates.map((c) => [c.id, c.name])), model };
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
            out.write(`       ${r.label || r.skillId}: partial ${r.coverage.toFixed(2)} (an essential needs ${model.scorer.options.essentialThreshold.toFixed(2)})\n`);
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
