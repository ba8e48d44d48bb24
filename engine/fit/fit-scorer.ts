import type { SkillGraph } from '../../taxonomy/model/skill-graph.ts';
import type { Evidence, ProfileSkill, SkillProfile } from '../profile/types.ts';
import { resolveFitOptions } from './options.ts';
import { prepareRole } from './prepared-role.ts';
import type { PreparedRole } from './prepared-role.ts';
import { createSkillMatcher } from './similarity.ts';
import type { SkillMatcher } from './similarity.ts';
import type { EvidenceChain, EvidenceLink, FitOptions, FitResult, RequirementFit, ResolvedFitOptions, RoleLike, SignalValue } from './types.ts';

export interface FitScorerOptions extends FitOptions {
  readonly graph: SkillGraph;
}

export interface ScoreCallOptions {
  /** Count only verified evidence (overrides the scorer's option). */
  readonly verifiedOnly?: boolean;
}

export interface FitScorer {
  readonly options: ResolvedFitOptions;
  readonly graph: SkillGraph;
  readonly matcher: SkillMatcher;
  /** The role made ready for scoring (cached per role object). */
  prepare(role: RoleLike): PreparedRole;
  /** Fit of one candidate for one role, with per-requirement evidence chains. */
  score(role: RoleLike, profile: SkillProfile, call?: ScoreCallOptions): FitResult;
  /** Whether a profile skill has verified evidence. */
  isVerified(skill: ProfileSkill): boolean;
}

/** Strengths are held at float32 precision everywhere (the ranking index stores Float32Array). */
export const strengthOf = (s: ProfileSkill): number => Math.fround(s.strength);

function link(e: Evidence): EvidenceLink {
  return {
    evidenceId: e.id,
    kind: e.kind,
    credentialId: e.credentialId,
    awardId: e.awardId,
    source: e.source,
    span: e.span,
    verification: e.verification,
    linkConfidence: e.linkConfidence,
    confidence: e.confidence,
  };
}

/**
 * Creates the fit scorer (DESIGN.md §4): coverage_j = max_i sim(r_j, s_i) × strength_i and
 * score = Σ_signals weight × Σ_j signal(j). Options are checked once here.
 */
export function createFitScorer(opts: FitScorerOptions): FitScorer {
  const { graph, ...rest } = opts;
  const options = resolveFitOptions(rest);
  const matcher = createSkillMatcher(graph, options);
  const prepared = new WeakMap<RoleLike, PreparedRole>();
  const verifiedSet = new Set<string>(options.verifiedStatuses);
  const isVerified = (s: ProfileSkill): boolean => s.evidence.some((e) => verifiedSet.has(e.verification));

  function prepare(role: RoleLike): PreparedRole {
    let p = prepared.get(role);
    if (!p) {
      p = prepareRole(role, matcher, options);
      prepared.set(role, p);
    }
    return p;
  }

  function score(role: RoleLike, profile: SkillProfile, call: ScoreCallOptions = {}): FitResult {
    const p = prepare(role);
    const verifiedOnly = call.verifiedOnly ?? options.verifiedOnly;
    let total = p.baseline;
    const sums: Record<string, number> = {};
    for (const name of Object.keys(p.signalWeights)) sums[name] = 0;
    const reqs: RequirementFit[] = [];
    const missing: string[] = [];
    p.role.requirements.forEach((r, j) => {
      const coverers = p.coverers[j]!;
      let cov = 0;
      let vcov = 0;
      let best: { skill: ProfileSkill; sim: number; v: number; verified: boolean } | null = null;
      const consider = (skill: ProfileSkill): void => {
        const c = coverers.bySkill.get(skill.skillId);
        if (!c) return;
        const verified = isVerified(skill);
        if (verifiedOnly && !verified) return;
        const v = c.sim * strengthOf(skill);
        if (v > cov) cov = v;
        if (verified && v > vcov) vcov = v;
        if (
          v > 0 &&
          (!best || v > best.v || (v === best.v && (c.sim > best.sim || (c.sim === best.sim && skill.skillId < best.skill.skillId))))
        ) {
          best = { skill, sim: c.sim, v, verified };
        }
      };
      if (profile.skills.size <= coverers.list.length) {
        for (const skill of profile.skills.values()) consider(skill);
      } else {
        for (const c of coverers.list) {
          const skill = profile.skills.get(c.skillId);
          if (skill) consider(skill);
        }
      }
      total += p.delta(j, cov, vcov);
      const values = p.signalValues(j, cov, vcov);
      for (const [name, v] of Object.entries(values)) sums[name] = (sums[name] ?? 0) + v;
      const isMissing = r.essential && cov < options.essentialThreshold;
      if (isMissing) missing.push(r.skillId);
      let chain: EvidenceChain | null = null;
      const b = best as { skill: ProfileSkill; sim: number; v: number; verified: boolean } | null;
      if (b) {
        const c = coverers.bySkill.get(b.skill.skillId)!;
        const ev = verifiedOnly ? b.skill.evidence.find((e) => verifiedSet.has(e.verification)) : b.skill.evidence[0];
        chain = {
          evidence: ev ? link(ev) : null,
          heldSkillId: b.skill.skillId,
          strength: strengthOf(b.skill),
          requirementSkillId: r.skillId,
          kind: c.kind,
          sim: c.sim,
          distance: c.distance,
          coverage: b.v,
        };
      }
      reqs.push({
        skillId: r.skillId,
        label: graph.labelOf(r.skillId),
        weight: r.weight,
        essential: r.essential,
        coverage: cov,
        verifiedCoverage: vcov,
        missing: isMissing,
        best: chain,
      });
    });
    const signals: Record<string, SignalValue> = {};
    for (const [name, value] of Object.entries(sums)) {
      const weight = p.signalWeights[name] ?? 0;
      signals[name] = { value, weight, contribution: weight * value };
    }
    return {
      roleId: role.id,
      candidateId: profile.candidateId,
      score: total,
      fit: sums.coverage ?? 0,
      signals,
      requirements: reqs,
      missingEssentials: missing,
    };
  }

  return { options, graph, matcher, prepare, score, isVerified };
}
