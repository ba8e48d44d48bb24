/** The Decorte dev sets the linking fits select and report on (issue 18), and the training subsample the fusion fits draw. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { LinkingRow } from '../../engine/eval/eval-linking.ts';
import { sharedPath } from '../../taxonomy/loaders/shared-path.ts';
import { subsampleIndices } from './training-set.ts';

/** File stems under ../shared/datasets/skill-extraction-benchmark-decorte, in the order every fit and features file uses. */
export const DEV_SET_FILES = ['tech_validation_annotations', 'house_validation_annotations', 'techwolf_dev_annotations'] as const;

export interface DevSet {
  /** Its file stem (DEV_SET_FILES). */
  readonly file: string;
  /** tech, house or techwolf. */
  readonly name: string;
  readonly rows: LinkingRow[];
}

/** The three dev sets' rows, in DEV_SET_FILES order. */
export function readDevSets(): DevSet[] {
  return DEV_SET_FILES.map((file) => ({
    file,
    name: file.split('_')[0]!,
    rows: parse(readFileSync(sharedPath('datasets', 'skill-extraction-benchmark-decorte', `${file}.csv`), 'utf8'), { columns: true }) as LinkingRow[],
  }));
}

/** The training queries a fit uses: the seeded subsample of `maxTrain` (subsampleIndices), or all when `maxTrain` is 0 or not smaller. */
export function fusionSubsample<T>(all: readonly T[], maxTrain: number, seed: number): T[] {
  return maxTrain > 0 && all.length > maxTrain ? subsampleIndices(all.length, maxTrain, seed).map((i) => all[i]!) : [...all];
}
