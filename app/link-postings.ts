import type { TitleNormalizer } from '../engine/linking/title-normalizer.ts';
import type { JobPosting } from '../taxonomy/model/types.ts';
import { postingsWithSkills, type PostingTaxonomy } from './document-skills.ts';
import type { TextLinker } from './text-linker.ts';
import { inferPostingOccupations } from './title-normalizer.ts';
import { mark } from './timing.ts';

/**
 * Postings as an import stores them: each with the occupation its text is read in — the stated one when the
 * taxonomy knows it, else the title normaliser's best one at confidence ≥ 0.8 (`inferPostingOccupations`, issue 15:
 * `occupationInferred`) — and its skills as `postingsWithSkills` defines them, linked in that occupation's sense
 * (issue 18: engine/linking/occupation-senses.ts), so occupations are inferred before the texts link. Every relink
 * reads a posting in the same occupation (taxonomy/stores/link-jobs.ts `linkingOccupation`). `titles` opens the
 * normaliser; it is called only when a posting has no known occupation (null: none, so nothing is inferred).
 * Used by `importPostings` and by `skillgraph eval postings`, so the evaluation scores the import's links.
 */
export async function linkPostings(postings: readonly JobPosting[], taxonomy: PostingTaxonomy, linker: TextLinker | null, titles: () => Promise<TitleNormalizer> | null): Promise<JobPosting[]> {
  // A stated occupation the taxonomy does not know counts as none, as in `postingsWithSkills`.
  const stated = postings.map((x) => (x.occupationId && !taxonomy.occupation(x.occupationId) ? { ...x, occupationId: null } : x));
  const normalizer = stated.some((x) => !x.occupationId) ? titles() : null;
  const inferred: JobPosting[] = normalizer ? await normalizer.then((t) => inferPostingOccupations(stated, t)) : stated;
  mark('postings: occupations inferred');
  const linked = await postingsWithSkills(inferred, taxonomy, linker);
  mark('postings: linked');
  return linked;
}
