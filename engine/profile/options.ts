/**
 * Profile options: defaults and the one check at the factory (`invalid <option>: <value>`).
 */
import type { VerificationStatus } from '../../taxonomy/model/types.ts';
import { numberAbove, numberIn, oneOf, record, type OptionRule } from '../../taxonomy/model/option-check.ts';
import { checkProfileOption as check } from './errors.ts';
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

const unit = numberIn(0, 1);

/** Each option's rule; the two maps are then checked entry by entry. Unknown options are refused. */
const RULES: { readonly [K in keyof ResolvedProfileOptions]: OptionRule<ResolvedProfileOptions[K]> } = {
  verificationWeights: record as OptionRule<VerificationWeights>,
  issuerTrust: record as OptionRule<ResolvedProfileOptions['issuerTrust']>,
  defaultIssuerTrust: unit,
  halfLifeYears: { ...numberAbove(0), expected: 'a number > 0, or Infinity for no decay' },
  combine: oneOf('noisy-or', 'max'),
};

/** Checks options once and fills in defaults. Throws `ProfileError` INVALID_OPTION naming the option. */
export function resolveProfileOptions(opts: ProfileOptions = {}): ResolvedProfileOptions {
  const out = check.all(DEFAULT_PROFILE_OPTIONS, opts as Partial<ResolvedProfileOptions>, RULES, true);

  const weights: Record<string, number> = { ...DEFAULT_VERIFICATION_WEIGHTS };
  for (const [status, value] of Object.entries(opts.verificationWeights ?? {})) {
    if (!(status in DEFAULT_VERIFICATION_WEIGHTS)) throw check.invalid(`verificationWeights.${status}`, value, `a weight of a known status (${VERIFICATION_STATUSES.join(', ')})`);
    weights[status] = check(`verificationWeights.${status}`, value, unit);
  }
  const trust: Record<string, number> = {};
  for (const [issuer, value] of Object.entries(opts.issuerTrust ?? {})) trust[issuer] = check(`issuerTrust[${JSON.stringify(issuer)}]`, value, unit);

  return Object.freeze({ ...out, verificationWeights: Object.freeze(weights) as VerificationWeights, issuerTrust: Object.freeze(trust) });
}
