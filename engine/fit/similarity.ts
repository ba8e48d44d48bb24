import type { SkillGraph } from '../../taxonomy/model/skill-graph.ts';
import type { Coverer, MatchKind, ResolvedFitOptions } from './types.ts';

/** The skills that can cover a requirement skill, by held skill id, and sorted by id. */
export interface CovererSet {
  readonly bySkill: ReadonlyMap<string, Coverer>;
  readonly list: readonly Coverer[];
}

export interface SkillMatcher {
  /** Every held skill that covers `requirementSkillId` with sim > 0 (cached per skill). */
  coverersOf(requirementSkillId: string): CovererSet;
  /** sim(requirement, held) in [0, 1]; 0 when unrelated. */
  sim(requirementSkillId: string, heldSkillId: string): number;
}

/**
 * Similarity of a held skill to a required one (DESIGN.md §4):
 * - exact: 1;
 * - narrower (held is d steps below the requirement): narrowerCredit × decay^(d−1) — holding a
 *   narrower skill implies the broader one, so this credit is the larger;
 * - broader (held is d steps above): broaderCredit × decay^(d−1);
 * - related (an ESCO skill–skill relation either way): relatedCredit;
 * - embedding (the `similarSkills` port, cosine ≥ threshold): embeddingScale × cosine;
 * - mapped (a cross-taxonomy mapping, O*NET → ESCO, `graph.mappedSkills`): mappedScale × confidence for
 *   the mapped skill, × narrowerCredit × decay^(d−1) for skills d steps narrower than it.
 * The best kind wins; on equal credit the earlier kind in that list. Groups never cover.
 */
export function createSkillMatcher(graph: SkillGraph, options: ResolvedFitOptions): SkillMatcher {
  const cache = new Map<string, CovererSet>();

  function compute(req: string): CovererSet {
    const best = new Map<string, Coverer>();
    const offer = (skillId: string, sim: number, kind: MatchKind, distance: number): void => {
      if (!(sim > 0) || graph.group(skillId)) return;
      const prev = best.get(skillId);
      if (!prev || sim > prev.sim) best.set(skillId, { skillId, sim, kind, distance });
    };
    offer(req, 1, 'exact', 0);
    const max = options.maxDistance;
    // narrower: breadth-first over children, shortest distance first
    let frontier = [req];
    const seen = new Set([req]);
    for (let d = 1; d <= max && frontier.length > 0; d++) {
      const next: string[] = [];
      for (const node of frontier) {
        for (const c of graph.children(node)) {
          if (seen.has(c)) continue;
          seen.add(c);
          next.push(c);
          offer(c, options.narrowerCredit * options.distanceDecay ** (d - 1), 'narrower', d);
        }
      }
      frontier = next;
    }
    for (const [a, d] of graph.ancestorDistances(req)) {
      if (d <= max) offer(a, options.broaderCredit * options.distanceDecay ** (d - 1), 'broader', d);
    }
    for (const r of graph.relations(req)) offer(r.fromId === req ? r.toId : r.fromId, options.relatedCredit, 'related', 1);
    if (options.similarSkills) {
      for (const n of options.similarSkills(req)) {
        if (n.sim >= options.embeddingThreshold && n.skillId !== req) offer(n.skillId, options.embeddingScale * Math.min(1, n.sim), 'embedding', 1);
      }
    }
    for (const m of graph.mappedSkills(req)) {
      const credit = options.mappedScale * m.confidence;
      offer(m.toSkillId, credit, 'mapped', 1);
      let level = [m.toSkillId];
      const seenMapped = new Set(level);
      for (let d = 1; d <= max && level.length > 0; d++) {
        const next: string[] = [];
        for (const node of level) {
          for (const c of graph.children(node)) {
            if (seenMapped.has(c)) continue;
            seenMapped.add(c);
            next.push(c);
            offer(c, credit * options.narrowerCredit * options.distanceDecay ** (d - 1), 'mapped', d + 1);
          }
        }
        level = next;
      }
    }
    const list = [...best.values()].sort((a, b) => (a.skillId < b.skillId ? -1 : a.skillId > b.skillId ? 1 : 0));
    return { bySkill: best, list };
  }

  return {
    coverersOf(req) {
      let set = cache.get(req);
      if (!set) {
        set = compute(req);
        cache.set(req, set);
      }
      return set;
    },
    sim(req, held) {
      return this.coverersOf(req).bySkill.get(held)?.sim ?? 0;
    },
  };
}
