import type { FitScorer } from '../fit/fit-scorer.ts';
import { strengthOf } from '../fit/fit-scorer.ts';
import { coverage } from '../fit/signals/coverage.ts';
import type { RequirementContext } from '../fit/signals/index.ts';
import type { RoleLike } from '../fit/types.ts';
import type { SkillProfile } from '../profile/types.ts';
import { coverageScratch, foldCoverage } from './coverage-fold.ts';

/** People of a cohort whose fit for a role is ≥ threshold, counting all evidence and verified only. */
export interface RoleSupply {
  readonly count: number;
  readonly verifiedCount: number;
}

/**
 * For each role, how many people have `scorer.score(role, person).fit ≥ threshold` (and the same with
 * `verifiedOnly`), equal to scoring everyone against every role, without doing so: the requirements of
 * all roles are numbered g = 0…G−1 (role by role, in requirement order) and their coverer sets inverted
 * once (held skill → (g, sim)). Each person's held skills are walked once to get the coverage of the
 * requirements they touch; the fit is then summed in requirement order, exactly as the scorer sums the
 * coverage signal (untouched requirements add 0). O(Σ persons' held skills × coverers), no allocation
 * per person.
 */
export function occupationSupply(scorer: FitScorer, cohort: readonly SkillProfile[], roles: readonly RoleLike[], threshold: number): RoleSupply[] {
  if (cohort.length === 0) return roles.map(() => ({ count: 0, verifiedCount: 0 }));
  const prepared = roles.map((r) => scorer.prepare(r));
  const offset: number[] = [0];
  for (const p of prepared) offset.push(offset[offset.length - 1]! + p.coverers.length);
  const G = offset[offset.length - 1]!;
  const roleOf = new Int32Array(G);
  const inverse = new Map<string, { g: number[]; sim: number[] }>();
  prepared.forEach((p, r) => {
    p.coverers.forEach((set, j) => {
      const g = offset[r]! + j;
      roleOf[g] = r;
      for (const c of set.list) {
        let e = inverse.get(c.skillId);
        if (!e) inverse.set(c.skillId, (e = { g: [], sim: [] }));
        e.g.push(g);
        e.sim.push(c.sim);
      }
    });
  });
  // the coverage signal's share of requirement g, as the scorer computes it
  const ctx = { role: prepared[0]!.context, index: 0, requirement: prepared[0]!.role.requirements[0]!, coverage: 0, verifiedCoverage: 0, state: undefined as unknown };
  const term = (g: number, cov: number): number => {
    const r = roleOf[g]!;
    const j = g - offset[r]!;
    ctx.role = prepared[r]!.context;
    ctx.index = j;
    ctx.requirement = prepared[r]!.role.requirements[j]!;
    ctx.coverage = cov;
    ctx.verifiedCoverage = 0;
    return coverage.score(ctx as RequirementContext);
  };
  const scratch = coverageScratch(G);
  const { cov, vcov, touched } = scratch;
  const fit = new Float64Array(roles.length);
  const vfit = new Float64Array(roles.length);
  const roleStamp = new Int32Array(roles.length).fill(-1);
  const touchedRoles = new Int32Array(roles.length);
  // a person touching nothing has fit 0 for every role
  const zeroPasses = 0 >= threshold ? 1 : 0;
  const count = new Int32Array(roles.length).fill(zeroPasses * cohort.length);
  const verifiedCount = new Int32Array(roles.length).fill(zeroPasses * cohort.length);
  for (let person = 0; person < cohort.length; person++) {
    let nt = 0;
    for (const skill of cohort[person]!.skills.values()) {
      const e = inverse.get(skill.skillId);
      if (!e) continue;
      nt = foldCoverage(scratch, person, nt, e.g, e.sim, strengthOf(skill), scorer.isVerified(skill));
    }
    if (nt === 0) continue;
    const order = touched.subarray(0, nt).sort();
    let nr = 0;
    for (let t = 0; t < nt; t++) {
      const g = order[t]!;
      const r = roleOf[g]!;
      if (roleStamp[r] !== person) {
        roleStamp[r] = person;
        touchedRoles[nr++] = r;
        fit[r] = 0;
        vfit[r] = 0;
      }
      fit[r] = fit[r]! + term(g, cov[g]!);
      vfit[r] = vfit[r]! + term(g, vcov[g]!);
    }
    for (let t = 0; t < nr; t++) {
      const r = touchedRoles[t]!;
      count[r] = count[r]! + (fit[r]! >= threshold ? 1 : 0) - zeroPasses;
      verifiedCount[r] = verifiedCount[r]! + (vfit[r]! >= threshold ? 1 : 0) - zeroPasses;
    }
  }
  return roles.map((_, r) => ({ count: count[r]!, verifiedCount: verifiedCount[r]! }));
}
