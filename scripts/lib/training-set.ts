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
