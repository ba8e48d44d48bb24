import type { JobPosting } from '../taxonomy/model/types.ts';
import { requireRole } from './access.ts';
import { NotFoundError } from './errors.ts';
import type { Principal } from './principal.ts';
import type { Workspace } from './workspace.ts';

/** Postings are job offers: any key reads them, an employer only its organisation's. */
const canSeePosting = (principal: Principal, posting: JobPosting): boolean => principal.role !== 'employer' || posting.organisationId === principal.organisationId;

/** A stored job posting the caller may see; NotFound otherwise. */
export function jobPosting(ws: Workspace, principal: Principal | null, id: string): JobPosting {
  const p = requireRole(principal, ['admin', 'employer', 'learner', 'planner'], 'reading a job posting');
  const posting = ws.records.postings.get(id);
  if (!posting || !canSeePosting(p, posting)) throw new NotFoundError('JobPosting', id);
  return posting;
}

/** The stored job postings the caller may see, in id order (none without a key). */
export function jobPostings(ws: Workspace, principal: Principal | null): JobPosting[] {
  if (!principal) return [];
  return [...ws.records.postings.values()].filter((p) => canSeePosting(principal, p));
}
