import type { Candidate, SkillLink } from '../taxonomy/model/types.ts';
import { requireRole } from './access.ts';
import { candidatesWithExperienceSkills } from './document-skills.ts';
import { ForbiddenError, InvalidInputError } from './errors.ts';
import type { Principal } from './principal.ts';
import type { Workspace } from './workspace.ts';

export interface CandidateInput {
  readonly id: string;
  readonly name: string;
  readonly location?: string;
  readonly experience?: string;
  readonly sharedWith?: readonly string[];
  readonly claimedSkillIds?: readonly string[];
}

/**
 * Creates or updates a candidate (fields left out keep their stored value); their skills are the
 * claimed ones plus those linked from their experience (re-linked when the text changes). Admins, and
 * a learner for themself.
 */
export async function upsertCandidate(ws: Workspace, principal: Principal | null, input: CandidateInput): Promise<Candidate> {
  const p = requireRole(principal, ['admin', 'learner'], 'changing a candidate');
  if (p.role === 'learner' && p.candidateId !== input.id) throw new ForbiddenError('a learner key can change only its own candidate');
  for (const [i, id] of (input.claimedSkillIds ?? []).entries()) {
    if (!ws.graph.skill(id)) throw new InvalidInputError(`unknown skill id: ${id}`, `input.claimedSkillIds[${i}]`);
  }
  const existing = ws.records.candidates.get(input.id);
  const claimed: SkillLink[] = (input.claimedSkillIds ?? []).map((skillId) => ({ skillId, confidence: 1, provenance: { kind: 'claim', source: 'claimedSkillIds', span: null } }));
  const candidate: Candidate = {
    id: input.id,
    name: input.name,
    location: input.location ?? existing?.location ?? '',
    experience: input.experience ?? existing?.experience ?? '',
    sharedWith: input.sharedWith ?? existing?.sharedWith ?? [],
    claimedSkills: input.claimedSkillIds ? claimed : (existing?.claimedSkills ?? []),
  };
  const unchangedText = existing !== undefined && existing.experience === candidate.experience && existing.experienceSkills !== undefined;
  const [stored] = unchangedText ? [{ ...candidate, experienceSkills: existing.experienceSkills }] : await candidatesWithExperienceSkills([candidate], ws.linker);
  await ws.store.putRecords({ candidates: [stored!] });
  ws.apply({ candidates: [stored!] });
  return stored!;
}
