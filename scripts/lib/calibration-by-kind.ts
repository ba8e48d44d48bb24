/**
 * The calibration-per-kind rule shared by scripts/fit-linking-weights.ts and scripts/fit-linking-calibration.ts:
 * which kind of text a training query is, and when a kind keeps its own fit instead of the posting one.
 */
import { fitLogistic, type Calibration } from '../../engine/linking/calibration.ts';
import { TEXT_KINDS, type TextKind } from '../../engine/linking/linking-weights.ts';
import type { TrainLine } from './training-set.ts';

/** The kind of text each training query is linked and calibrated as. */
export const KIND_OF: Readonly<Record<TrainLine['kind'], TextKind>> = { label: 'posting', description: 'posting', posting: 'posting', cv: 'cv', course: 'course' };

/** A kind with fewer samples than this uses the posting calibration. */
export const MIN_CALIBRATION_SAMPLES = 100;

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
