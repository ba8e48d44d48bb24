import type { FitScorer } from '../fit/fit-scorer.ts';
import type { FitResult, RoleLike } from '../fit/types.ts';
import type { SkillProfile } from '../profile/types.ts';
import { checkRankOption } from './errors.ts';
import { integerIn } from '../../taxonomy/model/option-check.ts';

/** The best roles for one candidate. Roles are few, so each is scored by the fit scorer. */
export function rankRoles(scorer: FitScorer, profile: SkillProfile, roles: readonly RoleLike[], opts: { top?: number; minScore?: number } = {}): FitResult[] {
  const top = checkRankOption('top', opts.top ?? 10, integerIn(1));
  const minScore = opts.minScore ?? -Infinity;
  return roles
    .filter((r) => r.requirements.length > 0)
    .map((r) => scorer.score(r, profile))
    .filter((f) => f.score >= minScore)
    .sort((a, b) => b.score - a.score || (a.roleId < b.roleId ? -1 : a.roleId > b.roleId ? 1 : 0))
    .slice(0, top);
}
