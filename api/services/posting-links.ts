import type { JobPosting, SkillLink } from '../../taxonomy/model/types.ts';
import type { TextLinker } from './linker-port.ts';

/**
 * A posting's skills: the explicit ones given (alignments, DefinedTerms) first, then skills the
 * linker finds in its title and description that are not already explicit. Without a linker, the
 * explicit ones only.
 */
export async function withTextLinks(posting: JobPosting, explicit: readonly SkillLink[], linker: TextLinker | null): Promise<JobPosting> {
  if (!linker) return { ...posting, skills: [...explicit] };
  const seen = new Set(explicit.map((l) => l.skillId));
  const fromText = (await linker.link(`${posting.title}\n${posting.description}`)).filter((l) => !seen.has(l.skillId));
  return { ...posting, skills: [...explicit, ...fromText] };
}
