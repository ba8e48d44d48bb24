/**
 * Open Badges 2.0 hosted verification: the assertion is genuine when the document hosted at its `id`
 * says the same (same recipient, badge and dates) and is not revoked. The fetch goes through the
 * `HostedFetcher` port; without one the badge is 'unverifiable'.
 */
import type { HostedFetcher } from './hosted-fetcher.ts';
import { check, datesCheck } from './checks.ts';
import { fromChecks, result } from './outcome.ts';
import { readValidityWindow } from './validity.ts';
import type { VerificationResult } from './verifier.ts';

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value['id'] === 'string') return value['id'];
  return undefined;
}

/** True for an OB2 assertion with `verification.type` hosted (`hosted` or `HostedBadge`). */
export function isHostedOb2Assertion(doc: unknown): doc is Json {
  if (!isObject(doc)) return false;
  const verification = doc['verification'];
  const type = isObject(verification) ? verification['type'] : undefined;
  return type === 'hosted' || type === 'HostedBadge';
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The fields that must match between the presented and the hosted assertion. */
const COMPARED = ['recipient', 'issuedOn', 'expires'] as const;

export async function verifyHostedOb2(doc: Json, fetcher: HostedFetcher | undefined, now: Date): Promise<VerificationResult> {
  const id = idOf(doc);
  const badge = idOf(doc['badge']);
  const issuer = isObject(doc['badge']) ? idOf((doc['badge'] as Json)['issuer']) : undefined;
  const extra = { method: 'hosted' as const, issuer };
  if (!fetcher) return result('unverifiable', 'OB2 hosted assertion: no hosted fetcher configured', now, extra);
  if (!id || !/^https?:\/\//.test(id)) return result('invalid', 'OB2 hosted assertion: id is not an HTTP(S) URL', now, extra);
  let hosted: unknown;
  try {
    hosted = await fetcher.fetchJson(id);
  } catch (error) {
    return result('unverifiable', `OB2 hosted assertion: fetching ${id} failed: ${(error as Error).message}`, now, extra);
  }
  if (hosted === null) return result('invalid', `OB2 hosted assertion: ${id} is gone`, now, extra);
  if (!isObject(hosted)) return result('invalid', `OB2 hosted assertion: ${id} is not a JSON object`, now, extra);
  if (idOf(hosted) !== id) return result('invalid', 'OB2 hosted assertion: hosted id differs', now, extra);
  if (idOf(hosted['badge']) !== badge) return result('invalid', 'OB2 hosted assertion: hosted badge differs', now, extra);
  for (const field of COMPARED) {
    if (canonical(hosted[field]) !== canonical(doc[field])) {
      return result('invalid', `OB2 hosted assertion: hosted ${field} differs`, now, extra);
    }
  }
  const proof = check('proof', 'pass', `OB2 hosted assertion matches ${id}`);
  const dates = datesCheck(readValidityWindow(hosted), now);
  const why = typeof hosted['revocationReason'] === 'string' ? `: ${hosted['revocationReason']}` : '';
  const status = hosted['revoked'] === true ? check('status', 'fail', `revoked by the issuer${why}`) : check('status', 'pass', 'not revoked in the hosted assertion');
  const issued = check('issuer', 'pass', 'hosted at the issuer\'s own URL');
  return fromChecks([proof, { name: dates.name, result: dates.result, reason: dates.reason }, status, issued], now, extra);
}
