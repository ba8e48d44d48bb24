import type { Candidate, Role } from '../taxonomy/model/types.ts';
import type { ApiRole, Principal } from './principal.ts';
import { ForbiddenError } from './errors.ts';

/**
 * Who may see what (DESIGN.md §5): admin everything; employer its organisation's roles and only the
 * candidates who shared their profile with it; learner only themself; planner aggregates only.
 * Every resolver that returns personal data goes through these checks.
 */
export function requireRole(principal: Principal | null, roles: readonly ApiRole[], what: string): Principal {
  if (!principal) throw new ForbiddenError(`${what} needs an API key`);
  if (!roles.includes(principal.role)) throw new ForbiddenError(`${what} is not allowed for a ${principal.role} key`);
  return principal;
}

export function canSeeCandidate(principal: Principal | null, candidate: Candidate): boolean {
  if (!principal) return false;
  switch (principal.role) {
    case 'admin':
      return true;
    case 'employer':
      return principal.organisationId !== null && candidate.sharedWith.includes(principal.organisationId);
    case 'learner':
      return principal.candidateId === candidate.id;
    case 'planner':
      return false;
  }
}

/** Roles are job offers: learners and planners see them all; an employer sees its own. */
export function canSeeRole(principal: Principal | null, role: Role): boolean {
  if (!principal) return false;
  if (principal.role === 'employer') return role.organisationId === principal.organisationId;
  return true;
}

/** The organisation filter an employer's ranking must apply (null: no filter). */
export function organisationScope(principal: Principal): string | null {
  return principal.role === 'employer' ? principal.organisationId : null;
}
