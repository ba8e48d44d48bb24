import type { FitScorer } from '../fit/fit-scorer.ts';
import { strengthOf } from '../fit/fit-scorer.ts';
import type { ProfileSkill, SkillProfile } from '../profile/types.ts';
import { coverageScratch, type CovererTargets, foldCoverage, targetsByCoverer } from './coverage-fold.ts';

/** How many people cover each target as of each date: `covered[d][t]`, `verified[d][t]`. */
export interface CoverageByDate {
  readonly dates: readonly string[];
  readonly targets: readonly string[];
  readonly covered: readonly Int32Array[];
  readonly verified: readonly Int32Array[];
}

/** A held skill as of a date: `profileAsOf`'s rule (evidence issued on or before the date; undated always). */
function skillAsOf(s: ProfileSkill, date: string): ProfileSkill | null {
  const evidence = s.evidence.filter((e) => e.issuedOn === null || e.issuedOn.slice(0, 10) <= date);
  if (evidence.length === 0) return null;
  return evidence.length === s.evidence.length ? s : { ...s, evidence, strength: Math.max(...evidence.map((e) => e.confidence)) };
}

/**
 * The supply counts of `coverageTable` for every profile as of each of `dates` (ascending), equal to
 * running `coverageTable` over `cohort.map((p) => profileAsOf(p, date))` once per date, in one pass:
 * a person's held skills change only on the dates their evidence was issued, so each person is split
 * into segments of dates with the same skills, coverage is computed once per segment, and counted into
 * every date of the segment with a difference array. Only held skills that cover some target are read.
 */
export function coverageByDate(scorer: FitScorer, cohort: readonly SkillProfile[], targets: readonly string[], dates: readonly string[], threshold: number): CoverageByDate {
  const T = targets.length;
  const D = dates.length;
  const inverse = targetsByCoverer(scorer, targets);
  // diff[d × T + t]: +1 where a segment covering t starts, −1 where it ends
  const diff = new Int32Array((D + 1) * T);
  const vdiff = new Int32Array((D + 1) * T);
  const scratch = coverageScratch(T);
  const { cov, vcov, touched } = scratch;
  let epoch = 0;
  /** First date index on or after which an evidence issued on `day` counts. */
  const firstDate = (day: string): number => {
    let lo = 0;
    let hi = D;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (day <= dates[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  // per relevant held skill: from which date index its first / all evidence counts
  const relevant: { skill: ProfileSkill; e: CovererTargets; some: number; all: number }[] = [];
  const breaks = new Set<number>();
  for (const person of cohort) {
    relevant.length = 0;
    breaks.clear();
    breaks.add(0);
    for (const skill of person.skills.values()) {
      const e = inverse.get(skill.skillId);
      if (!e) continue;
      let some = D;
      let all = 0;
      for (const ev of skill.evidence) {
        const d = ev.issuedOn === null ? 0 : firstDate(ev.issuedOn.slice(0, 10));
        if (d < some) some = d;
        if (d > all) all = d;
        breaks.add(d);
      }
      relevant.push({ skill, e, some, all });
    }
    if (relevant.length === 0) continue;
    const bounds = [...breaks].filter((b) => b < D).sort((a, b) => a - b);
    for (let b = 0; b < bounds.length; b++) {
      const from = bounds[b]!;
      const to = b + 1 < bounds.length ? bounds[b + 1]! : D;
      const date = dates[from]!;
      epoch++;
      let nt = 0;
      for (const { skill, e, some, all } of relevant) {
        if (from < some) continue;
        const held = from >= all ? skill : skillAsOf(skill, date);
        if (!held) continue;
        nt = foldCoverage(scratch, epoch, nt, e.t, e.sim, strengthOf(held), scorer.isVerified(held));
      }
      for (let k = 0; k < nt; k++) {
        const t = touched[k]!;
        if (cov[t]! >= threshold) {
          diff[from * T + t]!++;
          diff[to * T + t]!--;
        }
        if (vcov[t]! >= threshold) {
          vdiff[from * T + t]!++;
          vdiff[to * T + t]!--;
        }
      }
    }
  }
  const covered: Int32Array[] = [];
  const verified: Int32Array[] = [];
  const run = new Int32Array(T);
  const vrun = new Int32Array(T);
  for (let d = 0; d < D; d++) {
    for (let t = 0; t < T; t++) {
      run[t] = run[t]! + diff[d * T + t]!;
      vrun[t] = vrun[t]! + vdiff[d * T + t]!;
    }
    covered.push(run.slice());
    verified.push(vrun.slice());
  }
  return { dates, targets, covered, verified };
}
