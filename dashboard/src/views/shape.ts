/** Data-layer model → chart data (pure). */
import type { FitRow, GapSkillCell, Plan, Recommendation, Trend } from '../data/model.ts';
import type { FitBar } from '../charts/fit-bars.ts';
import type { PathwayData, PathwaySeries } from '../charts/pathway.ts';
import type { FlatTreeNode } from '../charts/tree.ts';
import type { TrendSeries } from '../charts/trends.ts';

export function toFitBar(row: FitRow): FitBar {
  const essential = Math.max(0, row.essentialCovered);
  const optional = Math.max(0, row.optionalCovered);
  return {
    id: row.candidate.id,
    label: row.candidate.name,
    score: row.fit,
    essential,
    optional,
    missing: Math.max(0, 1 - essential - optional),
    missingEssentials: row.missingEssentials.length,
  };
}

export const PATHWAY_LABELS = { best: 'Best within budget', cheapest: 'Cheapest', fastest: 'Fastest' } as const;

function series(key: keyof typeof PATHWAY_LABELS, p: Plan): PathwaySeries {
  return {
    key,
    label: PATHWAY_LABELS[key],
    steps: p.steps.map((s) => ({ id: s.credential.id, name: s.credential.name, fit: s.fitAfter, cost: s.cumulativeCost, hours: s.cumulativeHours })),
  };
}

export function toPathwayData(rec: Recommendation, budget: number | null, hours: number | null): PathwayData {
  const list: PathwaySeries[] = [series('best', rec.best)];
  if (rec.cheapest) list.push(series('cheapest', rec.cheapest));
  if (rec.fastest) list.push(series('fastest', rec.fastest));
  return { fitBefore: rec.fitBefore, series: list, budget, hoursBudget: hours };
}

export function toTrendSeries(t: Trend): TrendSeries {
  return { id: t.skillId, label: t.label, points: t.points, slope: t.slope };
}

/** Puts each skill's demand and gap (from `gaps`) on the hierarchy nodes; groups derive theirs. */
export function withGaps(nodes: readonly FlatTreeNode[], cells: readonly GapSkillCell[]): FlatTreeNode[] {
  const byId = new Map(cells.map((c) => [c.skillId, c]));
  return nodes.map((n) => {
    const c = byId.get(n.id);
    return c ? { ...n, demand: c.demand, gap: c.suppressed ? null : c.gap } : n;
  });
}
