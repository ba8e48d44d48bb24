/**
 * Evidence confidence = verification weight × issuer trust × recency × link confidence (DESIGN.md §4).
 * Pure functions; every factor is kept so the profile can explain itself.
 */
import type { Award, VerificationStatus } from '../../taxonomy/model/types.ts';
import type { ResolvedProfileOptions } from './types.ts';

export const MS_PER_YEAR = 365.25 * 24 * 60 * 60 * 1000;

/** Halves every `halfLifeYears` from issue to `now`; 1 for future dates and for an infinite half-life. */
export function recencyFactor(issuedOnMs: number, nowMs: number, halfLifeYears: number): number {
  if (!Number.isFinite(halfLifeYears)) return 1;
  const ageYears = Math.max(0, nowMs - issuedOnMs) / MS_PER_YEAR;
  return 0.5 ** (ageYears / halfLifeYears);
}

/** The award's status at `now`: past `expiresOn` counts as 'expired' unless it is already 'invalid'. */
export function statusAt(award: Award, expiresOnMs: number | null, nowMs: number): VerificationStatus {
  if (award.verification === 'invalid') return 'invalid';
  if (expiresOnMs !== null && expiresOnMs < nowMs) return 'expired';
  return award.verification;
}

export interface AwardFactors {
  readonly verification: number;
  readonly issuerTrust: number;
  readonly recency: number;
  readonly linkConfidence: number;
}

/**
 * Factors of award evidence. An expired award takes the expired weight and no further recency decay
 * (its age is already what expired it); every other status decays from `issuedOn`.
 */
export function awardFactors(
  status: VerificationStatus,
  issuerId: string,
  issuedOnMs: number,
  nowMs: number,
  linkConfidence: number,
  options: ResolvedProfileOptions,
): AwardFactors {
  return {
    verification: options.verificationWeights[status],
    issuerTrust: options.issuerTrust[issuerId] ?? options.defaultIssuerTrust,
    recency: status === 'expired' ? 1 : recencyFactor(issuedOnMs, nowMs, options.halfLifeYears),
    linkConfidence,
  };
}

/** Factors of self-stated evidence (claims, experience): self-claimed weight, no issuer, no date. */
export function selfStatedFactors(linkConfidence: number, options: ResolvedProfileOptions): AwardFactors {
  return { verification: options.verificationWeights['self-claimed'], issuerTrust: 1, recency: 1, linkConfidence };
}

export function confidenceOf(factors: AwardFactors): number {
  const product = factors.verification * factors.issuerTrust * factors.recency * factors.linkConfidence;
  return Math.min(1, Math.max(0, product));
}
