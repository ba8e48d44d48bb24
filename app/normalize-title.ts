import type { TitleMatch } from '../engine/linking/title-normalizer.ts';
import { requireRole } from './access.ts';
import { InvalidInputError } from './errors.ts';
import type { Principal } from './principal.ts';
import type { Workspace } from './workspace.ts';

/**
 * A free-text job title → the store's ESCO / O*NET occupations, best first, each with a confidence
 * (any key). Needs the workspace's title normaliser (the embedding model): without it, an input error.
 */
export async function normalizeTitle(ws: Workspace, principal: Principal | null, title: string, first: number): Promise<TitleMatch[]> {
  requireRole(principal, ['admin', 'employer', 'learner', 'planner'], 'normalising a job title');
  if (title.trim() === '') throw new InvalidInputError('title is empty', 'title');
  const titles = ws.titles();
  if (!titles) throw new InvalidInputError('title normalisation needs the embedding model (the server runs with --no-model)', 'title');
  const [matches] = await (await titles).normalize([title], first);
  return matches ?? [];
}
