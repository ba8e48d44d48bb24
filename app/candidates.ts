import type { Candidate } from '../taxonomy/model/types.ts';
import { canSeeCandidate, requireRole } from './access.ts';
import { NotFoundError } from './errors.ts';
import type { Principal } from './principal.ts';
import type { Workspace } from './workspace.ts';

/** A candidate the caller may see; NotFound otherwise (no hint that it exists). */
export function visibleCandidate(ws: Workspace, principal: Principal | null, candidateId: string): Candidate {
  const c = ws.records.candidates.get(candidateId);
  if (!c || !canSeeCandidate(principal, c)) throw new NotFoundError('Candidate', candidateId);
  return c;
}

/** The candidates the caller may see, in id order. */
export function visibleCandidates(ws: Workspace, principal: Principal): Candidate[] {
  return [...ws.records.candidates.values()].filter((c) => canSeeCandidate(principal, c));
}

/** Reading one candidate: admins, employers (those who shared with them) and a learner (themself). */
export function readCandidate(ws: Workspace, principal: Principal | null, candidateId: string): Candidate {
  return visibleCandidate(ws, requireRole(principal, ['admin', 'employer', 'learner'], 'reading a candidate'), candidateId);
}
