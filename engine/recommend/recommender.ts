import type { FitScorer } from '../fit/fit-scorer.ts';
import type { Credential } from '../../taxonomy/model/types.ts';
import { indexCatalogue } from './catalogue.ts';
import type { CatalogueIndex } from './catalogue.ts';
import { gapChanges, describePathway, explainRanking } from './describe.ts';
import { integerIn, numberAbove, numberIn } from '../../taxonomy/model/option-check.ts';
import { checkRecommendOption as check } from './errors.ts';
import { exactPlan } from './exact.ts';
import { buildGainModel } from './gain-model.ts';
import { bundleOf, greedyPlan } from './greedy.ts';
import { resolveRecommendOptions } from './options.ts';
import type { RecommendOptions, ResolvedRecommendOptions } from './options.ts';
import { makePlanContext } from './plan-context.ts';
import type { CredibilityLevel, PathwayQuery, PathwayResult, PathwayStrategy, RecommendInput, Recommendation } from './types.ts';
import { dominatedByCredible, orderByValueThenCredibility } from './credibility.ts';

export interface Recommender {
  readonly options: ResolvedRecommendOptions;
  /** Credentials earnable now (prerequisites held), best value (gain + stack bonus per cost) first. */
  next(input: RecommendInput, opts?: { top?: number }): Recommendation[];
  /** Pathways to a target fit within budget: best, cheapest, fastest. */
  pathway(input: RecommendInput, query?: PathwayQuery): PathwayResult;
}

function checkQuery(q: PathwayQuery): { target: number | null; budgetUsd: number; budgetHours: number } {
  const target = q.targetFit === undefined || q.targetFit === null ? null : check('targetFit', q.targetFit, numberAbove(0, 1));
  const budget = (name: string, v: number | undefined): number => (v === undefined ? Infinity : check(name, v, numberIn(0, Infinity)));
  return { target, budgetUsd: budget('budgetUsd', q.budgetUsd), budgetHours: budget('budgetHours', q.budgetHours) };
}

/**
 * Next stackable credential and pathways (DESIGN.md §4). gap_j = w_j (1 − coverage_j); a credential's
 * gain is the weighted gap it closes if earned (its skills added at `earnedStrength` × link
 * confidence). Options are checked once here.
 */
export function createRecommender(scorer: FitScorer, opts: RecommendOptions = {}): Recommender {
  const o = resolveRecommendOptions(opts);
  // the catalogue's prerequisite closures are reused while the same (immutable) array is passed
  const catalogues = new WeakMap<readonly Credential[], CatalogueIndex>();

  function setup(input: RecommendInput, target: number, budgetUsd: number, budgetHours: number) {
    const held = new Set(input.held);
    let cat = catalogues.get(input.catalogue);
    if (!cat) {
      cat = indexCatalogue(input.catalogue);
      catalogues.set(input.catalogue, cat);
    }
    const model = buildGainModel(scorer, input.role, input.profile, cat.byId.values(), o);
    const ctx = makePlanContext(model, cat, held, o, target, budgetUsd, budgetHours);
    const reqIds = input.role.requirements.map((r) => r.skillId);
    return { held, cat, model, ctx, reqIds };
  }

  return {
    options: o,
    next(input, { top = 10 } = {}) {
      check('top', top, integerIn(1));
      const { held, cat, model, ctx, reqIds } = setup(input, 1, Infinity, Infinity);
      const fitBefore = model.fitOf(model.base);
      const out: Omit<Recommendation, 'explanation'>[] = [];
      const level = (id: string): CredibilityLevel => input.credibility?.get(id) ?? 0;
      for (const cred of cat.byId.values()) {
        if (held.has(cred.id) || !model.coverOf(cred.id)) continue;
        if (cat.closure(cred.id) === null || !cred.requires.every((r) => held.has(r))) continue;
        const after = model.apply(model.base, cred.id);
        const gain = model.fitOf(after) - fitBefore;
        if (gain <= 1e-12 || gain < o.minGain) continue;
        const progressesStacks = [...cred.isPartOf].sort().filter((p) => cat.parts(p).some((x) => x !== cred.id && held.has(x)));
        const costUnits = Math.max(ctx.units(cred.id), o.minCost);
        out.push({
          credentialId: cred.id,
          name: cred.name,
          gain,
          cost: ctx.money(cred.id),
          hours: ctx.hours(cred.id),
          costUnits,
          progressesStacks,
          value: (gain + (progressesStacks.length > 0 ? o.stackBonus : 0)) / costUnits,
          closes: gapChanges(ctx, reqIds, model.base, after),
          credibility: level(cred.id),
        });
      }
      const ranked = orderByValueThenCredibility(out);
      return ranked.slice(0, top).map((r) => ({ ...r, explanation: explainRanking(r, ranked, o.stackBonus) }));
    },
    pathway(input, query = {}) {
      const { target: given, budgetUsd, budgetHours } = checkQuery(query);
      // what the catalogue can reach within budget: the plans toward fit 1
      const probe = plan(input, 1, budgetUsd, budgetHours);
      const reach = probe.reachableFit;
      if (given !== null) return given === 1 ? { ...probe, targetFrom: 'given' } : { ...plan(input, given, budgetUsd, budgetHours), reachableFit: reach, targetFrom: 'given' };
      // no target given: aim at targetShare of the way from fitBefore to the reachable fit
      if (reach <= probe.fitBefore + 1e-12) return { ...probe, targetFrom: 'reachable' };
      const target = Math.min(1, probe.fitBefore + o.targetShare * (reach - probe.fitBefore));
      return { ...plan(input, target, budgetUsd, budgetHours), targetFrom: 'reachable' };
    },
  };

  function plan(input: RecommendInput, target: number, budgetUsd: number, budgetHours: number): Omit<PathwayResult, 'targetFrom'> {
    {
      const { held, cat, model, ctx, reqIds } = setup(input, target, budgetUsd, budgetHours);
      const fitBefore = model.fitOf(model.base);
      // prune: credentials that raise fit on their own and whose bundle fits the budget
      const relevant: string[] = [];
      const items = new Set<string>();
      // credibility (issue 20): a credential an equivalent of a higher level beats at no more cost is never planned
      const dominated = input.credibility ? dominatedByCredible(ctx, input.credibility) : new Set<string>();
      for (const cred of cat.byId.values()) {
        if (held.has(cred.id) || !model.coverOf(cred.id) || dominated.has(cred.id)) continue;
        const solo = model.fitWith(model.base, [cred.id]) - fitBefore;
        if (solo <= 1e-12 || solo < o.minGain) continue;
        const bundle = bundleOf(ctx, cred.id, held);
        if (!bundle) continue;
        let m = 0;
        let h = 0;
        for (const b of bundle) {
          m += ctx.money(b);
          h += ctx.hours(b);
        }
        if (m > budgetUsd || h > budgetHours) continue;
        relevant.push(cred.id);
        for (const b of bundle) items.add(b);
      }
      relevant.sort();
      const exact = items.size <= o.exactLimit;
      const strategyPlan = (strategy: PathwayStrategy) => {
        const ids = exact ? exactPlan(ctx, strategy, [...items]) : greedyPlan(ctx, strategy, relevant);
        return ids === null ? null : describePathway(ctx, reqIds, ids, strategy, exact ? 'exact' : 'greedy', !exact);
      };
      const best = strategyPlan('best')!;
      // with target 1: everything that helps (the best plan when a budget limits it); pathway() overrides it otherwise
      const reachableFit = Number.isFinite(budgetUsd) || Number.isFinite(budgetHours) ? best.fitAfter : model.fitWith(model.base, [...items]);
      return {
        roleId: input.role.id,
        candidateId: input.profile.candidateId,
        targetFit: target,
        fitBefore,
        reachableFit,
        best,
        cheapest: strategyPlan('cheapest'),
        fastest: strategyPlan('fastest'),
        considered: items.size,
      };
    }
  }
}
