import { fitError } from './errors.ts';
import { SIGNALS } from './signals/index.ts';
import type { FitSignal, RequirementContext, RoleContext } from './signals/index.ts';
import type { CovererSet, SkillMatcher } from './similarity.ts';
import type { ResolvedFitOptions, RoleLike } from './types.ts';

interface ActiveSignal {
  readonly signal: FitSignal;
  readonly weight: number;
  readonly state: unknown;
}

/**
 * A role made ready for scoring: its coverer sets and the signal arithmetic. Both the fit scorer and
 * the ranking index compute a score as `baseline + Σ_j delta(j, cov_j, vcov_j)` in requirement order,
 * with `delta(j, 0, 0) === 0`, so the index (which skips untouched requirements) equals the scorer bit
 * for bit.
 */
export interface PreparedRole {
  readonly role: RoleLike;
  readonly context: RoleContext;
  readonly coverers: readonly CovererSet[];
  /** Score of a candidate covering nothing. */
  readonly baseline: number;
  delta(j: number, coverage: number, verifiedCoverage: number): number;
  /** Per-signal values of requirement j (unweighted). */
  signalValues(j: number, coverage: number, verifiedCoverage: number): Record<string, number>;
  readonly signalWeights: Readonly<Record<string, number>>;
}

export function prepareRole(role: RoleLike, matcher: SkillMatcher, options: ResolvedFitOptions): PreparedRole {
  if (!role.requirements || role.requirements.length === 0) {
    throw fitError('EMPTY_ROLE', { role: role.id }, 'requirements');
  }
  let totalWeight = 0;
  let essentialWeight = 0;
  role.requirements.forEach((r, i) => {
    if (typeof r.skillId !== 'string' || r.skillId === '') throw fitError('INVALID_REQUIREMENT', { role: role.id, index: i, problem: 'has no skillId' }, `requirements[${i}].skillId`);
    if (!(r.weight > 0) || !Number.isFinite(r.weight)) throw fitError('INVALID_REQUIREMENT', { role: role.id, index: i, problem: `(${r.skillId}) has weight ${r.weight}; expected a finite number > 0` }, `requirements[${i}].weight`);
    totalWeight += r.weight;
    if (r.essential) essentialWeight += r.weight;
  });
  const context: RoleContext = { requirements: role.requirements, totalWeight, essentialWeight, essentialThreshold: options.essentialThreshold };
  const active: ActiveSignal[] = [];
  for (const signal of Object.values(SIGNALS)) {
    const weight = options.signalWeights[signal.name] ?? signal.defaultWeight;
    if (weight === 0) continue;
    active.push({ signal, weight, state: signal.initialize ? signal.initialize(context) : undefined });
  }
  const ctx = (j: number, coverage: number, verifiedCoverage: number, state: unknown): RequirementContext => ({
    role: context,
    index: j,
    requirement: role.requirements[j]!,
    coverage,
    verifiedCoverage,
    state,
  });
  // one mutable context reused for every call: delta() runs once per touched (candidate, requirement)
  // in the ranking index, so it must not allocate. Signals are pure and never keep ctx.
  const shared = { role: context, index: 0, requirement: role.requirements[0]!, coverage: 0, verifiedCoverage: 0, state: undefined as unknown };
  const raw = (j: number, cov: number, vcov: number): number => {
    shared.index = j;
    shared.requirement = role.requirements[j]!;
    shared.coverage = cov;
    shared.verifiedCoverage = vcov;
    let s = 0;
    for (const a of active) {
      shared.state = a.state;
      s += a.weight * a.signal.score(shared);
    }
    return s;
  };
  const zero = role.requirements.map((_, j) => raw(j, 0, 0));
  let baseline = 0;
  for (const z of zero) baseline += z;
  const states = new Map<string, unknown>();
  for (const s of Object.values(SIGNALS)) states.set(s.name, active.find((a) => a.signal === s)?.state ?? (s.initialize ? s.initialize(context) : undefined));
  const weights: Record<string, number> = {};
  for (const s of Object.values(SIGNALS)) weights[s.name] = options.signalWeights[s.name] ?? s.defaultWeight;
  return {
    role,
    context,
    coverers: role.requirements.map((r) => matcher.coverersOf(r.skillId)),
    baseline,
    delta: (j, cov, vcov) => (cov === 0 && vcov === 0 ? 0 : raw(j, cov, vcov) - zero[j]!),
    signalValues(j, cov, vcov) {
      const out: Record<string, number> = {};
      for (const s of Object.values(SIGNALS)) out[s.name] = s.score(ctx(j, cov, vcov, states.get(s.name)));
      return out;
    },
    signalWeights: weights,
  };
}
