import type { ApiKeyRecord, NewKeySpec } from './key-ring.ts';
import { requireRole } from './access.ts';
import { InvalidInputError } from './errors.ts';
import type { Principal } from './principal.ts';
import type { Workspace } from './workspace.ts';

/** Creates an API key (admins only); a learner key must name a known candidate, an employer key an organisation. */
export async function createApiKey(ws: Workspace, principal: Principal | null, spec: NewKeySpec, now: Date): Promise<{ key: string; record: ApiKeyRecord }> {
  requireRole(principal, ['admin'], 'creating API keys');
  if (spec.role === 'learner' && (!spec.candidateId || !ws.records.candidates.has(spec.candidateId))) {
    throw new InvalidInputError(`a learner key needs a known candidate id, got: ${spec.candidateId ?? 'none'}`, 'candidateId');
  }
  if (spec.role === 'employer' && !spec.organisationId) throw new InvalidInputError('an employer key needs an organisation id', 'organisationId');
  return ws.keys.create(spec, now);
}

/** Revokes an API key by id (admins only); false when no active key has that id. */
export async function revokeApiKey(ws: Workspace, principal: Principal | null, id: string): Promise<boolean> {
  requireRole(principal, ['admin'], 'revoking API keys');
  return ws.keys.revoke(id);
}

/** The keys' records without their hashes (admins only). */
export function listApiKeys(ws: Workspace, principal: Principal | null): Omit<ApiKeyRecord, 'hash'>[] {
  requireRole(principal, ['admin'], 'listing API keys');
  return ws.keys.list().map(({ hash: _hash, ...rest }) => rest);
}
