/**
 * Discrete Laplace and discrete Gaussian samplers (Canonne, Kamath, Steinke, "The Discrete Gaussian for
 * Differential Privacy", NeurIPS 2020, Algorithms 2 and 3), driven by a uniform source in (0, 1).
 * Integer noise for integer counts: no rounding of a continuous sample, no floating-point Laplace
 * (Mironov 2012). The Bernoulli(exp(−γ)) acceptance is a float comparison with a 53-bit uniform,
 * not the exact rational sampler of the paper (documented in docs/SECURITY.md).
 */
import { checkPrivacyOption, positiveFinite } from './errors.ts';

export type Uniform = () => number;

/** Geometric on {0, 1, …} with P(g) = (1 − q) q^g, q = exp(−1/t). */
function geometric(t: number, u: Uniform): number {
  return Math.floor(-t * Math.log(u()));
}

/** Discrete Laplace with scale t > 0: P(y) ∝ exp(−|y| / t), y ∈ ℤ. */
export function sampleDiscreteLaplace(t: number, u: Uniform): number {
  checkPrivacyOption('scale', t, positiveFinite);
  return geometric(t, u) - geometric(t, u);
}

/** Discrete Gaussian with variance parameter σ² > 0: P(y) ∝ exp(−y² / 2σ²), y ∈ ℤ. */
export function sampleDiscreteGaussian(sigma2: number, u: Uniform): number {
  checkPrivacyOption('sigma2', sigma2, positiveFinite);
  const t = Math.floor(Math.sqrt(sigma2)) + 1;
  for (;;) {
    const y = sampleDiscreteLaplace(t, u);
    const d = Math.abs(y) - sigma2 / t;
    if (u() < Math.exp(-(d * d) / (2 * sigma2))) return y;
  }
}

/** The exact probability mass of the discrete Gaussian at y (for tests). */
export function discreteGaussianPmf(sigma2: number, y: number): number {
  const bound = Math.ceil(Math.sqrt(sigma2) * 40) + 10;
  let z = 0;
  for (let k = -bound; k <= bound; k++) z += Math.exp(-(k * k) / (2 * sigma2));
  return Math.exp(-(y * y) / (2 * sigma2)) / z;
}
