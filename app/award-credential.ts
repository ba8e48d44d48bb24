import type { Award } from '../taxonomy/model/types.ts';
import { requireRole } from './access.ts';
import { ForbiddenError, InvalidInputError, NotFoundError, VerificationFailedError } from './errors.ts';
import { credentialsOf, parseDocument } from './parse-document.ts';
import type { Principal } from './principal.ts';
import type { Workspace } from './workspace.ts';

/**
 * Adds an awarded credential (Open Badges 3.0) to a candidate: verified on the way in (as of `now`);
 * invalid (tampered, revoked, not yet valid) or expired ones are refused. Its definition is stored too when new, with the skills it
 * states that the taxonomy knows. Admins, and a learner for themself.
 */
export async function awardCredential(ws: Workspace, principal: Principal | null, input: { readonly candidateId: string; readonly document: unknown }, now: Date): Promise<Award> {
  const p = requireRole(principal, ['admin', 'learner'], 'awarding a credential');
  if (p.role === 'learner' && p.candidateId !== input.candidateId) throw new ForbiddenError('a learner key can add credentials only to its own candidate');
  if (!ws.records.candidates.has(input.candidateId)) throw new NotFoundError('Candidate', input.candidateId);
  const result = credentialsOf(parseDocument(input.document));
  const ingested = result.format === 'catalogue' ? undefined : result.awards[0];
  const entry = result.credentials[0];
  if (!ingested || !entry) throw new InvalidInputError('the document is a credential definition, not an awarded credential', 'document');
  const verification = ws.verifier ? await ws.verifier.verify(input.document, { now }) : { outcome: 'unverifiable' as const, status: 'unverifiable' as const, reason: 'no verifier configured' };
  // refused: what stores as invalid or expired (tampered, revoked, not yet valid, expired); the error names the outcome
  if (verification.status === 'invalid' || verification.status === 'expired') throw new VerificationFailedError(verification.outcome, verification.reason);
  const known = ws.records.credentials.get(entry.credential.id);
  const credential = known ?? { ...entry.credential, skills: entry.credential.skills.filter((l) => ws.graph.skill(l.skillId)), requires: [], isPartOf: [] };
  const award: Award = { ...ingested.award, candidateId: input.candidateId, credentialId: credential.id, verification: verification.status };
  const batch = { credentials: known ? [] : [credential], awards: [award] };
  await ws.store.putRecords(batch);
  ws.apply(batch);
  return award;
}
