/**
 * A CTDL credential's profile values:
 * - audienceLevelType (`audLevel:BeginnerLevel`, or an alignment object naming it) → beginner | intermediate | advanced | ''.
 * - estimatedCost (CostProfile price + currency; USD only) → cost.
 * - estimatedDuration (DurationProfile exactDuration / timeRequired, else midpoint of minimumDuration..maximumDuration;
 *   ISO 8601) → hours.
 */
import { warn, type ParseContext } from './context.ts';
import { numberOf, prop, textOf, type CtdlNode, type CtdlRef } from './ctdl-node.ts';
import { isoDurationToHours } from './duration.ts';
import { IngestError, IngestErrorCode } from './errors.ts';
import { asArray, at, isObject, type JsonObject } from './values.ts';

interface DurationField {
  readonly raw: string;
  readonly hours: number | null;
  /** The key as written in the DurationProfile. */
  readonly key: string;
}

export function levelOf(levels: readonly CtdlRef[]): string {
  for (const r of levels) {
    const id = r.inline ? textOf(r.inline['ceterms:targetNode'] ?? r.inline['targetNode']) || textOf(r.inline['ceterms:targetNodeName']) : r.id;
    const m = /(beginner|intermediate|advanced)/i.exec(id);
    if (m) return m[1]!.toLowerCase();
  }
  return '';
}

/** estimatedCost: the sum of CostProfile prices in USD; null when absent, or (with a warning) in another currency. */
export function costOf(n: CtdlNode, ctx: ParseContext): number | null {
  const pv = prop(n, 'estimatedCost');
  if (!pv) return null;
  let total: number | null = null;
  for (const [i, cp] of asArray(pv.value).entries()) {
    if (!isObject(cp)) continue;
    const p = Array.isArray(pv.value) ? at(pv.path, i) : pv.path;
    const price = numberOf(cp['ceterms:price'] ?? cp['price']);
    const rawPrice = cp['ceterms:price'] ?? cp['price'];
    if (rawPrice !== undefined && price === null) throw new IngestError(IngestErrorCode.InvalidField, 'price must be a number', { path: at(p, 'ceterms:price') });
    if (price === null) continue;
    if (price < 0) throw new IngestError(IngestErrorCode.InvalidField, 'price must not be negative', { path: at(p, 'ceterms:price') });
    const currency = textOf(cp['ceterms:currency'] ?? cp['currency']).toUpperCase() || 'USD';
    if (currency !== 'USD') {
      warn(ctx, 'UNCONVERTED_CURRENCY', at(p, 'ceterms:currency'), `cost in ${currency} is not converted to USD; cost left unknown`);
      return null;
    }
    total = (total ?? 0) + price;
  }
  return total;
}

/** estimatedDuration → hours (first DurationProfile that gives one). */
export function hoursOf(n: CtdlNode, ctx: ParseContext): number | null {
  const pv = prop(n, 'estimatedDuration');
  if (!pv) return null;
  for (const [i, dp] of asArray(pv.value).entries()) {
    if (!isObject(dp)) continue;
    const hours = profileHours(dp, Array.isArray(pv.value) ? at(pv.path, i) : pv.path);
    if (hours !== null) return hours;
  }
  warn(ctx, 'NO_DURATION', pv.path, 'estimatedDuration gives no exactDuration, timeRequired or min/max duration');
  return null;
}

/** One DurationProfile → hours: timeRequired or exactDuration, else the midpoint of min..max (or the one given); null when none. */
function profileHours(dp: JsonObject, p: string): number | null {
  for (const k of ['timeRequired', 'exactDuration']) {
    const d = durationField(dp, k);
    if (!d) continue;
    if (d.hours === null) throw new IngestError(IngestErrorCode.InvalidField, `${k} must be an ISO 8601 duration such as PT40H or P3M, got ${JSON.stringify(d.raw)}`, { path: at(p, d.key) });
    return d.hours;
  }
  const lo = durationField(dp, 'minimumDuration');
  const hi = durationField(dp, 'maximumDuration');
  for (const d of [lo, hi]) if (d && d.hours === null) throw new IngestError(IngestErrorCode.InvalidField, `expected an ISO 8601 duration, got ${JSON.stringify(d.raw)}`, { path: at(p, d.key) });
  if (lo?.hours != null && hi?.hours != null) return Math.round(((lo.hours + hi.hours) / 2) * 100) / 100;
  if (lo?.hours != null || hi?.hours != null) return (lo?.hours ?? hi?.hours)!;
  return null;
}

/** A DurationProfile field (`ceterms:k`, `k` or the full purl.org IRI) and its hours; null when absent. */
function durationField(dp: JsonObject, k: string): DurationField | null {
  const key = `ceterms:${k}` in dp ? `ceterms:${k}` : k in dp ? k : `https://purl.org/ctdl/terms/${k}` in dp ? `https://purl.org/ctdl/terms/${k}` : null;
  if (!key) return null;
  const raw = textOf(dp[key]);
  return { raw, hours: raw ? isoDurationToHours(raw) : null, key };
}
