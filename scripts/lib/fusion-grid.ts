/**
 * The grid the linking fits choose from (scripts/fit-linking-weights.ts, scripts/encoder/two-encoder-fit.ts): training
 * subsets (how much each training query counts), shrinkages (an L2 penalty toward 0 or toward the reference blend at its
 * fitted scale), and one fit of a feature set on the training set plus, for leave-one-set-out, the other dev sets.
 */
import type { FusionSet } from '../../engine/eval/fusion-cv.ts';
import { REFERENCE_BLEND_WEIGHTS } from '../../engine/eval/reference-blend.ts';
import { FEATURES, type Feature } from '../../engine/linking/features.ts';
import { fitFusion, fusedScore, type FusionQuery } from '../../engine/linking/fusion.ts';
import type { FusionWeights } from '../../engine/linking/options.ts';
import type { TrainLine } from './training-set.ts';

/** Training subsets: all kinds, or sentences only (no bare labels or course rows), or masked sentences weighted ×3. */
export const SUBSETS: Record<string, (q: TrainLine & { masked?: boolean }) => number> = {
  'all kinds': () => 1,
  'sentences only': (q) => (q.kind === 'label' || q.kind === 'course' ? 0 : 1),
  'sentences, masked ×3': (q) => (q.kind === 'label' || q.kind === 'course' ? 0 : q.masked ? 3 : 1),
};

export interface Shrinkage {
  readonly l2: number;
  readonly prior?: FusionWeights;
}

/** The reference blend's weights at the scale fitted on `trainQueries` (ranking ignores scale, the softmax does not): the prior to shrink toward. */
export function referenceScale(trainQueries: readonly FusionQuery[]): number {
  return fitFusion(trainQueries.map((q) => ({ relevant: q.relevant, candidates: q.candidates.map((c) => ({ skillId: c.skillId, features: Float32Array.from(FEATURES, (f) => (f === 'sentence' ? fusedScore(REFERENCE_BLEND_WEIGHTS, c.features) : 0)) })) })), { features: ['sentence'] }).sentence;
}

/** The shrinkages of the grid: toward 0, or toward the reference blend at scale `refScale`. */
export function shrinkages(refScale: number): Record<string, Shrinkage> {
  const prior = Object.fromEntries(FEATURES.map((f) => [f, refScale * REFERENCE_BLEND_WEIGHTS[f]])) as FusionWeights;
  return {
    'l2 0.01 toward 0': { l2: 0.01 },
    'l2 0.03 toward reference': { l2: 0.03, prior },
    'l2 0.1 toward reference': { l2: 0.1, prior },
    'l2 0.3 toward reference': { l2: 0.3, prior },
    'l2 1 toward reference': { l2: 1, prior },
  };
}

/**
 * Fits `features` on the training queries (weighted by `subset`) plus every dev set but `held` (none when `held` is
 * null: the training set alone; `dev` sets when `held` is one of them: leave-one-set-out), with shrinkage `shrink`.
 */
export function fitOnFolds(
  data: { readonly train: readonly TrainLine[]; readonly trainQueries: readonly FusionQuery[]; readonly dev: readonly FusionSet[] },
  features: readonly Feature[],
  subset: (q: TrainLine & { masked?: boolean }) => number,
  shrink: Shrinkage,
  held: FusionSet | null,
): FusionWeights {
  const tw = data.train.map((q) => subset(q));
  const extra = data.dev.filter((x) => held !== null && x !== held).flatMap((x) => x.queries);
  return fitFusion([...data.trainQueries, ...extra], { features, l2: shrink.l2, ...(shrink.prior ? { prior: shrink.prior } : {}), queryWeights: [...tw, ...extra.map(() => 1)] });
}
