import type { JobPosting } from '../../taxonomy/model/types.ts';
import { mergeRequirements } from './merge.ts';
import { resolvePostingOptions } from './options.ts';
import type { PostingRequirementOptions } from './options.ts';
import type { ProfileRequirement, RequirementProfile } from './types.ts';

/**
 * Requirements from a posting's linked skills. weight = link confidence (a skill the linker is unsure
 * of should count less); essential when the sentence states it as required (`requiredCue`) or the
 * link is confident (≥ `essentialConfidence`), unless the sentence states it as optional
 * (`optionalCue`: "nice to have", "a plus" …). Links below `minConfidence` are dropped; a skill
 * linked several times keeps its best link.
 */
export function requirementsFromPosting(posting: JobPosting, opts: PostingRequirementOptions = {}): RequirementProfile {
  const o = resolvePostingOptions(opts);
  const reqs: ProfileRequirement[] = [];
  for (const link of posting.skills) {
    if (!(link.confidence >= o.minConfidence) || link.confidence <= 0) continue;
    const text = link.provenance.source;
    const optional = o.optionalCue.test(text);
    const required = o.requiredCue.test(text);
    reqs.push({
      skillId: link.skillId,
      weight: link.confidence,
      essential: !optional && (required || link.confidence >= o.essentialConfidence),
      origins: ['posting'],
      importance: null,
      level: null,
      confidence: link.confidence,
      source: text,
    });
  }
  return { id: posting.id, title: posting.title, occupationId: posting.occupationId, postingId: posting.id, requirements: mergeRequirements(reqs) };
}
