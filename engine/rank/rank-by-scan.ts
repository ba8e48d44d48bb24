import type { FitScorer } from '../fit/fit-scorer.ts';
import type { RoleLike } from '../fit/types.ts';
import type { SkillProfile } from '../profile/types.ts';

/**
 * The naive reference: score every candidate with the fit scorer and sort (score desc, id asc).
 * O(candidates × skills); used by tests and as the benchmark baseline.
 */
export function rankByScan(scorer: FitScorer, role: RoleLike, profiles: Iterable<SkillProfile>, top: number, verifiedOnly = false): { candidateId: string; score: number }[] {
  const all: { candidateId: string; score: number }[] = [];
  for (const p of profiles) all.push({ candidateId: p.candidateId, score: scorer.score(role, p, { verifiedOnly }).score });
  all.sort((a, b) => b.score - a.score || (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0));
  return all.slice(0, top);
}
