import type { PlanContext } from './plan-context.ts';
import type { PathwayStrategy } from './types.ts';

const EPS = 1e-12;

interface Solution {
  readonly ids: string[];
  readonly fit: number;
  readonly money: number;
  readonly hours: number;
  readonly units: number;
}

function better(strategy: PathwayStrategy, a: Solution, b: Solution | null, target: number): boolean {
  if (strategy !== 'best' && a.fit < target - EPS) return false;
  if (!b) return true;
  const keyA = a.ids.join('\u0000');
  const keyB = b.ids.join('\u0000');
  const tail = a.ids.length !== b.ids.length ? a.ids.length < b.ids.length : keyA < keyB;
  if (strategy === 'best') {
    if (a.fit > b.fit + EPS) return true;
    if (a.fit < b.fit - EPS) return false;
    return a.units !== b.units ? a.units < b.units : tail;
  }
  const [p1, p2, q1, q2] = strategy === 'cheapest' ? [a.money, b.money, a.hours, b.hours] : [a.hours, b.hours, a.money, b.money];
  if (p1 !== p2) return p1 < p2;
  if (q1 !== q2) return q1 < q2;
  return a.units !== b.units ? a.units < b.units : tail;
}

/**
 * Exact budgeted maximum coverage by branch and bound over a small item set (≤ ~20), in a
 * prerequisite-respecting order (each credential after its prerequisites). An item is included only
 * when its prerequisites are held or included, and only within budget. Bound: the objective is
 * submodular, so the current fit plus the sum of every remaining item's stand-alone gain over the
 * base caps what the subtree can reach. Returns ids (as a set, in item order); null when 'cheapest'
 * or 'fastest' cannot reach the target.
 */
export function exactPlan(ctx: PlanContext, strategy: PathwayStrategy, items: readonly string[]): string[] | null {
  const order = [...items].sort((a, b) => ctx.cat.closure(a)!.length - ctx.cat.closure(b)!.length || (a < b ? -1 : a > b ? 1 : 0));
  const baseFit = ctx.model.fitOf(ctx.model.base);
  const alone = order.map((id) => Math.max(0, ctx.model.fitWith(ctx.model.base, [id]) - baseFit));
  const suffix = new Float64Array(order.length + 1);
  for (let i = order.length - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! + alone[i]!;
  const requires = order.map((id) => ctx.cat.byId.get(id)!.requires);
  let best: Solution | null = null;
  const chosen = new Set<string>();
  const ids: string[] = [];

  function dfs(i: number, cov: Float64Array, money: number, hours: number, units: number): void {
    const fit = ctx.capped(ctx.model.fitOf(cov));
    const here: Solution = { ids: [...ids], fit, money, hours, units };
    if (better(strategy, here, best, ctx.target)) best = here;
    if (i === order.length) return;
    const bound = ctx.capped(fit + suffix[i]!);
    if (strategy === 'best') {
      if (best && (bound < best.fit - EPS || (bound <= best.fit + EPS && units >= best.units))) return;
    } else {
      if (bound < ctx.target - EPS) return;
      const b = best as Solution | null;
      if (b && (strategy === 'cheapest' ? money > b.money : hours > b.hours)) return;
    }
    const id = order[i]!;
    const m = ctx.money(id);
    const h = ctx.hours(id);
    const ok = requires[i]!.every((r) => ctx.held.has(r) || chosen.has(r));
    if (ok && money + m <= ctx.budgetUsd && hours + h <= ctx.budgetHours) {
      chosen.add(id);
      ids.push(id);
      dfs(i + 1, ctx.model.apply(cov, id), money + m, hours + h, units + ctx.units(id));
      ids.pop();
      chosen.delete(id);
    }
    dfs(i + 1, cov, money, hours, units);
  }
  dfs(0, ctx.model.base.slice(), 0, 0, 0);
  const result = best as Solution | null;
  return result ? result.ids : null;
}
