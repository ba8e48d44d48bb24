import type { RankPage } from '../engine/rank/ranking-index.ts';
import { organisationScope, requireRole } from './access.ts';
import { engineCall } from './engine-call.ts';
import type { Principal } from './principal.ts';
import { visibleRole } from './roles.ts';
import type { Workspace } from './workspace.ts';

export interface RankCandidatesInput {
  readonly roleId: string;
  /** Page size. */
  readonly first: number;
  /** The cursor of the previous page. */
  readonly after?: string | null;
  readonly minScore?: number;
  /** Count verified evidence only. */
  readonly verifiedOnly?: boolean;
  /** Only candidates who shared their profile with this organisation (an employer is always limited to its own). */
  readonly sharedWith?: string | null;
}

/**
 * Candidates ranked by fit for a role, each with per-requirement evidence: one page of the ranking
 * index. Admins and employers may rank; an employer sees its own roles and postings, and only the
 * candidates who shared their profile with it.
 */
export function rankCandidates(ws: Workspace, principal: Principal | null, input: RankCandidatesInput, now: Date): RankPage {
  const p = requireRole(principal, ['admin', 'employer'], 'ranking candidates');
  const role = visibleRole(ws, p, input.roleId);
  const org = organisationScope(p) ?? input.sharedWith ?? null;
  const key = ['rank', input.roleId, org, input.first, input.after ?? null, input.minScore ?? null, input.verifiedOnly ?? null, now.toISOString().slice(0, 10)];
  return ws.cached(key, () =>
    engineCall(
      () =>
        ws.rankingIndex(now).rank(role, {
          top: input.first,
          cursor: input.after ?? null,
          ...(input.minScore !== undefined ? { minScore: input.minScore } : {}),
          ...(input.verifiedOnly !== undefined ? { verifiedOnly: input.verifiedOnly } : {}),
          ...(org ? { sharedWith: org } : {}),
        }),
      'after',
    ),
  );
}
