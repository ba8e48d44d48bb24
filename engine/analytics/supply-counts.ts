import type { FitScorer } from '../fit/fit-scorer.ts';
import { strengthOf } from '../fit/fit-scorer.ts';
import type { SkillProfile } from '../profile/types.ts';

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
  const inverse = new Map<string, { t: Int32Array; sim: Float64Array }>();
  {
    const lists = new Map<string, { t: number[]; sim: number[] }>();
    targets.forEach((s, t) => {
      for (const c of scorer.matcher.coverersOf(s).list) {
        let e = lists.get(c.skillId);
        if (!e) lists.set(c.skillId, (e = { t: [], sim: [] }));
        e.t.push(t);
        e.sim.push(c.sim);
      }
    });
    for (const [id, e] of lists) inverse.set(id, { t: Int32Array.from(e.t), sim: Float64Array.from(e.sim) });
  }
  const cov = new Float64Array(T);
  const vcov = new Float64Array(T);
  const stamp = new Int32Array(T).fill(-1);
  const touched = new Int32Array(T);
  const keyStamp = new Int32Array(nKeys).fill(-1);
  const vkeyStamp = new Int32Array(nKeys).fill(-1);
  const count = new Int32Array(nKeys);
  const verified = new Int32Array(nKeys);
  for (let person = 0; person < cohort.length; person++) {
    let nt = 0;
    for (const skill of cohort[person]!.skills.values()) {
      const e = inverse.get(skill.skillId);
      if (!e) continue;
      const strength = strengthOf(skill);
      const ver = scorer.isVerified(skill);
      const ts = e.t;
      const sims = e.sim;
      for (let i = 0; i < ts.length; i++) {
        const t = ts[i]!;
        const v = sims[i]! * strength;
        if (stamp[t] !== person) {
          stamp[t] = person;
          touched[nt++] = t;
          cov[t] = v > 0 ? v : 0;
          vcov[t] = ver && v > 0 ? v : 0;
        } else {
          if (v > cov[t]!) cov[t] = v;
          if (ver && v > vcov[t]!) vcov[t] = v;
        }
      }
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
