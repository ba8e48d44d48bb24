import type { JobPosting, SkillLink } from '../../taxonomy/model/types.ts';
import type { TextLink, TextLinker } from './linker-port.ts';

/** A posting and the skills it states itself (alignments, DefinedTerms), before text linking. */
export interface PostingToLink {
  readonly posting: JobPosting;
  readonly explicit: readonly SkillLink[];
}

/** The text a posting is linked from. */
const postingText = (p: JobPosting): string => `${p.title}\n${p.description}`;

/** Explicit skills first, then the text-linked ones not already explicit. */
function merge({ posting, explicit }: PostingToLink, fromText: readonly TextLink[]): JobPosting {
  const seen = new Set(explicit.map((l) => l.skillId));
  return { ...posting, skills: [...explicit, ...fromText.filter((l) => !seen.has(l.skillId))] };
}

/**
 * Postings' skills: for each, the explicit ones given (alignments, DefinedTerms) first, then skills the
 * linker finds in its title and description that are not already explicit; without a linker, the
 * explicit ones only. In input order; all texts are linked in one `linkMany` call (batched, and the
 * model overlaps the scoring), with the same links as `link` on each text.
 */
export async function withTextLinksMany(items: readonly PostingToLink[], linker: TextLinker | null): Promise<JobPosting[]> {
  if (!linker) return items.map(({ posting, explicit }) => ({ ...posting, skills: [...explicit] }));
  const links = await linker.linkMany(items.map((it) => postingText(it.posting)));
  return items.map((it, i) => merge(it, links[i]!));
}
