import type { ProfileRequirement } from './types.ts';

const byWeight = (a: ProfileRequirement, b: ProfileRequirement): number => b.weight - a.weight || (a.skillId < b.skillId ? -1 : a.skillId > b.skillId ? 1 : 0);

/**
 * Merges requirement lists by skill: the larger weight, essential if any says so, origins united,
 * O*NET/posting details kept from whichever has them. Result sorted by weight desc, then skill id.
 */
export function mergeRequirements(...lists: readonly (readonly ProfileRequirement[])[]): ProfileRequirement[] {
  const out = new Map<string, ProfileRequirement>();
  for (const list of lists) {
    for (const r of list) {
      const prev = out.get(r.skillId);
      if (!prev) {
        out.set(r.skillId, r);
        continue;
      }
      out.set(r.skillId, {
        skillId: r.skillId,
        weight: Math.max(prev.weight, r.weight),
        essential: prev.essential || r.essential,
        origins: [...new Set([...prev.origins, ...r.origins])].sort(),
        importance: prev.importance ?? r.importance,
        level: prev.level ?? r.level,
        confidence: prev.confidence === null ? r.confidence : r.confidence === null ? prev.confidence : Math.max(prev.confidence, r.confidence),
        source: prev.source ?? r.source,
      });
    }
  }
  return [...out.values()].sort(byWeight);
}
