/** The linking training set as scripts/build-linking-trainset.ts writes it (one JSON object a line), and its seeded subsample. */
import { readFileSync } from 'node:fs';
import { seededRandom } from '../../engine/ports/random.ts';

export interface TrainLine {
  readonly kind: 'label' | 'description' | 'posting' | 'cv' | 'course';
  readonly masked: boolean;
  readonly text: string;
  readonly skills: readonly string[];
}

export function readTrainingSet(file: string): TrainLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as TrainLine);
}

/**
 * Indices of a seeded subsample of `n` of `length` items (the first `n` of a Fisher–Yates shuffle), ascending: the
 * fusion weights' training queries (fit-linking-weights), which the adapter leaves out and the dev analysis replays.
 */
export function subsampleIndices(length: number, n: number, seed: number): number[] {
  const random = seededRandom(seed);
  const order = Array.from({ length }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, n).sort((a, b) => a - b);
}

/** What a fit's cached files depend on: the model (its id, `<folder>@<dtype>`), the phrase vectors, the candidate search, the training set and its subsample. */
export interface FitCacheKey {
  readonly modelId: string;
  readonly phraseVectors: 'pooled' | 'embedded';
  /** '' for the linker's default search, else `-<search>` (and `-adapter-<hash>` with a linear adapter). */
  readonly searchTag: string;
  /** sha256 (hex) of the training set file. */
  readonly trainHash: string;
  readonly maxTrain: number;
  readonly seed: number;
}

/**
 * The git-ignored files of scripts/fit-linking-weights.ts: `features` (the collected candidates and features) and
 * `weights` (the kept choice's weights and its leave-one-set-out folds), keyed by model id so another model (another
 * folder under $SKILLGRAPH_MODELS, or another dtype) never reads the shipped model's features. scripts/cross-encoder/data.py
 * builds the same names.
 */
export function fitCacheFile(kind: 'features' | 'weights', k: FitCacheKey, dir = '.cache/linking-train'): string {
  const model = k.modelId.replace(/[^A-Za-z0-9@._-]+/g, '_');
  return `${dir}/${kind}-${model}-${k.phraseVectors}${k.searchTag}-${k.trainHash.slice(0, 12)}-${k.maxTrain}-${k.seed}.json`;
}
