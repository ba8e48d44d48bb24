import type { FitScorer } from '../fit/fit-scorer.ts';
import { strengthOf } from '../fit/fit-scorer.ts';
import type { SkillProfile } from '../profile/types.ts';

/** Which of `targets` each person covers (coverage ≥ threshold), all evidence and verified only. */
export interface CoverageTable {
  readonly targets: readonly string[];
  /** Per person: indices of targets covered. */
  readonly covered: readonly (readonly number[])[];
  /** Per person: indices of targets covered by verified evidence. */
  readonly verified: readonly (readonly number[])[];
}

/**
 * Coverage of many skills for many people without a people × skills × skills loop: the coverer sets
 * of the targets are inverted once (held skill → targets it covers, with sim), then each person's
 * held skills are walked once. Coverage is the fit scorer's (sim × strength, same taxonomy credit).
 */
export function coverageTable(scorer: FitScorer, cohort: readonly SkillProfile[], targets: readonly string[], threshold: number): CoverageTable {
  const inverse = new Map<string, { t: number; sim: number }[]>();
  targets.forEach((s, t) => {
    for (const c of scorer.matcher.coverersOf(s).list) (inverse.get(c.skillId) ?? inverse.set(c.skillId, []).get(c.skillId)!).push({ t, sim: c.sim });
  });
  const covered: number[][] = [];
  const verified: number[][] = [];
  const cov = new Float64Array(targets.length);
  const vcov = new Float64Array(targets.length);
  for (const person of cohort) {
    const touched: number[] = [];
    for (const skill of person.skills.values()) {
      const list = inverse.get(skill.skillId);
      if (!list) continue;
      const strength = strengthOf(skill);
      const isVer = scorer.isVerified(skill);
      for (const { t, sim } of list) {
        if (cov[t] === 0 && vcov[t] === 0) touched.push(t);
        const v = sim * strength;
        if (v > cov[t]!) cov[t] = v;
        if (isVer && v > vcov[t]!) vcov[t] = v;
      }
    }
    const c: number[] = [];
    const ver: number[] = [];
    for (const t of new Set(touched)) {
      if (cov[t]! >= threshold) c.push(t);
      if (vcov[t]! >= threshold) ver.push(t);
      cov[t] = 0;
      vcov[t] = 0;
    }
    covered.push(c.sort((a, b) => a - b));
    verified.push(ver.sort((a, b) => a - b));
  }
  return { targets, covered, verified };
}

/** Supply cell with k-anonymity: null when the cohort or a non-empty count is below k. */
export function supplyCell(count: number, verifiedCount: number, n: number, k: number) {
  const claimedCount = count - verifiedCount;
  const small = (x: number): boolean => x > 0 && x < k;
  if (n < k || small(count) || n === 0) {
    return { supply: null, verifiedSupply: null, claimedSupply: null, supplyCount: null, suppressed: true };
  }
  const splitHidden = small(verifiedCount) || small(claimedCount);
  return {
    supply: count / n,
    verifiedSupply: splitHidden ? null : verifiedCount / n,
    claimedSupply: splitHidden ? null : claimedCount / n,
    supplyCount: count,
    suppressed: false,
  };
}
