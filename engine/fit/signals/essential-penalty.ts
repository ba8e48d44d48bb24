import type { FitSignal } from './signal.ts';

/**
 * Missing essentials: −(weight of essential requirements covered below `essentialThreshold`) /
 * (weight of all essentials), in [−1, 0]; 0 when the role has no essentials.
 */
export const essentialPenalty: FitSignal = {
  name: 'essentialPenalty',
  defaultWeight: 0.5,
  score: (ctx) =>
    ctx.requirement.essential && ctx.coverage < ctx.role.essentialThreshold ? -ctx.requirement.weight / ctx.role.essentialWeight : 0,
};
