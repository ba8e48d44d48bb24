import { awardAsOb3Credential, credentialAsAchievement, credentialAsCtdl, roleAsCtdl, type CtdlExport } from '../engine/export/index.ts';
import type { Skill } from '../taxonomy/model/types.ts';
import { canSeeCandidate, canSeeRole, requireRole } from './access.ts';
import { InvalidInputError, NotFoundError } from './errors.ts';
import { ApiRoles, type Principal } from './principal.ts';
import type { Workspace } from './workspace.ts';

export type CredentialExportFormat = 'ob3' | 'ctdl';

/** A standards document, and the minimum-data properties of its standard skillgraph cannot fill (CTDL). */
export interface ExportedDocument {
  readonly document: Record<string, unknown>;
  readonly missing: readonly string[];
}

const skillLookup = (ws: Workspace): ((id: string) => Skill | undefined) => (id) => ws.graph.skill(id);

/**
 * A credential definition as an Open Badges 3.0 Achievement (its skills as `alignment[]` with ESCO
 * URIs, framework and concept code) or as CTDL JSON-LD. Credential definitions are public: any key.
 */
export function exportCredential(ws: Workspace, principal: Principal | null, input: { readonly id: string; readonly as: CredentialExportFormat }): ExportedDocument {
  requireRole(principal, ApiRoles, 'exporting a credential');
  if (input.as !== 'ob3' && input.as !== 'ctdl') throw new InvalidInputError(`invalid format: ${String(input.as)} (expected ob3 or ctdl)`, 'as');
  const credential = ws.records.credentials.get(input.id);
  if (!credential) throw new NotFoundError('Credential', input.id);
  return input.as === 'ob3' ? { document: credentialAsAchievement(credential, skillLookup(ws)), missing: [] } : credentialAsCtdl(credential, skillLookup(ws));
}

/**
 * An award as an unsigned Open Badges 3.0 OpenBadgeCredential (skillgraph holds no issuer key; the
 * issuer signs it). Admins, and whoever may see the candidate.
 */
export function exportAward(ws: Workspace, principal: Principal | null, id: string): ExportedDocument {
  const p = requireRole(principal, ApiRoles, 'exporting an award');
  const award = ws.records.awards.get(id);
  const candidate = award ? ws.records.candidates.get(award.candidateId) : undefined;
  if (!award || !(p.role === 'admin' || (candidate !== undefined && canSeeCandidate(p, candidate)))) throw new NotFoundError('Award', id);
  const credential = ws.records.credentials.get(award.credentialId);
  if (!credential) throw new NotFoundError('Credential', award.credentialId, `named by award ${id}`);
  return { document: awardAsOb3Credential(credential, award, skillLookup(ws)), missing: [] };
}

/** A stored role's requirement profile as a CTDL `ceterms:Job` (minimum-data gaps in `missing`). Whoever may see the role. */
export function exportRole(ws: Workspace, principal: Principal | null, id: string): CtdlExport {
  const p = requireRole(principal, ApiRoles, 'exporting a role');
  const role = ws.records.roles.get(id);
  if (!role || !canSeeRole(p, role)) throw new NotFoundError('Role', id, 'a stored role');
  return roleAsCtdl(role, skillLookup(ws));
}
