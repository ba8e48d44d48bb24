import { findOccupation, requirementsFromOccupation } from '../engine/requirements/from-occupation.ts';
import { requirementsFromPostingAndOccupation, requirementsFromRole } from '../engine/requirements/role-profile.ts';
import type { RequirementProfile } from '../engine/requirements/types.ts';
import type { Role } from '../taxonomy/model/types.ts';
import { canSeeRole, requireRole } from './access.ts';
import { engineCall } from './engine-call.ts';
import { InvalidInputError, NotFoundError } from './errors.ts';
import { parseRoleRef } from './ownership.ts';
import type { Principal } from './principal.ts';
import type { Workspace } from './workspace.ts';

const ROLE_HINT = 'not a stored role, posting, ESCO occupation URI/code or O*NET-SOC code (`occupation:<id>` names an occupation only)';

/** An occupation's requirement profile; one without skills in the store is an input error. */
function occupationProfile(ws: Workspace, roleId: string, occupationId: string): RequirementProfile {
  const profile = requirementsFromOccupation(ws.graph, occupationId);
  if (profile.requirements.length === 0) throw new InvalidInputError(`occupation ${roleId} has no skills in the store (import ESCO occupation–skill relations first)`, 'roleId');
  return profile;
}

/**
 * A role's requirement profile. `roleId` is a stored role, a stored posting (its skills, merged with
 * its occupation's), or an occupation (ESCO URI or code, O*NET-SOC code: ESCO essential/optional,
 * O*NET importance through the crosswalk). An occupation without skills in the store is an input
 * error rather than a role nobody can fit. `occupation:<id>` names an occupation only (typed role
 * references, app/ownership.ts): no stored role or posting can stand in for it.
 */
export function roleProfile(ws: Workspace, roleId: string): RequirementProfile {
  return ws.cached(['role', roleId], () => {
    const ref = parseRoleRef(roleId);
    if (ref.kind === 'occupation') {
      if (findOccupation(ws.graph, ref.id)) return occupationProfile(ws, roleId, ref.id);
      throw new NotFoundError('Role', roleId, ROLE_HINT);
    }
    const role = ws.records.roles.get(roleId);
    if (role) return requirementsFromRole(role);
    const posting = ws.records.postings.get(roleId);
    if (posting) return requirementsFromPostingAndOccupation(ws.graph, posting);
    if (findOccupation(ws.graph, roleId)) return occupationProfile(ws, roleId, roleId);
    throw new NotFoundError('Role', roleId, ROLE_HINT);
  });
}

/**
 * A role the caller may see: stored roles and postings by organisation; occupations are public. A
 * role or posting the caller cannot see neither answers nor shadows an occupation of the same id
 * (issue 17). Engine input errors of the role's profile become typed errors on `roleId`.
 */
export function visibleRole(ws: Workspace, principal: Principal, roleId: string): RequirementProfile {
  const role = ws.records.roles.get(roleId);
  const posting = ws.records.postings.get(roleId);
  const hidden = (role && !canSeeRole(principal, role)) || (!role && posting && principal.role === 'employer' && posting.organisationId !== principal.organisationId);
  if (hidden) {
    if (parseRoleRef(roleId).kind === 'any' && findOccupation(ws.graph, roleId)) return engineCall(() => occupationProfile(ws, roleId, roleId), 'roleId');
    throw new NotFoundError('Role', roleId, ROLE_HINT);
  }
  return engineCall(() => roleProfile(ws, roleId), 'roleId');
}

/** The stored roles the caller may see (an employer its own; everyone else all), in id order. */
export function visibleRoles(ws: Workspace, principal: Principal): Role[] {
  return [...ws.records.roles.values()].filter((r) => canSeeRole(principal, r));
}

/** Reading one role (any key): its requirement profile, if the caller may see it. */
export function readRole(ws: Workspace, principal: Principal | null, roleId: string): RequirementProfile {
  return visibleRole(ws, requireRole(principal, ['admin', 'employer', 'learner', 'planner'], 'reading a role'), roleId);
}
