import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEXT_KINDS, type TextKind } from '../../engine/linking/linking-weights.ts';
import { fitCalibrations, MIN_CALIBRATION_SAMPLES, writeWeightsFile, type RankBest } from './calibration-by-kind.ts';
import type { TrainLine } from './training-set.ts';

/**
 * A small deterministic ranker per kind (the real linkers run in scripts/fit-linking-*.ts): the query's gold skill at a
 * score that grows with the query number, a wrong one below it, so each kind gets a separating fit; which kind's ranker
 * saw which query is recorded.
 */
const queries = (kind: TrainLine['kind'], n: number): TrainLine[] => Array.from({ length: n }, (_, i) => ({ kind, masked: false, text: `${kind} ${i}`, skills: [`gold-${kind}-${i}`] }));
function rankers(seen: Record<TextKind, string[]>, slope: Record<TextKind, number>): (kind: TextKind) => RankBest {
  return (kind) => async (text) => {
    seen[kind].push(text);
    const i = Number(text.split(' ')[1]);
    // Every third query's best candidate is wrong; the score separates right from wrong by the kind's slope.
    const right = i % 3 !== 0;
    return { skillId: right ? `gold-${text.split(' ')[0]}-${i}` : 'wrong', score: 5 + (right ? slope[kind] : 0) + (i % 7) * 0.5 };
  };
}

describe('fitCalibrations (the calibration per kind both fitting scripts write)', () => {
  it("samples each kind's queries with that kind's linker, at most perKind of them, and fits every kind", async () => {
    const train = [...queries('posting', 300), ...queries('label', 100), ...queries('cv', 250), ...queries('course', 40)];
    const seen: Record<TextKind, string[]> = { posting: [], cv: [], course: [] };
    const fit = await fitCalibrations(train, rankers(seen, { posting: 1, cv: 2, course: 1 }), { perKind: 200, seed: 18 });
    // Labels are posting text; each kind's linker saw only its own queries, a subsample of at most perKind.
    expect(seen.posting.length).toBe(200);
    expect(seen.posting.every((t) => t.startsWith('posting ') || t.startsWith('label '))).toBe(true);
    expect(seen.cv.length).toBe(200);
    expect(seen.cv.every((t) => t.startsWith('cv '))).toBe(true);
    expect(seen.course.length).toBe(40);
    expect(fit.queries).toEqual({ posting: 400, cv: 250, course: 40 });
    // Every kind has a calibration: cv its own (enough samples), course the posting one (under the minimum).
    expect(Object.keys(fit.byKind).sort()).toEqual([...TEXT_KINDS].sort());
    expect(fit.byKind.posting).toEqual(fit.posting);
    expect(fit.byKind.cv).not.toEqual(fit.posting);
    expect(fit.samples.course.length).toBeLessThan(MIN_CALIBRATION_SAMPLES);
    expect(fit.byKind.course).toBe(fit.posting);
    // The fits separate: a right best candidate gets a higher confidence than a wrong one.
    expect(fit.posting.a).toBeGreaterThan(0);
    expect(fit.byKind.cv.a).toBeGreaterThan(0);
    // Deterministic for the same inputs and seed.
    const again = await fitCalibrations(train, rankers({ posting: [], cv: [], course: [] }, { posting: 1, cv: 2, course: 1 }), { perKind: 200, seed: 18 });
    expect(again.byKind).toEqual(fit.byKind);
  });
});

describe('writeWeightsFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sg-weights-'));
  const calibration = { a: 0.6, b: -6 };

  it('writes a file that carries a calibration for every kind of text', async () => {
    const fit = await fitCalibrations([...queries('posting', 150), ...queries('cv', 150)], rankers({ posting: [], cv: [], course: [] }, { posting: 1, cv: 2, course: 1 }));
    const file = join(dir, 'w.json');
    writeWeightsFile(file, { version: 1, modelId: 'm@q8', calibration: fit.posting, calibrationByKind: fit.byKind, weights: {} });
    const written = JSON.parse(readFileSync(file, 'utf8')) as { calibration: unknown; calibrationByKind: Record<string, unknown> };
    expect(Object.keys(written.calibrationByKind).sort()).toEqual([...TEXT_KINDS].sort());
    expect(written.calibrationByKind['cv']).toEqual(fit.byKind.cv);
    expect(written.calibration).toEqual(fit.posting);
  });

  it('refuses a file without a calibration for some kind', () => {
    expect(() => writeWeightsFile(join(dir, 'x.json'), { version: 1, calibration, calibrationByKind: { posting: calibration, cv: calibration } as never })).toThrow(/no calibration for course/);
  });
});
