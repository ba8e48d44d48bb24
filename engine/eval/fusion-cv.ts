import { fitFusion, fusedScore, type FitFusionOptions, type FusionQuery } from '../linking/fusion.ts';
import type { FusionWeights } from '../linking/fusion-weights.ts';
import { seededRandom } from '../ports/random.ts';
import { integer, integerIn } from '../../taxonomy/model/option-check.ts';
import { checkEvalOption as check } from './errors.ts';
import { mean, reciprocalRank, rPrecisionAtK } from './metrics.ts';

/** A benchmark's queries with their candidates' features (from `Linker.candidateFeatures`). */
export interface FusionSet {
  readonly name: string;
  readonly queries: readonly FusionQuery[];
}

export interface RankMetrics {
  readonly rp1: number;
  readonly rp5: number;
  readonly rp10: number;
  readonly mrr: number;
}

/** Candidate skill ids ranked by Σ weight·feature (ties: skill id). Gold outside the candidates is never ranked. */
export function rankByFusion(q: FusionQuery, weights: FusionWeights): string[] {
  return q.candidates
    .map((c) => ({ id: c.skillId, s: fusedScore(weights, c.features) }))
    .sort((a, b) => b.s - a.s || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => c.id);
}

/** RP@1/5/10 and MRR of `weights` over queries (as `evalLinking`). */
export function fusionMetrics(queries: readonly FusionQuery[], weights: FusionWeights): RankMetrics {
  const ranked = queries.map((q) => ({ r: rankByFusion(q, weights), rel: q.relevant }));
  return {
    rp1: mean(ranked.map((x) => rPrecisionAtK(x.r, x.rel, 1))),
    rp5: mean(ranked.map((x) => rPrecisionAtK(x.r, x.rel, 5))),
    rp10: mean(ranked.map((x) => rPrecisionAtK(x.r, x.rel, 10))),
    mrr: mean(ranked.map((x) => reciprocalRank(x.r, x.rel))),
  };
}

export interface CrossValidation {
  /** Per fold: the weights fitted without it and the metrics on it, per set. */
  readonly folds: readonly { readonly weights: FusionWeights; readonly bySet: Readonly<Record<string, RankMetrics>> }[];
  /** Mean and standard deviation over folds, per set. */
  readonly mean: Readonly<Record<string, RankMetrics>>;
  readonly sd: Readonly<Record<string, RankMetrics>>;
}

const KEYS = ['rp1', 'rp5', 'rp10', 'mrr'] as const;

function summarise(rows: readonly RankMetrics[]): { mean: RankMetrics; sd: RankMetrics } {
  const m = Object.fromEntries(KEYS.map((k) => [k, mean(rows.map((r) => r[k]))])) as unknown as RankMetrics;
  const sd = Object.fromEntries(KEYS.map((k) => [k, Math.sqrt(mean(rows.map((r) => (r[k] - m[k]) ** 2)))])) as unknown as RankMetrics;
  return { mean: m, sd };
}

/**
 * k-fold cross-validation of `fitFusion` over queries: each set's queries are dealt into `folds` folds
 * in a seeded order (so every fold holds a share of every set); for each fold the weights are fitted on
 * the other folds of ALL sets and scored on this fold per set. Deterministic for a seed.
 */
export function crossValidateFusion(sets: readonly FusionSet[], opts: FitFusionOptions & { readonly folds?: number; readonly seed: number }): CrossValidation {
  const k = check('folds', opts.folds ?? 5, integerIn(2));
  check('seed', opts.seed, integer);
  const random = seededRandom(opts.seed);
  const foldOf = sets.map((s) => {
    const order = s.queries.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const f = new Int32Array(s.queries.length);
    order.forEach((q, pos) => (f[q] = pos % k));
    return f;
  });
  const folds = Array.from({ length: k }, (_, fold) => {
    const train = sets.flatMap((s, si) => s.queries.filter((_, q) => foldOf[si]![q] !== fold));
    const weights = fitFusion(train, opts);
    const bySet = Object.fromEntries(sets.map((s, si) => [s.name, fusionMetrics(s.queries.filter((_, q) => foldOf[si]![q] === fold), weights)]));
    return { weights, bySet };
  });
  const per = sets.map((s) => [s.name, summarise(folds.map((f) => f.bySet[s.name]!))] as const);
  return { folds, mean: Object.fromEntries(per.map(([n, x]) => [n, x.mean])), sd: Object.fromEntries(per.map(([n, x]) => [n, x.sd])) };
}

/** Fits on all sets but one and scores that one, for each set: how the weights carry to a benchmark they never saw. */
export function leaveOneSetOut(sets: readonly FusionSet[], opts: FitFusionOptions = {}): Readonly<Record<string, RankMetrics>> {
  return Object.fromEntries(sets.map((s) => [s.name, fusionMetrics(s.queries, fitFusion(sets.filter((x) => x !== s).flatMap((x) => x.queries), opts))]));
}
