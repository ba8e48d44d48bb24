import type { SkillGraph } from '../../taxonomy/model/skill-graph.ts';
import type { JobPosting, Role } from '../../taxonomy/model/types.ts';
import { findOccupation, requirementsFromOccupation } from './from-occupation.ts';
import { requirementsFromPosting } from './from-posting.ts';
import { mergeRequirements } from './merge.ts';
import type { OccupationRequirementOptions, PostingRequirementOptions } from './options.ts';
import type { ProfileRequirement, RequirementProfile } from './types.ts';

/**
 * A posting's requirement profile, merged with its occupation's when the posting names one the graph
 * knows (posting-stated skills keep their weight; the occupation adds what the text left out).
 */
export function requirementsFromPostingAndOccupation(
  graph: SkillGraph,
  posting: JobPosting,
  opts: { posting?: PostingRequirementOptions; occupation?: OccupationRequirementOptions } = {},
): RequirementProfile {
  const fromPosting = requirementsFromPosting(posting, opts.posting);
  if (!posting.occupationId || !findOccupation(graph, posting.occupationId)) return fromPosting;
  const fromOcc = requirementsFromOccupation(graph, posting.occupationId, opts.occupation);
  return { ...fromPosting, requirements: mergeRequirements(fromPosting.requirements, fromOcc.requirements) };
}

/** A stored role as a requirement profile (its requirements as given, in weight order). */
export function requirementsFromRole(role: Role): RequirementProfile {
  const reqs: ProfileRequirement[] = role.requirements.map((r) => ({ ...r, origins: ['stored'], importance: null, level: null, confidence: null, source: null }));
  return { id: role.id, title: role.title, occupationId: role.occupationId, postingId: role.postingId, requirements: mergeRequirements(reqs) };
}
