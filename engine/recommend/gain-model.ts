import type { Credential } from '../../taxonomy/model/types.ts';
import type { FitScorer } from '../fit/fit-scorer.ts';
import type { RoleLike } from '../fit/types.ts';
import type { SkillProfile } from '../profile/types.ts';
import type { ResolvedRecommendOptions } from './options.ts';

/** A credential's coverage of each requirement it touches, if earned: (requirement index, coverage). */
export interface CredentialCover {
  readonly req: Int32Array;
  readonly cov: Float64Array;
}

/**
 * The fit arithmetic recommendation needs: base coverage per requirement (from the fit scorer), and
 * what each credential would cover once earned: max over its skills of sim(r_j, s) × fround(earnedStrength
 * × link confidence). After earning a set S, coverage_j = max(base_j, max_{k∈S} cover_kj) — a monotone
 * submodular (facility-location) objective, which is what the greedy guarantee needs.
 */
export interface GainModel {
  readonly weights: Float64Array;
  readonly totalWeight: number;
  readonly base: Float64Array;
  /** Weighted coverage Σ w_j cov_j / W. */
  fitOf(cov: Float64Array): number;
  coverOf(credentialId: string): CredentialCover | null;
  /** A copy of `cov` with credential `id` applied. */
  apply(cov: Float64Array, id: string): Float64Array;
  /** Fit after applying `ids` to `cov` (no copy of the caller's array is changed). */
  fitWith(cov: Float64Array, ids: readonly string[]): number;
}

export function buildGainModel(scorer: FitScorer, role: RoleLike, profile: SkillProfile, credentials: Iterable<Credential>, o: ResolvedRecommendOptions): GainModel {
  const fit = scorer.score(role, profile);
  const p = scorer.prepare(role);
  const n = role.requirements.length;
  const weights = Float64Array.from(role.requirements.map((r) => r.weight));
  const base = Float64Array.from(fit.requirements.map((r) => r.coverage));
  // inverse of the coverer sets: held skill → [(j, sim)]
  const inverse = new Map<string, { j: number; sim: number }[]>();
  p.coverers.forEach((set, j) => {
    for (const c of set.list) (inverse.get(c.skillId) ?? inverse.set(c.skillId, []).get(c.skillId)!).push({ j, sim: c.sim });
  });
  const covers = new Map<string, CredentialCover | null>();
  const best = new Float64Array(n);
  const js: number[] = [];
  for (const cred of credentials) {
    js.length = 0;
    for (const link of cred.skills) {
      const list = inverse.get(link.skillId);
      if (!list) continue;
      const strength = Math.fround(o.earnedStrength * link.confidence);
      for (const { j, sim } of list) {
        const v = sim * strength;
        if (best[j] === 0 && v > 0) js.push(j);
        if (v > best[j]!) best[j] = v;
      }
    }
    if (js.length === 0) {
      covers.set(cred.id, null);
      continue;
    }
    js.sort((a, b) => a - b);
    const cover = { req: Int32Array.from(js), cov: Float64Array.from(js, (j) => best[j]!) };
    for (const j of js) best[j] = 0;
    covers.set(cred.id, cover);
  }
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const scratch = new Float64Array(n);
  const stamp = new Int32Array(n);
  let epoch = 0;
  const fitOf = (cov: Float64Array): number => {
    let s = 0;
    for (let j = 0; j < n; j++) s += weights[j]! * cov[j]!;
    return s / totalWeight;
  };
  const applyInPlace = (cov: Float64Array, id: string): void => {
    const c = covers.get(id);
    if (!c) return;
    for (let i = 0; i < c.req.length; i++) {
      const j = c.req[i]!;
      if (c.cov[i]! > cov[j]!) cov[j] = c.cov[i]!;
    }
  };
  return {
    weights,
    totalWeight,
    base,
    fitOf,
    coverOf: (id) => covers.get(id) ?? null,
    apply(cov, id) {
      const out = cov.slice();
      applyInPlace(out, id);
      return out;
    },
    fitWith(cov, ids) {
      // no allocation: raised coverage kept in a scratch array, stamped per call
      epoch++;
      let s = 0;
      for (let j = 0; j < n; j++) s += weights[j]! * cov[j]!;
      for (const id of ids) {
        const c = covers.get(id);
        if (!c) continue;
        for (let i = 0; i < c.req.length; i++) {
          const j = c.req[i]!;
          const cur = stamp[j] === epoch ? scratch[j]! : cov[j]!;
          if (c.cov[i]! > cur) {
            s += weights[j]! * (c.cov[i]! - cur);
            scratch[j] = c.cov[i]!;
            stamp[j] = epoch;
          }
        }
      }
      return s / totalWeight;
    },
  };
}
