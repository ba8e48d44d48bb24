import type { FitResult } from '../engine/fit/types.ts';
import { requireRole } from './access.ts';
import { engineCall } from './engine-call.ts';
import { visibleCandidate } from './candidates.ts';
import type { Principal } from './principal.ts';
import { visibleRole } from './roles.ts';
import type { Workspace } from './workspace.ts';

/** How well a candidate fits a role, requirement by requirement, with the best evidence of each. */
export function fit(ws: Workspace, principal: Principal | null, input: { readonly candidateId: string; readonly roleId: string }, now: Date): FitResult {
  const p = requireRole(principal, ['admin', 'learner', 'employer'], 'fit');
  visibleCandidate(ws, p, input.candidateId);
  const role = visibleRole(ws, p, input.roleId);
  return engineCall(() => ws.scorer.score(role, ws.profile(input.candidateId, now)), 'roleId');
}
