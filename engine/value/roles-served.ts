/**
 * The roles a credential serves best and how far it moves a typical holder's fit toward them (issue 20).
 *
 * Serves: a role's requirement weights w_j and the credential's credit c_j = max over its skills of
 * sim(r_j, s) (the fit engine's similarity) give coverage(role) = Σ_j w_j c_j / Σ_j w_j; the roles
 * with the largest coverage (> 0) are the ones it serves best, ≤ 5, ties by role id.
 *
 * Typical holder: the cohort's candidates who do not hold the credential and whose fit to the role is
 * in the middle half of the field (an aggregate, never one person's fit): the means of their fit before
 * and after. With fewer than k non-holders: an empty profile. Fit before and after come from the recommender's gain model (engine/recommend/gain-model.ts): the fit
 * scorer's coverage per requirement, and after earning the credential each covered requirement at
 * max(before, sim × earnedStrength × link confidence) — exactly what the recommender credits.
 */
import type { Credential } from '../../taxonomy/model/types.ts';
import type { FitScorer } from '../fit/fit-scorer.ts';
import type { RoleLike } from '../fit/types.ts';
import type { SkillProfile } from '../profile/types.ts';
import { buildGainModel } from '../recommend/gain-model.ts';
import type { ResolvedRecommendOptions } from '../recommend/options.ts';

export interface ServedRole {
  readonly roleId: string;
  readonly title: string;
  /** Σ_j w_j c_j / Σ_j w_j of the role's requirements. */
  readonly coverage: number;
}

export interface RoleIndex {
  readonly roles: readonly RoleLike[];
  /** Held skill → (role index, requirement index, sim). */
  readonly inverse: ReadonlyMap<string, readonly { readonly role: number; readonly j: number; readonly sim: number }[]>;
  readonly totalWeight: Float64Array;
}

export function buildRoleIndex(scorer: FitScorer, roles: readonly RoleLike[]): RoleIndex {
  const inverse = new Map<string, { role: number; j: number; sim: number }[]>();
  const totalWeight = new Float64Array(roles.length);
  roles.forEach((role, i) => {
    role.requirements.forEach((r, j) => {
      totalWeight[i]! += r.weight;
      for (const c of scorer.matcher.coverersOf(r.skillId).list) (inverse.get(c.skillId) ?? inverse.set(c.skillId, []).get(c.skillId)!).push({ role: i, j, sim: c.sim });
    });
  });
  return { roles, inverse, totalWeight };
}

/** The roles the credential's skills cover most of (coverage > 0), best first, at most `top`. */
export function rolesServed(index: RoleIndex, credentialSkills: readonly string[], top = 5): ServedRole[] {
  const best = new Map<number, Map<number, number>>();
  for (const s of credentialSkills) {
    for (const { role, j, sim } of index.inverse.get(s) ?? []) {
      const m = best.get(role) ?? best.set(role, new Map()).get(role)!;
      if (sim > (m.get(j) ?? 0)) m.set(j, sim);
    }
  }
  const out: ServedRole[] = [];
  for (const [i, m] of best) {
    const role = index.roles[i]!;
    let covered = 0;
    for (const [j, c] of m) covered += role.requirements[j]!.weight * c;
    out.push({ roleId: role.id, title: role.title ?? role.id, coverage: covered / index.totalWeight[i]! });
  }
  return out.sort((a, b) => b.coverage - a.coverage || (a.roleId < b.roleId ? -1 : 1)).slice(0, top);
}

/** A role's fit of every candidate, ascending (ties by candidate id): the field a typical holder is picked from. */
export function rankedFits(scorer: FitScorer, role: RoleLike, profiles: readonly SkillProfile[]): { candidateId: string; fit: number }[] {
  return profiles.map((p) => ({ candidateId: p.candidateId, fit: scorer.score(role, p).fit })).sort((a, b) => a.fit - b.fit || (a.candidateId < b.candidateId ? -1 : 1));
}

export interface HolderFit {
  readonly fitBefore: number;
  readonly fitAfter: number;
  /** Typical holders the means are over (0: too few non-holders, an empty profile stood in). */
  readonly field: number;
}

const emptyProfile: SkillProfile = { candidateId: '', asOf: '', skills: new Map() };

/** At most this many typical holders are scored per role (evenly spaced over the middle band). */
export const TYPICAL_SAMPLE = 25;

/**
 * Fit before and after the credential of a typical holder for `role` (see the file comment): the
 * non-holders in the middle half of the field by fit (ranks ⌊n/4⌋ … ⌈3n/4⌉−1 of the fits ascending;
 * widened, centred, to k people when the half is smaller), at most TYPICAL_SAMPLE of them evenly spaced,
 * means of their fit before and after. Fewer than `k` non-holders: an empty profile (a figure about
 * fewer than k people is not released).
 */
export function typicalHolderFit(
  scorer: FitScorer,
  role: RoleLike,
  ranked: readonly { candidateId: string; fit: number }[],
  holders: ReadonlySet<string>,
  profileOf: (candidateId: string) => SkillProfile,
  credential: Credential,
  options: ResolvedRecommendOptions,
  k = 5,
): HolderFit {
  const field = ranked.filter((r) => !holders.has(r.candidateId));
  const n = field.length;
  // the middle half, widened (centred) to at least k people: a mean over fewer than k is not released
  const size = Math.min(n, Math.max(k, Math.ceil((3 * n) / 4) - Math.floor(n / 4)));
  const start = size === Math.ceil((3 * n) / 4) - Math.floor(n / 4) ? Math.floor(n / 4) : Math.floor((n - size) / 2);
  const band = n < k ? [] : field.slice(start, start + size);
  const m = Math.min(TYPICAL_SAMPLE, band.length);
  const picked: SkillProfile[] = [];
  for (let t = 0; t < m; t++) picked.push(profileOf(band[Math.floor((t * band.length) / m)]!.candidateId));
  const profiles = picked.length === 0 ? [emptyProfile] : picked;
  let before = 0;
  let after = 0;
  for (const profile of profiles) {
    const model = buildGainModel(scorer, role, profile, [credential], options);
    before += model.fitOf(model.base);
    after += model.fitWith(model.base, [credential.id]);
  }
  return { fitBefore: before / profiles.length, fitAfter: after / profiles.length, field: picked.length };
}
