/**
 * How credibility enters the recommender (issue 20, docs/design-choices.md "Issue 20: credibility in the
 * recommender"). Credibility is an ordinal (engine/value/issuer-credibility.ts `credibilityLevel`), never a factor
 * on value: it decides only between credentials of the same value.
 * - next: the list is ordered by value; within a run of equal values (relative difference ≤ 1e-9) the higher
 *   credibility level ranks first, then the larger gain, then the id.
 * - pathways: a credential is left out of planning when another one of a higher level covers every requirement it
 *   covers at least as well, costs no more money and no more hours, and needs no prerequisite it does not; so a
 *   plan never takes an unverifiable credential where a verified equivalent costs the same.
 */
import type { PlanContext } from './plan-context.ts';
import type { CredibilityLevel, Recommendation } from './types.ts';

/** Relative tolerance under which two values are the same value. */
export const SAME_VALUE = 1e-9;

export function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= SAME_VALUE * Math.max(Math.abs(a), Math.abs(b));
}

type Ranked = Pick<Recommendation, 'credentialId' | 'value' | 'gain' | 'credibility'>;

const byId = (a: Ranked, b: Ranked): number => (a.credentialId < b.credentialId ? -1 : a.credentialId > b.credentialId ? 1 : 0);

/**
 * Value descending; runs of the same value (each within SAME_VALUE of the run's first, so the grouping is
 * well defined) ordered by credibility descending, gain descending, id.
 */
export function orderByValueThenCredibility<T extends Ranked>(recs: readonly T[]): T[] {
  const byValue = [...recs].sort((a, b) => b.value - a.value || b.gain - a.gain || byId(a, b));
  const out: T[] = [];
  for (let i = 0; i < byValue.length; ) {
    let j = i + 1;
    while (j < byValue.length && sameValue(byValue[i]!.value, byValue[j]!.value)) j++;
    out.push(...byValue.slice(i, j).sort((a, b) => b.credibility - a.credibility || b.gain - a.gain || byId(a, b)));
    i = j;
  }
  return out;
}

/** The requirement skills a credential raises: the same set = equivalent for the explanation. */
export function sameRequirements(a: Pick<Recommendation, 'closes'>, b: Pick<Recommendation, 'closes'>): boolean {
  if (a.closes.length !== b.closes.length) return false;
  const set = new Set(a.closes.map((g) => g.skillId));
  return b.closes.every((g) => set.has(g.skillId));
}

/**
 * Credentials a planner should never take: for each unheld credential A with a cover, some B of a higher level
 * covers each of A's requirements at least as strongly, costs no more money and hours, needs only prerequisites
 * A needs (or held ones), and A is no other credential's prerequisite.
 */
export function dominatedByCredible(ctx: PlanContext, credibility: ReadonlyMap<string, CredibilityLevel>): Set<string> {
  const level = (id: string): CredibilityLevel => credibility.get(id) ?? 0;
  const candidates = [...ctx.cat.byId.keys()].filter((id) => !ctx.held.has(id) && ctx.model.coverOf(id) !== null && ctx.cat.closure(id) !== null);
  const out = new Set<string>();
  // credible credentials by requirement covered, each with its coverage as a dense row: a dominating credential
  // covers every requirement of the dominated one, so only those covering its rarest requirement are compared
  const n = ctx.model.weights.length;
  const dense = new Map<string, Float64Array>();
  const byRequirement: string[][] = Array.from({ length: n }, () => []);
  for (const id of candidates) {
    if (level(id) === 0) continue;
    const c = ctx.model.coverOf(id)!;
    const row = new Float64Array(n);
    for (let k = 0; k < c.req.length; k++) {
      row[c.req[k]!] = c.cov[k]!;
      byRequirement[c.req[k]!]!.push(id);
    }
    dense.set(id, row);
  }
  if (dense.size === 0) return out;
  for (const a of candidates) {
    const la = level(a);
    if (la === 2 || ctx.cat.dependents(a).length > 0) continue;
    const ca = ctx.model.coverOf(a)!;
    if (ca.req.length === 0) continue;
    let rarest = byRequirement[ca.req[0]!]!;
    for (let k = 1; k < ca.req.length; k++) if (byRequirement[ca.req[k]!]!.length < rarest.length) rarest = byRequirement[ca.req[k]!]!;
    const money = ctx.money(a);
    const hours = ctx.hours(a);
    let needsA: Set<string> | null = null;
    for (const b of rarest) {
      if (b === a || level(b) <= la || ctx.money(b) > money || ctx.hours(b) > hours) continue;
      const row = dense.get(b)!;
      let covers = true;
      for (let k = 0; k < ca.req.length && covers; k++) covers = row[ca.req[k]!]! >= ca.cov[k]!;
      if (!covers) continue;
      needsA ??= new Set(ctx.cat.closure(a)!);
      const need = needsA;
      if (!ctx.cat.closure(b)!.every((r) => ctx.held.has(r) || need.has(r))) continue;
      out.add(a);
      break;
    }
  }
  return out;
}
