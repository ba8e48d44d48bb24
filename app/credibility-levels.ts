import type { CredibilityLevel } from '../engine/recommend/types.ts';
import { credibilityLevel, issuerCredibility } from '../engine/value/issuer-credibility.ts';
import type { RecordSet } from './records.ts';

/**
 * Credibility level of every catalogue credential from the store's awards (engine/value/issuer-credibility.ts):
 * what the recommender breaks equal values with (issue 20). One pass over credentials and awards.
 */
export function credibilityLevels(records: RecordSet): Map<string, CredibilityLevel> {
  const catalogue = [...records.credentials.values()];
  const issuers = issuerCredibility([...records.heldCredentials.values()], [...records.awards.values()]);
  return new Map(catalogue.map((c) => [c.id, credibilityLevel(c, issuers.get(c.issuer.id))]));
}
