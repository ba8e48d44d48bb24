import type { Occupation, Skill } from '../../taxonomy/model/types.ts';
import type { Embedder } from '../ports/embedder.ts';
import { buildSkillIndex, type SkillIndex, type SkillIndexOptions } from './skill-index.ts';

/** Occupations in the shape the label index takes (labels and description; no hidden labels). */
export function occupationsAsLabelled(occupations: readonly Occupation[]): Skill[] {
  return occupations.map((o) => ({
    id: o.id,
    source: o.source,
    preferredLabel: o.preferredLabel,
    altLabels: o.altLabels,
    hiddenLabels: [],
    description: o.description,
    skillType: '',
    reuseLevel: '',
  }));
}

/** A label index over occupations (preferred + alternative labels), e.g. to rank occupations for a job title. */
export function buildOccupationIndex(occupations: readonly Occupation[], embedder: Embedder, opts: SkillIndexOptions = {}): Promise<SkillIndex> {
  return buildSkillIndex(occupationsAsLabelled(occupations), embedder, { descriptions: false, hiddenLabels: false, ...opts });
}
