import type { SkillGraph } from '../taxonomy/model/skill-graph.ts';
import type { Candidate, JobPosting, SkillLink } from '../taxonomy/model/types.ts';
import type { TextLink, TextLinker } from './text-linker.ts';

/**
 * What "a document's skills" means, once for every adapter and import: the skills the document states
 * itself (alignments, DefinedTerms, claims) that the taxonomy knows; a posting that states none gets
 * the skills the linker finds in its text (`postingsWithSkills`). Without a linker, the stated ones only.
 */

/** A posting and the skills it states itself (alignments, DefinedTerms), before text linking. */
export interface PostingToLink {
  readonly posting: JobPosting;
  readonly explicit: readonly SkillLink[];
}

/** What `postingsWithSkills` reads of the taxonomy: which skills and occupations it knows (a `SkillGraph` has both). */
export type PostingTaxonomy = Pick<SkillGraph, 'skill' | 'occupation'>;

/** The text a posting is linked from. */
export const postingText = (p: JobPosting): string => `${p.title}\n${p.description}`;

/** Explicit skills first, then the text-linked ones not already explicit. */
function merge({ posting, explicit }: PostingToLink, fromText: readonly TextLink[]): JobPosting {
  const seen = new Set(explicit.map((l) => l.skillId));
  return { ...posting, skills: [...explicit, ...fromText.filter((l) => !seen.has(l.skillId))] };
}

/**
 * Postings' skills: for each, the explicit ones given first, then skills the linker finds in its title
 * and description that are not already explicit; without a linker, the explicit ones only. In input
 * order; all texts are linked in one `linkMany` call (batched, and the model overlaps the scoring),
 * with the same links as `link` on each text.
 */
export async function withTextLinksMany(items: readonly PostingToLink[], linker: TextLinker | null): Promise<JobPosting[]> {
  if (!linker) return items.map(({ posting, explicit }) => ({ ...posting, skills: [...explicit] }));
  // The posting's occupation — stated (JSON-LD occupationalCategory) or inferred from its title at import — tells the sense of its words, as a title naming it does.
  const occupations = items.map((it) => it.posting.occupationId ?? null);
  const links = await linker.linkMany(
    items.map((it) => postingText(it.posting)),
    occupations.some((o) => o !== null) ? { occupations } : undefined,
  );
  return items.map((it, i) => merge(it, links[i]!));
}

/** The skills a posting states itself: not linked from text, and known to the taxonomy. */
export function statedSkills(posting: JobPosting, graph: Pick<SkillGraph, 'skill'>): SkillLink[] {
  return posting.skills.filter((l) => l.provenance.kind !== 'text' && graph.skill(l.skillId) !== undefined);
}

/**
 * Postings ready for the store: a posting that states skills the taxonomy knows keeps those; the text
 * of a posting that states none is linked (`withTextLinksMany`) — at scale (real posting sets name
 * their skills) the model reads only the texts that need it (issue 15). An occupation the taxonomy does
 * not know is dropped (null) rather than failing the batch. Used by every posting import and by
 * start-up (re)linking, so a posting's skills mean the same wherever it came in.
 */
export async function postingsWithSkills(postings: readonly JobPosting[], graph: PostingTaxonomy, linker: TextLinker | null): Promise<JobPosting[]> {
  const items = postings.map((p) => ({
    posting: { ...p, occupationId: p.occupationId && graph.occupation(p.occupationId) ? p.occupationId : null },
    explicit: statedSkills(p, graph),
  }));
  const needText = items.filter((it) => it.explicit.length === 0);
  const linked = new Map((await withTextLinksMany(needText, linker)).map((p) => [p.id, p]));
  return items.map((it) => linked.get(it.posting.id) ?? { ...it.posting, skills: [...it.explicit] });
}

/** How many of `postings` `postingsWithSkills` links from their text (those stating no known skill). */
export function postingsNeedingText(postings: readonly JobPosting[], graph: SkillGraph): number {
  return postings.filter((p) => statedSkills(p, graph).length === 0).length;
}

/**
 * Candidates with `experienceSkills`: the skills the linker finds in their free-text experience
 * (claimed skills stay in `claimedSkills`); none for an empty text. Without a linker a text is left
 * unlinked (the field absent, so no links of an older text survive and start-up links it later).
 */
export async function candidatesWithExperienceSkills(candidates: readonly Candidate[], linker: TextLinker | null): Promise<Candidate[]> {
  const withText = linker ? candidates.filter((c) => c.experience.trim() !== '') : [];
  // CV text: its own calibration and verb forms ("cleaned data" as "clean data") where the linker has them.
  const cv = linker?.withKind?.('cv') ?? linker;
  const links = withText.length > 0 ? await cv!.linkMany(withText.map((c) => c.experience)) : [];
  const byId = new Map(withText.map((c, i) => [c.id, links[i]!.map(asSkillLink)]));
  return candidates.map(({ experienceSkills: _old, ...c }) => {
    const linked = byId.get(c.id);
    if (linked) return { ...c, experienceSkills: linked };
    return c.experience.trim() === '' ? { ...c, experienceSkills: [] } : c;
  });
}

/** A text link as the store keeps it (the match details are for display only). */
const asSkillLink = (l: TextLink): SkillLink => ({ skillId: l.skillId, confidence: l.confidence, provenance: l.provenance });
