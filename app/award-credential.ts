import type { Award } from '../taxonomy/model/types.ts';
import { requireRole } from './access.ts';
import { InvalidInputError, NotFoundError, VerificationFailedError } from './errors.ts';
import { awardValidityRefusal, awardWriteRefusal, candidateWriteRefusal, placeAwardedAchievement, refusalError } from './ownership.ts';
import { credentialsOf, parseDocument } from './parse-document.ts';
import type { Principal } from './principal.ts';
import type { Workspace } from './workspace.ts';

/**
 * Adds an awarded credential (Open Badges 3.0) to a candidate: verified on the way in (as of `now`);
 * invalid (tampered, revoked, not yet valid) or expired ones are refused (the error names the outcome), and so is an award id another candidate holds.
 * Ownership (app/ownership.ts): a stored catalogue credential is used and never changed; an unknown
 * achievement enters the catalogue (with the skills it states that the taxonomy knows) only for an
 * admin or when the issuer's proof verifies, else it is the candidate's private evidence. Admins, and
 * a learner for themself.
 */
export async function awardCredential(ws: Workspace, principal: Principal | null, input: { readonly candidateId: string; readonly document: unknown }, now: Date): Promise<Award> {
  const p = requireRole(principal, ['admin', 'learner'], 'awarding a credential');
  const notYours = candidateWriteRefusal(p, input.candidateId);
  if (notYours) throw refusalError(notYours);
  if (!ws.records.candidates.has(input.candidateId)) throw new NotFoundError('Candidate', input.candidateId);
  const result = credentialsOf(parseDocument(input.document));
  const ingested = result.format === 'catalogue' ? undefined : result.awards[0];
  const entry = result.credentials[0];
  if (!ingested || !entry) throw new InvalidInputError('the document is a credential definition, not an awarded credential', 'document');
  const verification = ws.verifier ? await ws.verifier.verify(input.document, { now }) : { outcome: 'unverifiable' as const, status: 'unverifiable' as const, reason: 'no verifier configured' };
  if (verification.status === 'invalid' || verification.status === 'expired') throw new VerificationFailedError(verification.outcome, verification.reason);
  const achievement = { ...entry.credential, skills: entry.credential.skills.filter((l) => ws.graph.skill(l.skillId)) };
  const placed = placeAwardedAchievement(p, input.candidateId, achievement, verification.status, (id) => ws.records.credentials.has(id), (id) => ws.records.heldCredentials.has(id));
  const award: Award = { ...ingested.award, candidateId: input.candidateId, credentialId: placed.credentialId, verification: verification.status };
  const refusal = awardValidityRefusal(award, now) ?? awardWriteRefusal(award, ws.records.awards.get(award.id));
  if (refusal) throw refusalError(refusal);
  const batch = { credentials: placed.store ? [placed.store] : [], awards: [award] };
  await ws.store.putRecords(batch);
  ws.apply(batch);
  return award;
}
