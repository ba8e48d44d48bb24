import type { FitSignal } from './signal.ts';

/** Weighted coverage: Σ w_j coverage_j / Σ w_j, in [0, 1] (DESIGN.md §4 fit). */
export const coverage: FitSignal = {
  name: 'coverage',
  defaultWeight: 1,
  score: (ctx) => (ctx.requirement.weight * ctx.coverage) / ctx.role.totalWeight,
};
