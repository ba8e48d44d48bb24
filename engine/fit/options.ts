import type { VerificationStatus } from '../../taxonomy/model/types.ts';
import { checkNumber, FitError, FitErrorCode } from './errors.ts';
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

const STATUSES: ReadonlySet<string> = new Set(['verified', 'hosted-verified', 'unverified', 'self-claimed', 'invalid', 'expired', 'unverifiable']);
const UNIT = ['narrowerCredit', 'broaderCredit', 'distanceDecay', 'relatedCredit', 'embeddingThreshold', 'embeddingScale', 'mappedScale', 'essentialThreshold'] as const;

/** Checks fit options once and fills defaults; throws `invalid <option>: <value>`. */
export function resolveFitOptions(opts: FitOptions = {}): ResolvedFitOptions {
  const d = DEFAULT_FIT_OPTIONS;
  const out: Record<string, unknown> = { ...d };
  for (const key of UNIT) if (opts[key] !== undefined) out[key] = checkNumber(key, opts[key], 0, 1);
  if (opts.maxDistance !== undefined) {
    checkNumber('maxDistance', opts.maxDistance, 0, 6);
    if (!Number.isInteger(opts.maxDistance)) throw new FitError(FitErrorCode.InvalidOption, `invalid maxDistance: ${opts.maxDistance} (expected an integer)`);
    out.maxDistance = opts.maxDistance;
  }
  if (opts.signalWeights !== undefined) {
    const weights: Record<string, number> = { ...d.signalWeights };
    for (const [name, w] of Object.entries(opts.signalWeights)) {
      if (!(name in SIGNALS)) throw new FitError(FitErrorCode.InvalidOption, `invalid signalWeights: unknown signal '${name}' (known: ${Object.keys(SIGNALS).join(', ')})`);
      weights[name] = checkNumber(`signalWeights.${name}`, w, 0, 100);
    }
    out.signalWeights = Object.freeze(weights);
  }
  if (opts.verifiedStatuses !== undefined) {
    if (!Array.isArray(opts.verifiedStatuses) || opts.verifiedStatuses.some((s) => !STATUSES.has(s))) {
      throw new FitError(FitErrorCode.InvalidOption, `invalid verifiedStatuses: ${JSON.stringify(opts.verifiedStatuses)}`);
    }
    out.verifiedStatuses = Object.freeze([...opts.verifiedStatuses]);
  }
  if (opts.verifiedOnly !== undefined) {
    if (typeof opts.verifiedOnly !== 'boolean') throw new FitError(FitErrorCode.InvalidOption, `invalid verifiedOnly: ${String(opts.verifiedOnly)}`);
    out.verifiedOnly = opts.verifiedOnly;
  }
  if (opts.similarSkills !== undefined && opts.similarSkills !== null) {
    if (typeof opts.similarSkills !== 'function') throw new FitError(FitErrorCode.InvalidOption, `invalid similarSkills: ${String(opts.similarSkills)}`);
    out.similarSkills = opts.similarSkills;
  }
  return Object.freeze(out) as unknown as ResolvedFitOptions;
}
