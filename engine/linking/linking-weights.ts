import type { RandomSource } from '../ports/random.ts';
import { seededRandom } from '../ports/random.ts';
import { fitLogistic, type Calibration, type CalibrationSample } from './calibration.ts';
import { integer, integerIn } from '../../taxonomy/model/option-check.ts';
import { checkLinkingOption as check, invalidOption } from './errors.ts';
import type { FusionWeights } from './fusion-weights.ts';
import q8 from './weights/all-MiniLM-L6-v2@q8.embedded.json' with { type: 'json' };
import fp32 from './weights/all-MiniLM-L6-v2@fp32.embedded.json' with { type: 'json' };
import q8Pooled from './weights/all-MiniLM-L6-v2@q8.pooled.json' with { type: 'json' };
import fp32Pooled from './weights/all-MiniLM-L6-v2@fp32.pooled.json' with { type: 'json' };
// The opt-in fine-tuned encoder of scripts/encoder/train.py (SKILLGRAPH_MODEL=all-MiniLM-L6-v2-esco; README "A fine-tuned encoder").
import escoQ8 from './weights/all-MiniLM-L6-v2-esco@q8.embedded.json' with { type: 'json' };
import { FEATURES } from './features.ts';

/**
 * Fitted linking parameters of one embedding model, versioned: fusion weights and the logistic
 * calibration. Stored as `weights/<modelId>.json`; the linker picks the file of its embedder's model id
 * (fp32 and int8 vectors score differently, so each gets its own calibration).
 */
export interface LinkingWeights {
  /** Bumped whenever the fitted numbers change. */
  readonly version: number;
  /** `<model>@<dtype>`, the embedder's `modelId`. */
  readonly modelId: string;
  /** How the phrase vectors the weights were fitted on were made (pooled and embedded phrases score differently). */
  readonly phraseVectors: 'pooled' | 'embedded';
  /** Seed of the fit (sample order / subsample), so a refit reproduces the file. */
  readonly seed: number;
  readonly fittedOn?: string;
  readonly weights: FusionWeights;
  /** The calibration of posting text (and of any kind without its own). */
  readonly calibration: Calibration;
  /** Calibrations fitted per kind of text on the training set (issue 18); a kind not listed uses `calibration`. */
  readonly calibrationByKind?: Readonly<Partial<Record<TextKind, Calibration>>>;
  /** Candidate-search options the weights were fitted with; they become the linker's defaults (an explicit option wins). */
  readonly search?: LinkingSearch;
}

/** The candidate-search options a weights file may carry (issue 18: weights are fitted on one search's candidates). */
export interface LinkingSearch {
  readonly phraseCoarse?: number;
  readonly maxPhraseWords?: number;
  readonly maxPhrases?: number;
  readonly phraseCandidates?: number;
}

/** The kinds of text a linker is calibrated for: job postings, CVs (first-person experience), course records. */
export const TEXT_KINDS = ['posting', 'cv', 'course'] as const;
export type TextKind = (typeof TEXT_KINDS)[number];

/** A stored file as read: features added after it was fitted have weight 0. */
function stored(
  w: Omit<LinkingWeights, 'weights' | 'phraseVectors' | 'calibrationByKind' | 'search'> & { phraseVectors: string; weights: Partial<FusionWeights>; calibrationByKind?: Partial<Record<string, Calibration>>; search?: LinkingSearch },
): LinkingWeights {
  const weights = Object.freeze(Object.fromEntries(FEATURES.map((f) => [f, w.weights[f] ?? 0])) as FusionWeights);
  const byKind = w.calibrationByKind ? Object.freeze(Object.fromEntries(TEXT_KINDS.filter((k) => w.calibrationByKind![k]).map((k) => [k, Object.freeze({ ...w.calibrationByKind![k]! })]))) : undefined;
  return Object.freeze({
    ...w,
    phraseVectors: w.phraseVectors === 'pooled' ? 'pooled' : 'embedded',
    weights,
    calibration: Object.freeze({ ...w.calibration }),
    ...(byKind ? { calibrationByKind: byKind } : {}),
    ...(w.search ? { search: Object.freeze({ ...w.search }) } : {}),
  });
}

const STORED: readonly LinkingWeights[] = [q8Pooled, fp32Pooled, q8, fp32, escoQ8].map(stored);

/** The file name the weights of `modelId` and phrase vectors are stored under (in engine/linking/weights/). */
export const weightsFileName = (modelId: string, phraseVectors: 'pooled' | 'embedded'): string => `${modelId}.${phraseVectors}.json`;

/** The stored weights for `modelId` and phrase vectors (file `weights/<modelId>.<phraseVectors>.json`), or null when none were fitted. */
export function weightsFor(modelId: string, phraseVectors: 'pooled' | 'embedded' = 'pooled', files: readonly LinkingWeights[] = STORED): LinkingWeights | null {
  return files.find((w) => w.modelId === modelId && w.phraseVectors === phraseVectors) ?? null;
}

/** All stored weight files (one per model id). */
export function storedWeights(): readonly LinkingWeights[] {
  return STORED;
}

export interface FitWeightsOptions {
  readonly modelId: string;
  readonly weights: FusionWeights;
  readonly seed: number;
  /** Fit on a seeded random subsample of at most this many samples (default: all). */
  readonly maxSamples?: number;
  /** Version of the result (default 1). */
  readonly version?: number;
  /** Phrase vectors the samples were made with (default 'pooled'). */
  readonly phraseVectors?: 'pooled' | 'embedded';
}

/** Seeded Fisher–Yates shuffle (a copy). */
function shuffled<T>(items: readonly T[], random: RandomSource): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Fits the calibration for `weights` on (fused score, best phrase cosine, gold?) samples. Deterministic:
 * the samples are put in a seeded order (and subsampled with `maxSamples`) before Newton's method, so
 * the same samples and seed give bit-identical numbers.
 */
export function fitLinkingWeights(samples: readonly CalibrationSample[], opts: FitWeightsOptions): LinkingWeights {
  if (typeof opts.modelId !== 'string' || opts.modelId === '') throw invalidOption('modelId', opts.modelId, 'a model id');
  check('seed', opts.seed, integer);
  if (!Array.isArray(samples) || samples.length === 0) throw invalidOption('samples', samples, 'at least one sample');
  const max = check('maxSamples', opts.maxSamples ?? samples.length, integerIn(1));
  const used = shuffled(samples, seededRandom(opts.seed)).slice(0, max);
  const c = fitLogistic(used);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    version: opts.version ?? 1,
    modelId: opts.modelId,
    phraseVectors: opts.phraseVectors ?? 'pooled',
    seed: opts.seed,
    weights: { ...opts.weights },
    calibration: c.c === undefined ? { a: round(c.a), b: round(c.b) } : { a: round(c.a), c: round(c.c), b: round(c.b) },
  };
}
