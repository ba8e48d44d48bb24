import type { CredibilityLevel } from '../engine/recommend/types.ts';
import { credibilityLevel, issuerCredibility } from '../engine/value/issuer-credibility.ts';
import type { Workspace } from './workspace.ts';

/**
 * Credibility level of every catalogue credential from the store's awards (engine/value/issuer-credibility.ts):
 * what the recommender breaks equal values with (issue 20). One pass over credentials and awards per data version
 * (kept in the workspace's result cache, which every change clears), not one per recommendation.
 */
export function credibilityLevels(ws: Workspace): ReadonlyMap<string, CredibilityLevel> {
  return ws.cached(['credibility-levels'], () => {
    const { records } = ws;
    const issuers = issuerCredibility([...records.heldCredentials.values()], [...records.awards.values()]);
    return new Map([...records.credentials.values()].map((c) => [c.id, credibilityLevel(c, issuers.get(c.issuer.id))]));
  });
}
