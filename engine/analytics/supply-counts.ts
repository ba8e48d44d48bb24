import type { FitScorer } from '../fit/fit-scorer.ts';
import { strengthOf } from '../fit/fit-scorer.ts';
import type { SkillProfile } from '../profile/types.ts';
import { coverageScratch, foldCoverage, targetsByCoverer } from './coverage-fold.ts';

/** Per key: how many people cover it (all evidence / verified only). */
export interface SupplyCounts {
  readonly count: Int32Array;
  readonly verified: Int32Array;
}

/**
 * The supply counts `coverageTable` leads to, without its per-person lists: a person counts once for
 * key k when they cover (coverage ≥ threshold) at least one target t with k in `keysOf[t]` (skills:
 * `keysOf[t] = [t]`; groups: the target's groups). Coverer sets are inverted once into flat arrays and
 * each person's held skills walked once, with per-person stamps instead of sets.
 */
export function supplyCounts(scorer: FitScorer, cohort: readonly SkillProfile[], targets: readonly string[], threshold: number, keysOf: readonly (readonly number[])[], nKeys: number): SupplyCounts {
  const T = targets.length;
  const inverse = targetsByCoverer(scorer, targets);
  const scratch = coverageScratch(T);
  const { cov, vcov, touched } = scratch;
  const keyStamp = new Int32Array(nKeys).fill(-1);
  const vkeyStamp = new Int32Array(nKeys).fill(-1);
  const count = new Int32Array(nKeys);
  const verified = new Int32Array(nKeys);
  for (let person = 0; person < cohort.length; person++) {
    let nt = 0;
    for (const skill of cohort[person]!.skills.values()) {
      const e = inverse.get(skill.skillId);
      if (!e) continue;
      nt = foldCoverage(scratch, person, nt, e.t, e.sim, strengthOf(skill), scorer.isVerified(skill));
    }
    for (let i = 0; i < nt; i++) {
      const t = touched[i]!;
      if (cov[t]! >= threshold) {
        for (const k of keysOf[t]!) {
          if (keyStamp[k] === person) continue;
          keyStamp[k] = person;
          count[k]!++;
        }
      }
      if (vcov[t]! >= threshold) {
        for (const k of keysOf[t]!) {
          if (vkeyStamp[k] === person) continue;
          vkeyStamp[k] = person;
          verified[k]!++;
        }
      }
    }
  }
  return { count, verified };
}
