/**
 * Profile options: defaults and the one check at the factory (`invalid <option>: <value>`).
 */
import type { VerificationStatus } from '../../taxonomy/model/types.ts';
import { ProfileError, ProfileErrorCode } from './errors.ts';
import type { ProfileOptions, ResolvedProfileOptions, VerificationWeights } from './types.ts';

/**
 * How much each verification status is worth. verified 1.0 > hosted-verified 0.9 > unverified 0.6
 * > unverifiable 0.5 (checked, but could not be: no proof, unknown context or key) > self-claimed 0.35
 * > expired 0.2 > invalid 0.
 */
export const DEFAULT_VERIFICATION_WEIGHTS: VerificationWeights = Object.freeze({
  verified: 1,
  'hosted-verified': 0.9,
  unverified: 0.6,
  unverifiable: 0.5,
  'self-claimed': 0.35,
  expired: 0.2,
  invalid: 0,
});

export const VERIFICATION_STATUSES = Object.keys(DEFAULT_VERIFICATION_WEIGHTS) as readonly VerificationStatus[];

export const DEFAULT_PROFILE_OPTIONS: ResolvedProfileOptions = Object.freeze({
  verificationWeights: DEFAULT_VERIFICATION_WEIGHTS,
  issuerTrust: Object.freeze({}),
  defaultIssuerTrust: 1,
  halfLifeYears: 5,
  combine: 'noisy-or',
});

const KNOWN = new Set(['verificationWeights', 'issuerTrust', 'defaultIssuerTrust', 'halfLifeYears', 'combine']);

function show(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function invalid(option: string, value: unknown, why: string): ProfileError {
  return new ProfileError(ProfileErrorCode.InvalidOption, option, `invalid ${option}: ${show(value)} (${why})`);
}

function unitInterval(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) throw invalid(option, value, 'expected a number in [0, 1]');
  return value;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks options once and fills in defaults. Throws `ProfileError` INVALID_OPTION. */
export function resolveProfileOptions(opts: ProfileOptions = {}): ResolvedProfileOptions {
  if (!isRecord(opts)) throw invalid('options', opts, 'expected an object');
  for (const key of Object.keys(opts)) if (!KNOWN.has(key)) throw invalid(key, (opts as Record<string, unknown>)[key], 'unknown option');

  const weights: Record<string, number> = { ...DEFAULT_VERIFICATION_WEIGHTS };
  if (opts.verificationWeights !== undefined) {
    if (!isRecord(opts.verificationWeights)) throw invalid('verificationWeights', opts.verificationWeights, 'expected an object');
    for (const [status, value] of Object.entries(opts.verificationWeights)) {
      if (!(status in DEFAULT_VERIFICATION_WEIGHTS)) throw invalid(`verificationWeights.${status}`, value, 'unknown verification status');
      weights[status] = unitInterval(`verificationWeights.${status}`, value);
    }
  }

  const trust: Record<string, number> = {};
  if (opts.issuerTrust !== undefined) {
    if (!isRecord(opts.issuerTrust)) throw invalid('issuerTrust', opts.issuerTrust, 'expected an object of issuer id -> trust');
    for (const [issuer, value] of Object.entries(opts.issuerTrust)) trust[issuer] = unitInterval(`issuerTrust[${JSON.stringify(issuer)}]`, value);
  }

  const defaultIssuerTrust = opts.defaultIssuerTrust === undefined ? 1 : unitInterval('defaultIssuerTrust', opts.defaultIssuerTrust);

  const halfLifeYears = opts.halfLifeYears ?? DEFAULT_PROFILE_OPTIONS.halfLifeYears;
  if (typeof halfLifeYears !== 'number' || Number.isNaN(halfLifeYears) || halfLifeYears <= 0) {
    throw invalid('halfLifeYears', halfLifeYears, 'expected a number > 0, or Infinity for no decay');
  }

  const combine = opts.combine ?? DEFAULT_PROFILE_OPTIONS.combine;
  if (combine !== 'noisy-or' && combine !== 'max') throw invalid('combine', combine, "expected 'noisy-or' or 'max'");

  return Object.freeze({
    verificationWeights: Object.freeze(weights) as VerificationWeights,
    issuerTrust: Object.freeze(trust),
    defaultIssuerTrust,
    halfLifeYears,
    combine,
  });
}
