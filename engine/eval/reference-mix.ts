import { numberIn } from '../../taxonomy/model/option-check.ts';
import { checkLinkingOption as check, invalidOption } from '../linking/errors.ts';
import { FEATURES } from '../linking/features.ts';
import type { FusionWeights } from '../linking/fusion-weights.ts';

/** The three signals the unfitted reference blend weighs 1/3 each (engine/eval/reference-blend.ts). */
export const REFERENCE_CORE = ['sentence', 'phrase', 'lexical'] as const;

/** Mixing weights tried by scripts/fit-linking-mix.ts (0 = learned weights alone, 1 = the reference blend). */
export const MIX_GRID: readonly number[] = Object.freeze([0, 0.25, 0.5, 0.75, 1]);

/**
 * Issue 18: the learned weights mixed with the unfitted reference blend (lexical + sentence + phrase,
 * 1/3 each). Both fused scores are linear in the same features, so the mix is one weight vector:
 *   (1 − α) · learned / S + α · reference,   S = learned.sentence + learned.phrase + learned.lexical,
 * i.e. the learned weights are first put on the reference's scale (its three core weights sum to 1, as the
 * reference's do). The reference part is not fitted on anything, so it carries to unseen text as it is; α
 * is the only number fitted (by leave-one-set-out). Throws on α outside [0, 1] or learned core weights
 * that do not sum to a positive number.
 */
export function mixWeights(learned: FusionWeights, alpha: number): FusionWeights {
  const a = check('alpha', alpha, numberIn(0, 1));
  const scale = REFERENCE_CORE.reduce((s, f) => s + (learned[f] ?? 0), 0);
  if (!(scale > 0) || !Number.isFinite(scale)) throw invalidOption('learned', `core weights summing to ${scale}`, 'sentence + phrase + lexical weights summing to a positive number');
  const ref = (f: string) => ((REFERENCE_CORE as readonly string[]).includes(f) ? 1 / 3 : 0);
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return Object.freeze(Object.fromEntries(FEATURES.map((f) => [f, round(((1 - a) * (learned[f] ?? 0)) / scale + a * ref(f))])) as FusionWeights);
}
