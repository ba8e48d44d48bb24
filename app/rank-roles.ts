import type { FitResult } from '../engine/fit/types.ts';
import { rankRoles as rankRoleProfiles } from '../engine/rank/rank-roles.ts';
import { requirementsFromRole } from '../engine/requirements/role-profile.ts';
import { requireRole } from './access.ts';
import { visibleCandidate } from './candidates.ts';
import { engineCall } from './engine-call.ts';
import type { Principal } from './principal.ts';
import { visibleRoles } from './roles.ts';
import type { Workspace } from './workspace.ts';

/** The stored roles the caller may see, ranked by how well a candidate they may see fits them. */
export function rankRoles(ws: Workspace, principal: Principal | null, input: { readonly candidateId: string; readonly first: number }, now: Date): FitResult[] {
  const p = requireRole(principal, ['admin', 'learner', 'employer'], 'ranking roles');
  visibleCandidate(ws, p, input.candidateId);
  return engineCall(() => {
    const roles = visibleRoles(ws, p).map(requirementsFromRole);
    return rankRoleProfiles(ws.scorer, ws.profile(input.candidateId, now), roles, { top: input.first });
  }, 'first');
}
