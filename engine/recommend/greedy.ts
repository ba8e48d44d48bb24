import type { PlanContext } from './plan-context.ts';
import type { PathwayStrategy } from './types.ts';

const EPS = 1e-12;

/** The prerequisites of `id` not yet held or chosen, then `id`: what earning `id` next takes. */
export function bundleOf(ctx: PlanContext, id: string, have: ReadonlySet<string>): string[] | null {
  const closure = ctx.cat.closure(id);
  if (closure === null) return null;
  if (closure.length === 0) return [id];
  const out: string[] = [];
  for (const x of closure) if (!have.has(x)) out.push(x);
  out.push(id);
  return out;
}

interface Entry {
  readonly id: string;
  readonly bound: number;
  /** Iteration the bound was computed at; -1 = must be recomputed. */
  readonly stamp: number;
}

/** Max-heap on (bound desc, id asc). */
class EntryHeap {
  private readonly a: Entry[] = [];
  get size(): number {
    return this.a.length;
  }
  private above(x: Entry, y: Entry): boolean {
    return x.bound > y.bound || (x.bound === y.bound && x.id < y.id);
  }
  push(e: Entry): void {
    const a = this.a;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.above(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): Entry | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.above(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.above(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Budgeted maximum coverage by greedy gain per cost. Each candidate item is a credential together
 * with its missing prerequisites (so a valuable credential behind a zero-gain prerequisite is still
 * reachable, and no prerequisite is ever skipped). Items that no longer fit the remaining budget are
 * skipped, and — for 'best' — the result is compared with the best single affordable item: Khuller,
 * Moss & Naor (1999), "The budgeted maximum coverage problem", Inf. Process. Lett. 70(1):39–45, show
 * this modified greedy achieves (1 − 1/e)/2 of the optimum for a monotone submodular objective under
 * one budget (our objective min(fit, target) is monotone submodular; with two budgets it is a heuristic).
 *
 * Lazy evaluation (Minoux 1978): an item's gain can only fall as coverage grows, so a stale ratio is an
 * upper bound and only the top of a heap is re-evaluated. The exception is an item whose bundle shrinks
 * because one of its prerequisites was chosen (its cost falls): such items are re-queued as unbounded.
 * Returns the chosen ids in earning order; null for 'cheapest'/'fastest' when the target is not reached.
 */
export function greedyPlan(ctx: PlanContext, strategy: PathwayStrategy, relevant: readonly string[]): string[] | null {
  const chosen: string[] = [];
  const have = new Set(ctx.held);
  let cov: Float64Array = ctx.model.base.slice();
  let money = 0;
  let hours = 0;
  let cur = ctx.capped(ctx.model.fitOf(cov));
  const baseFit = cur;
  // which relevant items have x in their bundle (to re-queue them when x is chosen)
  const containing = new Map<string, string[]>();
  for (const id of relevant) {
    for (const x of ctx.cat.closure(id) ?? []) {
      if (ctx.held.has(x)) continue;
      const l = containing.get(x);
      if (l) l.push(id);
      else containing.set(x, [id]);
    }
  }
  const evaluate = (id: string): { ratio: number; gain: number; bundle: string[]; m: number; h: number } | 'unaffordable' | null => {
    const bundle = bundleOf(ctx, id, have);
    if (!bundle) return null;
    let m = 0;
    let h = 0;
    for (const b of bundle) {
      m += ctx.money(b);
      h += ctx.hours(b);
    }
    if (money + m > ctx.budgetUsd || hours + h > ctx.budgetHours) return 'unaffordable';
    const gain = ctx.capped(ctx.model.fitWith(cov, bundle)) - cur;
    if (gain <= EPS) return null;
    return { ratio: gain / ctx.strategyCost(strategy, m, h), gain, bundle, m, h };
  };
  const heap = new EntryHeap();
  const parked = new Set<string>();
  let single: { bundle: string[]; gain: number } | null = null;
  for (const id of relevant) {
    const e = evaluate(id);
    if (e === 'unaffordable') parked.add(id);
    else if (e) {
      heap.push({ id, bound: e.ratio, stamp: 0 });
      if (!single || e.gain > single.gain) single = { bundle: e.bundle, gain: e.gain };
    }
  }
  let iteration = 0;
  while (cur < ctx.target - EPS && heap.size > 0) {
    const top = heap.pop()!;
    if (have.has(top.id)) continue;
    const e = evaluate(top.id);
    if (e === 'unaffordable') {
      parked.add(top.id);
      continue;
    }
    if (!e) continue;
    if (top.stamp !== iteration) {
      heap.push({ id: top.id, bound: e.ratio, stamp: iteration });
      continue;
    }
    for (const b of e.bundle) {
      chosen.push(b);
      have.add(b);
      cov = ctx.model.apply(cov, b);
      for (const d of containing.get(b) ?? []) {
        if (have.has(d)) continue;
        parked.delete(d);
        heap.push({ id: d, bound: Infinity, stamp: -1 });
      }
    }
    money += e.m;
    hours += e.h;
    cur = ctx.capped(ctx.model.fitOf(cov));
    iteration++;
  }
  const reached = cur >= ctx.target - EPS;
  if (strategy !== 'best') return reached ? chosen : null;
  // best-single check (Khuller, Moss & Naor 1999)
  const s = single as { bundle: string[]; gain: number } | null;
  return s && s.gain > cur - baseFit + EPS ? s.bundle : chosen;
}
