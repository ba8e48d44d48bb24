import type { VerificationStatus } from '../../taxonomy/model/types.ts';
import { boolean, callable, integerIn, numberIn, record, satisfies, type OptionRule } from '../../taxonomy/model/option-check.ts';
import { checkFitOption as check } from './errors.ts';
import { SIGNALS } from './signals/index.ts';
import type { FitOptions, ResolvedFitOptions } from './types.ts';

export const DEFAULT_FIT_OPTIONS: ResolvedFitOptions = Object.freeze({
  narrowerCredit: 0.9,
  broaderCredit: 0.5,
  distanceDecay: 0.7,
  maxDistance: 2,
  relatedCredit: 0.4,
  embeddingThreshold: 0.8,
  embeddingScale: 0.8,
  mappedScale: 1,
  essentialThreshold: 0.5,
  signalWeights: Object.freeze(Object.fromEntries(Object.values(SIGNALS).map((s) => [s.name, s.defaultWeight]))),
  verifiedStatuses: Object.freeze(['verified', 'hosted-verified'] as VerificationStatus[]),
  verifiedOnly: false,
  similarSkills: null,
});

const STATUSES: ReadonlySet<unknown> = new Set(['verified', 'hosted-verified', 'unverified', 'self-claimed', 'invalid', 'expired', 'unverifiable']);
const unit = numberIn(0, 1);

/** Each option's rule; signalWeights is checked key by key below. */
const RULES: { readonly [K in keyof ResolvedFitOptions]: OptionRule<ResolvedFitOptions[K]> } = {
  narrowerCredit: unit,
  broaderCredit: unit,
  distanceDecay: unit,
  relatedCredit: unit,
  embeddingThreshold: unit,
  embeddingScale: unit,
  mappedScale: unit,
  essentialThreshold: unit,
  maxDistance: integerIn(0, 6),
  signalWeights: record as OptionRule<ResolvedFitOptions['signalWeights']>,
  verifiedStatuses: satisfies<readonly VerificationStatus[]>(`an array of ${[...STATUSES].join(', ')}`, (v) => Array.isArray(v) && v.every((s) => STATUSES.has(s))),
  verifiedOnly: boolean,
  similarSkills: callable as OptionRule<ResolvedFitOptions['similarSkills']>,
};

/** Checks fit options once and fills defaults; throws `invalid <option>: <value>`. */
export function resolveFitOptions(opts: FitOptions = {}): ResolvedFitOptions {
  const given = { ...opts, similarSkills: opts.similarSkills ?? undefined };
  const out = check.all(DEFAULT_FIT_OPTIONS, given, RULES);
  if (opts.signalWeights === undefined) return out;
  const weights: Record<string, number> = { ...DEFAULT_FIT_OPTIONS.signalWeights };
  for (const [name, w] of Object.entries(opts.signalWeights)) {
    if (!(name in SIGNALS)) throw check.invalid(`signalWeights.${name}`, w, `a weight of a known signal (${Object.keys(SIGNALS).join(', ')})`);
    weights[name] = check(`signalWeights.${name}`, w, numberIn(0, 100));
  }
  return Object.freeze({ ...out, signalWeights: Object.freeze(weights), verifiedStatuses: Object.freeze([...out.verifiedStatuses]) });
}
