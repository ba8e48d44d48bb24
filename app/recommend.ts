import type { FitResult } from '../engine/fit/types.ts';
import type { PathwayResult, Recommendation } from '../engine/recommend/types.ts';
import type { RequirementProfile } from '../engine/requirements/types.ts';
import { requireRole } from './access.ts';
import { visibleCandidate } from './candidates.ts';
import { credibilityLevels } from './credibility-levels.ts';
import { engineCall } from './engine-call.ts';
import type { Principal } from './principal.ts';
import { visibleRole } from './roles.ts';
import type { Workspace } from './workspace.ts';

/** Default number of next-credential suggestions. */
export const DEFAULT_NEXT = 5;

export interface RecommendInput {
  readonly candidateId: string;
  readonly roleId: string;
  /** Money budget in USD. */
  readonly budgetUsd?: number;
  /** Effort budget in hours. */
  readonly budgetHours?: number;
  /**
   * Fit to reach, in (0, 1]. Default (CLI and API alike): the engine's reachable target, `targetShare`
   * (0.8) of the way from the current fit to the best fit the catalogue reaches within budget.
   */
  readonly targetFit?: number;
  /** How many next-credential suggestions (default 5). */
  readonly first?: number;
}

export interface Recommendations {
  readonly role: RequirementProfile;
  /** The candidate's fit today. */
  readonly fit: FitResult;
  /** What to earn next, by gain per cost. */
  readonly next: Recommendation[];
  /** Pathways to the target: best within budget, cheapest, fastest. */
  readonly pathway: PathwayResult;
}

/** The next stackable credentials and pathways for a candidate and a role (prerequisites respected, held ones skipped). */
export function recommend(ws: Workspace, principal: Principal | null, input: RecommendInput, now: Date): Recommendations {
  const p = requireRole(principal, ['admin', 'learner', 'employer'], 'recommending credentials');
  visibleCandidate(ws, p, input.candidateId);
  const role = visibleRole(ws, p, input.roleId);
  const profile = ws.profile(input.candidateId, now);
  const query = {
    ...(input.budgetUsd !== undefined ? { budgetUsd: input.budgetUsd } : {}),
    ...(input.budgetHours !== undefined ? { budgetHours: input.budgetHours } : {}),
    ...(input.targetFit !== undefined ? { targetFit: input.targetFit } : {}),
  };
  const held = ws.records.awardsOfCandidate(input.candidateId).map((a) => a.credentialId);
  // issue 20: at equal value the more credible credential ranks first (engine/recommend/credibility.ts)
  const request = { role, profile, catalogue: [...ws.records.credentials.values()], held, credibility: credibilityLevels(ws) };
  return engineCall(
    () => ({ role, fit: ws.scorer.score(role, profile), next: ws.recommender.next(request, { top: input.first ?? DEFAULT_NEXT }), pathway: ws.recommender.pathway(request, query) }),
    'budget',
  );
}
