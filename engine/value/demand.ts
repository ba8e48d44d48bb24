/**
 * Skill demand of a set of job postings and what a credential's skills cover of it (issue 20).
 *
 * Weighting: each posting's requirements are its linked skills as the fit engine reads a posting
 * (`requirementsFromPosting`: weight = link confidence, links below 0.3 dropped, one requirement per
 * skill), normalised per posting so that every posting with at least one requirement weighs 1 in
 * total: d(p, r) = w(p, r) / Σ_r' w(p, r'). The demand share of a skill r is D(r) = Σ_p d(p, r) / P,
 * P = the postings with at least one requirement; Σ_r D(r) = 1.
 *
 * Covers: a credential covers requirement skill r with credit c(r) = max over its skills s of
 * sim(r, s), the fit engine's similarity (engine/fit/similarity.ts: exact 1; a narrower held skill
 * 0.9 × decay^(d−1); broader, ESCO-related and O*NET → ESCO mapped skills their configured credits).
 * Link confidence and the earned strength are left out: this is what the credential teaches, not how
 * strongly one holder holds it (the fit-gain figure uses them). value = Σ_r D(r) · c(r) ∈ [0, 1].
 */
import type { JobPosting } from '../../taxonomy/model/types.ts';
import type { SkillMatcher } from '../fit/similarity.ts';
import { requirementsFromPosting } from '../requirements/from-posting.ts';

/** One demanded requirement skill. */
export interface DemandedSkill {
  readonly skillId: string;
  /** D(r): share of the total weighted demand, Σ over all skills = 1. */
  readonly share: number;
  /** Postings in scope with a requirement on this skill. */
  readonly postings: number;
}

export interface DemandIndex {
  /** Postings given (in scope). */
  readonly postings: number;
  /** Postings with at least one requirement (the denominator P). */
  readonly postingsWithSkills: number;
  /** Demanded skills by id. */
  readonly skills: ReadonlyMap<string, DemandedSkill>;
  /** Requirement-skill ids per posting (only postings with requirements), to count postings a skill covers. */
  readonly requirementsOf: ReadonlyMap<string, readonly string[]>;
  /** Held skill → the demanded skills it covers with sim > 0. */
  readonly inverse: ReadonlyMap<string, readonly { readonly skillId: string; readonly sim: number }[]>;
}

/** What one credential covers of the demand. */
export interface DemandCover {
  /** Σ_r D(r) · c(r). */
  readonly value: number;
  /** Demanded skill → credit c(r) > 0 and the credential skill that gives it (ties: smaller skill id). */
  readonly covers: ReadonlyMap<string, { readonly credit: number; readonly by: string }>;
}

export function buildDemandIndex(postings: readonly JobPosting[], matcher: SkillMatcher): DemandIndex {
  const raw = new Map<string, { share: number; postings: number }>();
  const requirementsOf = new Map<string, string[]>();
  let withSkills = 0;
  for (const p of postings) {
    const reqs = requirementsFromPosting(p).requirements;
    const total = reqs.reduce((s, r) => s + r.weight, 0);
    if (reqs.length === 0 || !(total > 0)) continue;
    withSkills++;
    requirementsOf.set(p.id, reqs.map((r) => r.skillId));
    for (const r of reqs) {
      const e = raw.get(r.skillId) ?? { share: 0, postings: 0 };
      e.share += r.weight / total;
      e.postings++;
      raw.set(r.skillId, e);
    }
  }
  const skills = new Map<string, DemandedSkill>();
  const inverse = new Map<string, { skillId: string; sim: number }[]>();
  for (const [skillId, e] of [...raw].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    skills.set(skillId, { skillId, share: e.share / withSkills, postings: e.postings });
    for (const c of matcher.coverersOf(skillId).list) (inverse.get(c.skillId) ?? inverse.set(c.skillId, []).get(c.skillId)!).push({ skillId, sim: c.sim });
  }
  return { postings: postings.length, postingsWithSkills: withSkills, skills, requirementsOf, inverse };
}

/** What a credential with these skills covers of the demand (see the file comment). */
export function coverDemand(index: DemandIndex, credentialSkills: readonly string[]): DemandCover {
  const covers = new Map<string, { credit: number; by: string }>();
  for (const s of credentialSkills) {
    for (const { skillId, sim } of index.inverse.get(s) ?? []) {
      const prev = covers.get(skillId);
      if (!prev || sim > prev.credit || (sim === prev.credit && s < prev.by)) covers.set(skillId, { credit: sim, by: s });
    }
  }
  let value = 0;
  for (const [skillId, c] of covers) value += index.skills.get(skillId)!.share * c.credit;
  return { value, covers };
}

/**
 * The credential's skills with the demand each covers: share(s) = Σ D(r) · c(r) over the demanded
 * skills r that s covers best (so the shares add up to the value), and the postings with a requirement
 * that s covers (sim > 0). Skills that cover nothing are left out; largest share first.
 */
export function skillShares(index: DemandIndex, cover: DemandCover): { skillId: string; share: number; postings: number }[] {
  const share = new Map<string, number>();
  for (const [r, c] of cover.covers) share.set(c.by, (share.get(c.by) ?? 0) + index.skills.get(r)!.share * c.credit);
  const out: { skillId: string; share: number; postings: number }[] = [];
  for (const [skillId, s] of share) {
    const covered = new Set((index.inverse.get(skillId) ?? []).map((x) => x.skillId));
    let postings = 0;
    for (const reqs of index.requirementsOf.values()) if (reqs.some((r) => covered.has(r))) postings++;
    out.push({ skillId, share: s, postings });
  }
  return out.sort((a, b) => b.share - a.share || (a.skillId < b.skillId ? -1 : 1));
}
