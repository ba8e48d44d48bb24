/**
 * zero-concentrated differential privacy (Bun & Steinke 2016): the (discrete) Gaussian mechanism with
 * L2 sensitivity Δ and variance σ² is ρ-zCDP with ρ = Δ² / 2σ²; ρ adds up under composition; ρ-zCDP
 * implies (ε, δ)-DP for every δ > 0 with ε = ρ + 2 √(ρ ln(1/δ)).
 */
import { PrivacyError, PrivacyErrorCode } from './errors.ts';

/** σ² for ρ-zCDP at squared L2 sensitivity `l2Squared`. */
export function sigma2For(l2Squared: number, rho: number): number {
  if (!(rho > 0) || !Number.isFinite(rho)) throw new PrivacyError(PrivacyErrorCode.InvalidOption, `invalid rho: ${rho}`);
  if (!(l2Squared > 0)) throw new PrivacyError(PrivacyErrorCode.InvalidOption, `invalid sensitivity: ${l2Squared}`);
  return l2Squared / (2 * rho);
}

/** ε of (ε, δ)-DP implied by ρ-zCDP. */
export function epsilonOf(rho: number, delta: number): number {
  if (!(delta > 0 && delta < 1)) throw new PrivacyError(PrivacyErrorCode.InvalidOption, `invalid delta: ${delta}`);
  return rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
}
