import type { Credential } from '../../taxonomy/model/types.ts';
import type { CatalogueIndex } from './catalogue.ts';
import type { GainModel } from './gain-model.ts';
import type { ResolvedRecommendOptions } from './options.ts';
import type { PathwayStrategy } from './types.ts';

/** Everything a planner needs for one (candidate, role, catalogue, budget). */
export interface PlanContext {
  readonly model: GainModel;
  readonly cat: CatalogueIndex;
  readonly held: ReadonlySet<string>;
  readonly o: ResolvedRecommendOptions;
  readonly target: number;
  readonly budgetUsd: number;
  readonly budgetHours: number;
  money(id: string): number;
  hours(id: string): number;
  /** Combined cost units (not floored). */
  units(id: string): number;
  /** What a strategy minimises per unit of gain. */
  strategyCost(strategy: PathwayStrategy, money: number, hours: number): number;
  /** min(fit, target). */
  capped(fit: number): number;
}

export function makePlanContext(
  model: GainModel,
  cat: CatalogueIndex,
  held: ReadonlySet<string>,
  o: ResolvedRecommendOptions,
  target: number,
  budgetUsd: number,
  budgetHours: number,
): PlanContext {
  const cred = (id: string): Credential => cat.byId.get(id)!;
  const unknownCost = o.unknownCost === 'median' ? cat.medianCost : o.unknownCost;
  const unknownHours = o.unknownHours === 'median' ? cat.medianHours : o.unknownHours;
  const money = (id: string): number => cred(id).cost ?? unknownCost;
  const hours = (id: string): number => cred(id).hours ?? unknownHours;
  return {
    model,
    cat,
    held,
    o,
    target,
    budgetUsd,
    budgetHours,
    money,
    hours,
    units: (id) => o.moneyWeight * money(id) + o.hourWeight * hours(id),
    strategyCost(strategy, m, h) {
      if (strategy === 'cheapest') return Math.max(m + 1e-6 * h, 1e-9);
      if (strategy === 'fastest') return Math.max(h + 1e-6 * m, 1e-9);
      return Math.max(o.moneyWeight * m + o.hourWeight * h, o.minCost);
    },
    capped: (fit) => Math.min(fit, target),
  };
}
