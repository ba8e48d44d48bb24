/**
 * Coverage of many targets by a cohort, one pass (a person, or one segment of dates of a person) at a time:
 * the targets' coverer sets inverted once (`targetsByCoverer`), and each held skill of a pass folded into
 * per-target running maxima (`foldCoverage`), shared by supplyCounts, coverageByDate and occupationSupply.
 */
import type { FitScorer } from '../fit/fit-scorer.ts';

/** The targets one held skill covers: target indexes `t[i]` with similarity `sim[i]`, in target order. */
export interface CovererTargets {
  readonly t: Int32Array;
  readonly sim: Float64Array;
}

/** The coverer sets of `targets` inverted once: held skill id → the targets it covers (by index) and how well. */
export function targetsByCoverer(scorer: FitScorer, targets: readonly string[]): Map<string, CovererTargets> {
  const lists = new Map<string, { t: number[]; sim: number[] }>();
  targets.forEach((s, t) => {
    for (const c of scorer.matcher.coverersOf(s).list) {
      let e = lists.get(c.skillId);
      if (!e) lists.set(c.skillId, (e = { t: [], sim: [] }));
      e.t.push(t);
      e.sim.push(c.sim);
    }
  });
  const inverse = new Map<string, CovererTargets>();
  for (const [id, e] of lists) inverse.set(id, { t: Int32Array.from(e.t), sim: Float64Array.from(e.sim) });
  return inverse;
}

/**
 * Per-target running maxima of coverage (all evidence and verified only) of the current pass, in arrays
 * reused across passes: a target is reset the first time a pass touches it (per-pass stamps instead of
 * clearing), and the touched targets are listed for the caller.
 */
export interface CoverageScratch {
  /** cov[t]: max over the pass's held skills of sim × strength, at least 0 (valid for touched t only). */
  readonly cov: Float64Array;
  /** vcov[t]: the same over verified held skills only. */
  readonly vcov: Float64Array;
  /** stamp[t]: the last pass that touched t. */
  readonly stamp: Int32Array;
  /** touched[0 … n−1]: the targets the current pass touched, in first-touch order. */
  readonly touched: Int32Array;
}

/** Scratch for `targets` targets, no pass yet. */
export function coverageScratch(targets: number): CoverageScratch {
  return { cov: new Float64Array(targets), vcov: new Float64Array(targets), stamp: new Int32Array(targets).fill(-1), touched: new Int32Array(targets) };
}

/**
 * Folds one held skill of pass `pass` into `s`: for each i, target `targetIds[i]` gets coverage
 * `sims[i] × strength` (verified coverage too when `verified`), kept as the running maximum. `nt` is the
 * number of targets the pass touched so far; returns the new number.
 */
export function foldCoverage(s: CoverageScratch, pass: number, nt: number, targetIds: ArrayLike<number>, sims: ArrayLike<number>, strength: number, verified: boolean): number {
  const { cov, vcov, stamp, touched } = s;
  for (let i = 0; i < targetIds.length; i++) {
    const t = targetIds[i]!;
    const v = sims[i]! * strength;
    if (stamp[t] !== pass) {
      stamp[t] = pass;
      touched[nt++] = t;
      cov[t] = v > 0 ? v : 0;
      vcov[t] = verified && v > 0 ? v : 0;
    } else {
      if (v > cov[t]!) cov[t] = v;
      if (verified && v > vcov[t]!) vcov[t] = v;
    }
  }
  return nt;
}
