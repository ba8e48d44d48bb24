import type { FitSignal } from './signal.ts';

/** Bonus for verified evidence: weighted coverage counting verified evidence only, in [0, 1]. */
export const verifiedShare: FitSignal = {
  name: 'verifiedShare',
  defaultWeight: 0.1,
  score: (ctx) => (ctx.requirement.weight * ctx.verifiedCoverage) / ctx.role.totalWeight,
};
