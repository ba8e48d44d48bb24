import type { PlanContext } from './plan-context.ts';
import type { PathwayStrategy } from './types.ts';

const EPS = 1e-12;

/** The prerequisites of `id` not yet held or chosen, then `id`: what earning `id` next takes. */
export function bundleOf(ctx: PlanContext, id: string, have: ReadonlySet<string>): string[] | null {
  const closure = ctx.cat.closure(id);
  if (closure === null) return null;
  return [...closure.filter((x) => !have.has(x)), id];
}

/**
 * Budgeted maximum coverage by greedy gain per cost. Each candidate item is a credential together
 * with its missing prerequisites (so a valuable credential behind a zero-gain prerequisite is still
 * reachable, and no prerequisite is ever skipped). Items that no longer fit the remaining budget are
 * skipped, and — for 'best' — the result is compared with the best single affordable item: Khuller,
 * Moss & Naor (1999), "The budgeted maximum coverage problem", Inf. Process. Lett. 70(1):39–45, show
 * this modified greedy achieves (1 − 1/e)/2 of the optimum for a monotone submodular objective under
 * one budget (our objective min(fit, target) is monotone submodular; with two budgets it is a heuristic).
 * Returns the chosen ids in earning order; null for 'cheapest'/'fastest' when the target is not reached.
 */
export function greedyPlan(ctx: PlanContext, strategy: PathwayStrategy, relevant: readonly string[]): string[] | null {
  const chosen: string[] = [];
  const have = new Set(ctx.held);
  let cov: Float64Array = ctx.model.base.slice();
  let money = 0;
  let hours = 0;
  for (;;) {
    const cur = ctx.capped(ctx.model.fitOf(cov));
    if (cur >= ctx.target - EPS) break;
    let best: { bundle: string[]; ratio: number; gain: number; id: string; m: number; h: number } | null = null;
    for (const id of relevant) {
      if (have.has(id)) continue;
      const bundle = bundleOf(ctx, id, have);
      if (!bundle) continue;
      let m = 0;
      let h = 0;
      for (const b of bundle) {
        m += ctx.money(b);
        h += ctx.hours(b);
      }
      if (money + m > ctx.budgetUsd || hours + h > ctx.budgetHours) continue;
      const gain = ctx.capped(ctx.model.fitWith(cov, bundle)) - cur;
      if (gain <= EPS) continue;
      const ratio = gain / ctx.strategyCost(strategy, m, h);
      if (!best || ratio > best.ratio || (ratio === best.ratio && (gain > best.gain || (gain === best.gain && id < best.id)))) {
        best = { bundle, ratio, gain, id, m, h };
      }
    }
    if (!best) break;
    for (const b of best.bundle) {
      chosen.push(b);
      have.add(b);
      cov = ctx.model.apply(cov, b);
    }
    money += best.m;
    hours += best.h;
  }
  const reached = ctx.capped(ctx.model.fitOf(cov)) >= ctx.target - EPS;
  if (strategy !== 'best') return reached ? chosen : null;
  // best-single check (Khuller, Moss & Naor 1999)
  const baseFit = ctx.capped(ctx.model.fitOf(ctx.model.base));
  const greedyGain = ctx.capped(ctx.model.fitOf(cov)) - baseFit;
  let single: { bundle: string[]; gain: number } | null = null;
  for (const id of relevant) {
    const bundle = bundleOf(ctx, id, ctx.held);
    if (!bundle) continue;
    let m = 0;
    let h = 0;
    for (const b of bundle) {
      m += ctx.money(b);
      h += ctx.hours(b);
    }
    if (m > ctx.budgetUsd || h > ctx.budgetHours) continue;
    const gain = ctx.capped(ctx.model.fitWith(ctx.model.base, bundle)) - baseFit;
    if (!single || gain > single.gain) single = { bundle, gain };
  }
  return single && single.gain > greedyGain + EPS ? single.bundle : chosen;
}
