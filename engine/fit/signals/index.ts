import { coverage } from './coverage.ts';
import { essentialPenalty } from './essential-penalty.ts';
import type { FitSignal } from './signal.ts';
import { verifiedShare } from './verified-share.ts';

export type { FitSignal, RequirementContext, RoleContext } from './signal.ts';

/** The signal registry: one line per signal. The fit score is Σ weight × signal. */
export const SIGNALS: Readonly<Record<string, FitSignal>> = Object.freeze({
  [coverage.name]: coverage,
  [essentialPenalty.name]: essentialPenalty,
  [verifiedShare.name]: verifiedShare,
});
