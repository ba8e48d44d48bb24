/**
 * Confidence calibration: a logistic curve on the fused score, p = 1 / (1 + exp(-(a·fused + b))).
 * Default a, b were fit by logistic regression (maximum likelihood) on the Decorte dev sets (tech,
 * house validation; techwolf dev): positives = gold (sentence, skill) pairs, negatives = the other
 * top-10 candidates of each sentence. See `fitLogistic` and bench/linking.ts.
 */
export interface Calibration {
  readonly a: number;
  readonly b: number;
}

export function calibrate(fused: number, c: Calibration): number {
  const z = c.a * fused + c.b;
  return 1 / (1 + Math.exp(-z));
}

/** Fits a, b by gradient descent on the log-loss (deterministic; small data). */
export function fitLogistic(samples: readonly { readonly x: number; readonly y: 0 | 1 }[], iterations = 4000, rate = 0.5): Calibration {
  let a = 1;
  let b = 0;
  const n = samples.length || 1;
  for (let it = 0; it < iterations; it++) {
    let ga = 0;
    let gb = 0;
    for (const s of samples) {
      const p = 1 / (1 + Math.exp(-(a * s.x + b)));
      ga += (p - s.y) * s.x;
      gb += p - s.y;
    }
    a -= (rate * ga) / n;
    b -= (rate * gb) / n;
  }
  return { a, b };
}
