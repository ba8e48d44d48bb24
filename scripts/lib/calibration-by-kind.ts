/**
 * The calibration per kind of text, in one place for scripts/fit-linking-weights.ts and scripts/fit-linking-calibration.ts:
 * which kind of text a training query is, which queries are sampled, how each kind is linked, when a kind keeps its own
 * fit instead of the posting one, and how the weights file carries the result — so either script writes the same
 * calibrations for the same fusion weights.
 */
import { writeFileSync } from 'node:fs';
import { fitLogistic, type Calibration } from '../../engine/linking/calibration.ts';
import { TEXT_KINDS, type TextKind } from '../../engine/linking/linking-weights.ts';
import { subsampleIndices, type TrainLine } from './training-set.ts';

/** The kind of text each training query is linked and calibrated as. */
export const KIND_OF: Readonly<Record<TrainLine['kind'], TextKind>> = { label: 'posting', description: 'posting', posting: 'posting', cv: 'cv', course: 'course' };

/** A kind with fewer samples than this uses the posting calibration. */
export const MIN_CALIBRATION_SAMPLES = 100;

/** Training queries per kind in the calibration samples (seeded subsample), and the subsample's seed. */
export const CALIBRATION_PER_KIND = 400;
export const CALIBRATION_SEED = 18;

/** A calibration to three decimals, as the weights files carry it. */
export const roundCalibration = (c: Calibration): Calibration => ({ a: Math.round(c.a * 1000) / 1000, b: Math.round(c.b * 1000) / 1000 });

export type CalibrationSamples = Record<TextKind, { x: number; y: 0 | 1 }[]>;

/**
 * Per kind, its own fit when it has the samples and its slope separates (at least half the posting one: a flat fit
 * would pass every candidate or none), else `posting` itself.
 */
export function calibrationsByKind(samples: CalibrationSamples, posting: Calibration): Record<TextKind, Calibration> {
  const own = (k: TextKind): Calibration | null => {
    if (k === 'posting' || samples[k].length < MIN_CALIBRATION_SAMPLES) return null;
    const c = roundCalibration(fitLogistic(samples[k]));
    return c.a >= 0.5 * posting.a ? c : null;
  };
  return Object.fromEntries(TEXT_KINDS.map((k) => [k, own(k) ?? posting])) as Record<TextKind, Calibration>;
}

/** The best-ranked skill of a text (`Linker.rankSkills(text, 1)[0]`), as a linker of one kind of text ranks it. */
export type RankBest = (text: string) => Promise<{ readonly skillId: string; readonly score: number } | undefined>;

export interface CalibrationFit {
  /** The posting calibration (the file's `calibration`) and every kind's (`calibrationByKind`). */
  readonly posting: Calibration;
  readonly byKind: Record<TextKind, Calibration>;
  readonly samples: CalibrationSamples;
  /** Training queries of each kind (before the subsample). */
  readonly queries: Record<TextKind, number>;
}

/**
 * Fits the calibration of every kind: a seeded subsample of at most `perKind` training queries of each kind, each
 * linked by `rankBest(kind)` — the linker of that kind of text, as the product links it (textKind; CV reads inflected
 * verbs in base form) — and its best candidate a sample (fused score, gold or not): "is the sentence's best link
 * right" is what the link threshold asks. Deterministic for the same training set, linkers and seed.
 */
export async function fitCalibrations(
  train: readonly TrainLine[],
  rankBest: (kind: TextKind) => RankBest,
  opts: { readonly perKind?: number; readonly seed?: number; readonly onKind?: (kind: TextKind, samples: number, queries: number) => void } = {},
): Promise<CalibrationFit> {
  const perKind = opts.perKind ?? CALIBRATION_PER_KIND;
  const seed = opts.seed ?? CALIBRATION_SEED;
  const samples: CalibrationSamples = { posting: [], cv: [], course: [] };
  const queries = { posting: 0, cv: 0, course: 0 };
  for (const kind of TEXT_KINDS) {
    const rank = rankBest(kind);
    const ofKind = train.filter((q) => KIND_OF[q.kind] === kind);
    queries[kind] = ofKind.length;
    for (const i of subsampleIndices(ofKind.length, Math.min(perKind, ofKind.length), seed)) {
      const q = ofKind[i]!;
      const best = await rank(q.text);
      if (best) samples[kind].push({ x: best.score, y: q.skills.includes(best.skillId) ? 1 : 0 });
    }
    opts.onKind?.(kind, samples[kind].length, ofKind.length);
  }
  const posting = roundCalibration(fitLogistic(samples.posting));
  return { posting, byKind: calibrationsByKind(samples, posting), samples, queries };
}

/** How `fitCalibrations` was run, for a weights file's `fittedOn`. */
export function calibrationNote(fit: CalibrationFit, trainHash: string, trainQueries: number, opts: { readonly perKind?: number; readonly seed?: number } = {}): string {
  return `calibration per kind of text fitted on the training set alone, train.jsonl sha256 ${trainHash.slice(0, 16)} (${trainQueries} queries): each kind linked as the product links it (textKind), seeded subsample of ≤ ${opts.perKind ?? CALIBRATION_PER_KIND} queries per kind (seed ${opts.seed ?? CALIBRATION_SEED}; ${TEXT_KINDS.map((k) => `${k} ${fit.samples[k].length}`).join(', ')} samples), each query's best candidate (a kind with < ${MIN_CALIBRATION_SAMPLES} samples or a flat fit uses the posting one)`;
}

/** A weights file as the fitting scripts write it: every kind's calibration is in it. */
export interface WeightsFileContent {
  readonly version: number;
  readonly calibration: Calibration;
  readonly calibrationByKind: Readonly<Record<TextKind, Calibration>>;
  readonly [field: string]: unknown;
}

/** Writes a weights file; refuses one without a calibration for every kind of text (the linker would fall back to the posting one unnoticed). */
export function writeWeightsFile(file: string, content: WeightsFileContent): void {
  const missing = TEXT_KINDS.filter((k) => !content.calibrationByKind?.[k]);
  if (missing.length > 0) throw new Error(`weights file ${file}: no calibration for ${missing.join(', ')}`);
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
}
