import { sameRequirements, sameValue } from './credibility.ts';
import type { PlanContext } from './plan-context.ts';
import type { CredibilityLevel, GapChange, Pathway, PathwayStep, PathwayStrategy, Recommendation } from './types.ts';

export const CREDIBILITY_TEXT: Record<CredibilityLevel, string> = {
  2: 'verified issuer with recognition stated',
  1: 'verified issuer',
  0: 'issuer not verified',
};

type Explained = Omit<Recommendation, 'explanation'>;

/**
 * Why a suggestion stands where it does: its value (gain, stack bonus, cost units), its credibility level, and —
 * where credibility decided — the equivalents (same requirement skills raised, same value) it ranks above or below.
 */
export function explainRanking(r: Explained, ranked: readonly Explained[], stackBonus: number): string {
  const bonus = r.progressesStacks.length > 0 ? ` + stack bonus ${stackBonus}` : '';
  const parts = [
    `value ${r.value.toPrecision(4)} = (gain ${r.gain.toFixed(4)}${bonus}) / ${r.costUnits.toPrecision(4)} cost units`,
    `credibility: ${CREDIBILITY_TEXT[r.credibility]} (level ${r.credibility})`,
  ];
  const peers = ranked.filter((x) => x.credentialId !== r.credentialId && x.credibility !== r.credibility && sameValue(x.value, r.value) && sameRequirements(x, r));
  const below = peers.filter((x) => x.credibility < r.credibility).map((x) => x.credentialId);
  const above = peers.filter((x) => x.credibility > r.credibility).map((x) => x.credentialId);
  if (below.length) parts.push(`ranked above ${below.join(', ')}: same requirement skills at the same value, lower credibility`);
  if (above.length) parts.push(`ranked below ${above.join(', ')}: same requirement skills at the same value, higher credibility`);
  parts.push('at equal value a more credible credential ranks first; credibility never changes the value');
  return parts.join('; ');
}

export function gapChanges(ctx: PlanContext, requirementIds: readonly string[], before: Float64Array, after: Float64Array): GapChange[] {
  const out: GapChange[] = [];
  for (let j = 0; j < before.length; j++) {
    if (after[j]! > before[j]!) out.push({ skillId: requirementIds[j]!, weight: ctx.model.weights[j]!, before: before[j]!, after: after[j]! });
  }
  return out;
}

/**
 * Orders a chosen set into steps (prerequisites first; among the earnable ones, the highest
 * marginal gain per cost unit, ties by id) and says what each step closes and unlocks. A step that
 * closes no gap (its skills are covered as well by earlier steps) and is no later step's prerequisite
 * is dropped: no step is recommended for nothing.
 */
export function describePathway(ctx: PlanContext, requirementIds: readonly string[], set: readonly string[], strategy: PathwayStrategy, method: 'exact' | 'greedy', keepOrder: boolean): Pathway {
  const have = new Set(ctx.held);
  const remaining = new Set(set);
  const ordered: string[] = [];
  let cov: Float64Array = ctx.model.base.slice();
  while (remaining.size > 0) {
    let pick: { id: string; ratio: number } | null = null;
    for (const id of keepOrder ? [set[ordered.length]!] : [...remaining].sort()) {
      if (!ctx.cat.byId.get(id)!.requires.every((r) => have.has(r))) continue;
      const gain = ctx.model.fitWith(cov, [id]) - ctx.model.fitOf(cov);
      const ratio = gain / Math.max(ctx.units(id), ctx.o.minCost);
      if (!pick || ratio > pick.ratio) pick = { id, ratio };
    }
    if (!pick) throw new Error(`internal: pathway ${[...set].join(',')} has an unmet prerequisite`);
    ordered.push(pick.id);
    remaining.delete(pick.id);
    have.add(pick.id);
    cov = ctx.model.apply(cov, pick.id);
  }
  const steps: PathwayStep[] = [];
  const done = new Set(ctx.held);
  const prerequisites = new Set(ordered.flatMap((id) => ctx.cat.byId.get(id)!.requires));
  let before: Float64Array = ctx.model.base.slice();
  let money = 0;
  let hours = 0;
  for (const id of ordered) {
    const cred = ctx.cat.byId.get(id)!;
    const after = ctx.model.apply(before, id);
    if (ctx.model.fitOf(after) - ctx.model.fitOf(before) <= 1e-12 && !prerequisites.has(id)) continue;
    done.add(id);
    const unlocks = ctx.cat
      .dependents(id)
      .filter((d) => !done.has(d) && ctx.cat.byId.get(d)!.requires.every((r) => done.has(r)));
    const stacksCompleted = [...cred.isPartOf].sort().filter((p) => ctx.cat.parts(p).every((x) => done.has(x)));
    steps.push({
      credentialId: id,
      name: cred.name,
      cost: ctx.money(id),
      hours: ctx.hours(id),
      fitBefore: ctx.model.fitOf(before),
      fitAfter: ctx.model.fitOf(after),
      closes: gapChanges(ctx, requirementIds, before, after),
      unlocks,
      stacksCompleted,
    });
    money += ctx.money(id);
    hours += ctx.hours(id);
    before = after;
  }
  const fitBefore = ctx.model.fitOf(ctx.model.base);
  const fitAfter = ctx.model.fitOf(before);
  return { strategy, method, steps, totalCost: money, totalHours: hours, fitBefore, fitAfter, reachedTarget: fitAfter >= ctx.target - 1e-12 };
}
