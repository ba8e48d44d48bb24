/**
 * zero-concentrated differential privacy (Bun & Steinke 2016): the (discrete) Gaussian mechanism with
 * L2 sensitivity Δ and variance σ² is ρ-zCDP with ρ = Δ² / 2σ²; ρ adds up under composition; ρ-zCDP
 * implies (ε, δ)-DP for every δ > 0 with ε = ρ + 2 √(ρ ln(1/δ)).
 */
import { checkPrivacyOption, positive, positiveFinite, probability } from './errors.ts';

/** σ² for ρ-zCDP at squared L2 sensitivity `l2Squared`. */
export function sigma2For(l2Squared: number, rho: number): number {
  checkPrivacyOption('rho', rho, positiveFinite);
  checkPrivacyOption('sensitivity', l2Squared, positive);
  return l2Squared / (2 * rho);
}

/** ε of (ε, δ)-DP implied by ρ-zCDP. */
export function epsilonOf(rho: number, delta: number): number {
  checkPrivacyOption('delta', delta, probability);
  return rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
}
