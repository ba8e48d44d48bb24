/**
 * Confidence calibration: logistic regression on two features of a (segment, skill) pair,
 *   p = 1 / (1 + exp(-(a·fused + c·phrase + b)))
 * where `fused` is the fused score and `phrase` the best candidate-phrase cosine to the skill's labels
 * (a clear mention of a label makes `phrase` ≈ 1 whatever the rest of the sentence says).
 * Defaults were fit (maximum likelihood, `fitLogistic`) on the Decorte dev sets: positives = gold
 * (sentence, skill) pairs, negatives = the other top-10 candidates of each sentence; see bench/linking.ts.
 */
export interface Calibration {
  readonly a: number;
  readonly b: number;
  /** Weight of the best phrase cosine (0 = one-feature calibration on the fused score). */
  readonly c?: number;
}

export function calibrate(fused: number, c: Calibration, phrase = 0): number {
  const z = c.a * fused + (c.c ?? 0) * phrase + c.b;
  return 1 / (1 + Math.exp(-z));
}

export interface CalibrationSample {
  readonly x: number;
  /** Best phrase cosine (optional second feature). */
  readonly x2?: number;
  readonly y: 0 | 1;
}

/** Fits (a, c, b) by maximum likelihood: Newton's method on the log-loss (3×3, deterministic). */
export function fitLogistic(samples: readonly CalibrationSample[], iterations = 60): Calibration {
  const two = samples.some((s) => s.x2 !== undefined);
  let w = [0, 0, 0]; // a, c, b
  for (let it = 0; it < iterations; it++) {
    const g = [0, 0, 0];
    const h = [
      [1e-6, 0, 0],
      [0, 1e-6, 0],
      [0, 0, 1e-6],
    ];
    for (const s of samples) {
      const f = [s.x, two ? (s.x2 ?? 0) : 0, 1];
      const p = 1 / (1 + Math.exp(-(w[0]! * f[0]! + w[1]! * f[1]! + w[2]!)));
      const q = p * (1 - p);
      for (let i = 0; i < 3; i++) {
        g[i] = g[i]! + (p - s.y) * f[i]!;
        for (let j = 0; j < 3; j++) h[i]![j] = h[i]![j]! + q * f[i]! * f[j]!;
      }
    }
    const step = solve3(h, g);
    if (!step) break;
    w = w.map((v, i) => v - step[i]!);
    if (step.reduce((s, v) => s + Math.abs(v), 0) < 1e-10) break;
  }
  return two ? { a: w[0]!, b: w[2]!, c: w[1]! } : { a: w[0]!, b: w[2]! };
}

/** Solves H·x = g for a 3×3 system (Gaussian elimination with partial pivoting). */
function solve3(h: number[][], g: number[]): number[] | null {
  const m = h.map((row, i) => [...row, g[i]!]);
  for (let c = 0; c < 3; c++) {
    let p = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    if (Math.abs(m[p]![c]!) < 1e-12) return null;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const k = m[r]![c]! / m[c]![c]!;
      for (let j = c; j < 4; j++) m[r]![j] = m[r]![j]! - k * m[c]![j]!;
    }
  }
  return [0, 1, 2].map((i) => m[i]![3]! / m[i]![i]!);
}
