/** API results → chart data (pure). */
import type { FitResult, Pathway, Recommendation, SkillTrend } from '../../generated/schema-types.ts';
import type { FitBar } from '../charts/fit-bars.ts';
import type { PathwayData, PathwaySeries } from '../charts/pathway.ts';
import type { TrendSeries } from '../charts/trends.ts';

/** Weighted shares of the role's requirement weight: covered essential, covered optional, missing. */
export function toFitBar(fit: FitResult): FitBar {
  let total = 0;
  let essential = 0;
  let optional = 0;
  for (const q of fit.requirements) {
    const w = Math.max(0, q.weight);
    const c = Math.min(1, Math.max(0, q.coverage));
    total += w;
    if (q.essential) essential += w * c;
    else optional += w * c;
  }
  const t = total > 0 ? total : 1;
  return {
    id: fit.candidate.id,
    label: fit.candidate.name,
    score: fit.score,
    essential: essential / t,
    optional: optional / t,
    missing: Math.max(0, 1 - (essential + optional) / t),
    missingEssentials: fit.missingEssentials.length,
  };
}

function series(key: string, label: string, p: Pathway): PathwaySeries {
  return {
    key,
    label,
    steps: p.steps.map((s) => ({ id: s.credential.id, name: s.credential.name, fit: s.fitAfter, cost: s.cumulativeCost, hours: s.cumulativeHours })),
  };
}

export const PATHWAY_LABELS = { recommended: 'Recommended', cheapest: 'Cheapest', fastest: 'Fastest', bestWithinBudget: 'Best within budget' } as const;

export function toPathwayData(rec: Recommendation, budget: number | null, hours: number | null): PathwayData {
  const list: PathwaySeries[] = [series('recommended', PATHWAY_LABELS.recommended, rec.pathway)];
  const alt = rec.alternatives;
  if (alt.cheapest) list.push(series('cheapest', PATHWAY_LABELS.cheapest, alt.cheapest));
  if (alt.fastest) list.push(series('fastest', PATHWAY_LABELS.fastest, alt.fastest));
  if (alt.bestWithinBudget) list.push(series('bestWithinBudget', PATHWAY_LABELS.bestWithinBudget, alt.bestWithinBudget));
  return { fitBefore: rec.pathway.fitBefore, series: list, budget, hoursBudget: hours };
}

export function toTrendSeries(t: SkillTrend): TrendSeries {
  return { id: t.skillId, label: t.label, points: t.points, slope: t.slope };
}
