/**
 * The status check, after the proof and the dates: each `credentialStatus` entry is looked up in the
 * verification store (never fetched), the status list credential's own proof and dates are checked, and
 * the bit (or the revocation list entry) is read. Anything that cannot be consulted gives 'unknown'.
 */
import { gunzipSync } from 'node:zlib';
import { check, datesCheck, type VerificationCheck } from '../../verify/checks.ts';
import { bitAt, decodeStatusList, readStatusEntries, revocationListHas } from '../../verify/status.ts';
import type { VerificationStore } from '../../verify/store.ts';
import { readValidityWindow } from '../../verify/validity.ts';
import { isObject, type Json } from './json.ts';

/** Verifies a status list credential's proof (no status check of its own). */
export type ListProofCheck = (list: Json) => Promise<{ readonly result: 'pass' | 'fail' | 'unknown'; readonly reason: string }>;

const gunzip = (bytes: Uint8Array): Uint8Array => new Uint8Array(gunzipSync(bytes));

export async function checkStatus(credential: Json, now: Date, store: VerificationStore | undefined, verifyList: ListProofCheck): Promise<VerificationCheck> {
  const entries = readStatusEntries(credential);
  if (entries.length === 0) return check('status', 'none', 'no credentialStatus');
  const found: string[] = [];
  let unknown: string | null = null;
  for (const entry of entries) {
    if (entry.kind === 'unsupported') {
      unknown ??= entry.why;
      continue;
    }
    if (!store) {
      unknown ??= `${entry.type} list ${entry.listUrl} not checked: no verification store given (fill one with \`skillgraph verify-store add\`)`;
      continue;
    }
    const list = await store.statusList(entry.listUrl);
    if (!isObject(list)) {
      unknown ??= `${entry.type} list ${entry.listUrl} is not in the verification store`;
      continue;
    }
    if (entry.kind === 'revocation-list') {
      if (!entry.credentialId) {
        unknown ??= 'credential has no id to look up in the revocation list';
        continue;
      }
      const hit = revocationListHas(list, entry.credentialId);
      if (hit.revoked) return check('status', 'fail', `revoked on ${entry.listUrl}${hit.reason ? `: ${hit.reason}` : ''}`);
      found.push(`not on revocation list ${entry.listUrl}`);
      continue;
    }
    const proof = await verifyList(list);
    if (proof.result !== 'pass') {
      unknown ??= `status list ${entry.listUrl} did not verify: ${proof.reason}`;
      continue;
    }
    const listDates = datesCheck(readValidityWindow(list), now);
    if (listDates.result === 'fail') {
      unknown ??= `status list ${entry.listUrl} is not usable: ${listDates.reason}`;
      continue;
    }
    const bits = decodeStatusList(list, entry, gunzip);
    if (typeof bits === 'string') {
      unknown ??= `status list ${entry.listUrl}: ${bits}`;
      continue;
    }
    const bit = bitAt(bits, entry.index);
    if (bit === null) {
      unknown ??= `status list ${entry.listUrl} has no index ${entry.index}`;
      continue;
    }
    if (bit === 1 && (entry.purpose === 'revocation' || entry.purpose === 'suspension')) {
      return check('status', 'fail', `${entry.purpose === 'revocation' ? 'revoked' : 'suspended'}: bit ${entry.index} of ${entry.listUrl} is set`);
    }
    found.push(`${entry.purpose} bit ${entry.index} of ${entry.listUrl} is ${bit}`);
  }
  if (unknown !== null) return check('status', 'unknown', unknown);
  return check('status', 'pass', found.join('; '));
}
