import type { Skill, TaxonomyData } from '../../taxonomy/model/types.ts';
import { mapSkills, type ScoredMapping, type SkillMapDeps, type SkillMapOptions } from './map-skills.ts';

/** The O*NET → ESCO skill map of a taxonomy, and the O*NET skills left without a mapping. */
export interface OnetSkillMap {
  readonly mappings: readonly ScoredMapping[];
  /** O*NET skills (elements and technology skills) with no target above the confidence floor. */
  readonly unmapped: readonly Skill[];
  readonly sources: number;
  readonly targets: number;
}

/**
 * Maps every O*NET skill, knowledge element and technology skill of `taxonomy` (source 'onet') onto its
 * other skills (ESCO, or custom/sample skills) with `mapSkills`. Store the result as
 * `TaxonomyData.skillMappings` (merge import): fit then lets ESCO evidence cover O*NET requirements.
 */
export async function mapOnetSkills(taxonomy: TaxonomyData, deps: SkillMapDeps, opts: SkillMapOptions = {}): Promise<OnetSkillMap> {
  const sources = taxonomy.skills.filter((s) => s.source === 'onet');
  const targets = taxonomy.skills.filter((s) => s.source !== 'onet');
  const mappings = sources.length === 0 ? [] : await mapSkills(sources, targets, deps, opts);
  const mapped = new Set(mappings.map((m) => m.fromSkillId));
  return { mappings, unmapped: sources.filter((s) => !mapped.has(s.id)), sources: sources.length, targets: targets.length };
}
