import type { SkillGraph } from '../../taxonomy/model/skill-graph.ts';

/**
 * Rolls skills up to skill groups at one hierarchy level (0 = groups without a group parent, e.g. the
 * ESCO pillars). A skill under several groups (the ESCO hierarchy is a DAG) counts in each.
 */
export function groupRollup(graph: SkillGraph, level: number): (skillId: string) => readonly string[] {
  const depth = new Map<string, number>();
  const depthOf = (g: string, seen = new Set<string>()): number => {
    const known = depth.get(g);
    if (known !== undefined) return known;
    seen.add(g);
    const groupParents = graph.parents(g).filter((p) => graph.group(p) && !seen.has(p));
    const d = groupParents.length === 0 ? 0 : Math.min(...groupParents.map((p) => depthOf(p, seen))) + 1;
    depth.set(g, d);
    return d;
  };
  const memo = new Map<string, readonly string[]>();
  return (skillId) => {
    let out = memo.get(skillId);
    if (!out) {
      out = graph.ancestors(skillId).filter((a) => graph.group(a) && depthOf(a) === level).sort();
      memo.set(skillId, out);
    }
    return out;
  };
}
