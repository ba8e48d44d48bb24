import { findOccupation, requirementsFromOccupation } from '../engine/requirements/from-occupation.ts';
import { requirementsFromPostingAndOccupation, requirementsFromRole } from '../engine/requirements/role-profile.ts';
import type { RequirementProfile } from '../engine/requirements/types.ts';
import type { Role } from '../taxonomy/model/types.ts';
import { canSeeRole, requireRole } from './access.ts';
import { InvalidInputError, NotFoundError } from './errors.ts';
import type { Principal } from './principal.ts';
import type { Workspace } from './workspace.ts';

const ROLE_HINT = 'not a stored role, posting, ESCO occupation URI/code or O*NET-SOC code';

/**
 * A role's requirement profile. `roleId` is a stored role, a stored posting (its skills, merged with
 * its occupation's), or an occupation (ESCO URI or code, O*NET-SOC code: ESCO essential/optional,
 * O*NET importance through the crosswalk). An occupation without skills in the store is an input
 * error rather than a role nobody can fit.
 */
export function roleProfile(ws: Workspace, roleId: string): RequirementProfile {
  return ws.cached(['role', roleId], () => {
    const role = ws.records.roles.get(roleId);
    if (role) return requirementsFromRole(role);
    const posting = ws.records.postings.get(roleId);
    if (posting) return requirementsFromPostingAndOccupation(ws.graph, posting);
    if (findOccupation(ws.graph, roleId)) {
      const profile = requirementsFromOccupation(ws.graph, roleId);
      if (profile.requirements.length === 0) throw new InvalidInputError(`occupation ${roleId} has no skills in the store (import ESCO occupation–skill relations first)`, 'roleId');
      return profile;
    }
    throw new NotFoundError('Role', roleId, ROLE_HINT);
  });
}

/** A role the caller may see: stored roles and postings by organisation; occupations are public. */
export function visibleRole(ws: Workspace, principal: Principal, roleId: string): RequirementProfile {
  const role = ws.records.roles.get(roleId);
  if (role && !canSeeRole(principal, role)) throw new NotFoundError('Role', roleId, ROLE_HINT);
  const posting = ws.records.postings.get(roleId);
  if (!role && posting && principal.role === 'employer' && posting.organisationId !== principal.organisationId) throw new NotFoundError('Role', roleId, ROLE_HINT);
  return roleProfile(ws, roleId);
}

/** The stored roles the caller may see (an employer its own; everyone else all), in id order. */
export function visibleRoles(ws: Workspace, principal: Principal): Role[] {
  return [...ws.records.roles.values()].filter((r) => canSeeRole(principal, r));
}

/** Reading one role (any key): its requirement profile, if the caller may see it. */
export function readRole(ws: Workspace, principal: Principal | null, roleId: string): RequirementProfile {
  return visibleRole(ws, requireRole(principal, ['admin', 'employer', 'learner', 'planner'], 'reading a role'), roleId);
}
