import { parseJsonLenient } from '../engine/ingest/json-lenient.ts';
import type { CredentialVerifier } from '../engine/verify/verifier.ts';
import type { Credential, CredentialRecognition } from '../taxonomy/model/types.ts';

/** Objects of a JSON value (depth-first), up to `max` levels deep. */
function* objects(v: unknown, max = 64): Generator<Record<string, unknown>> {
  if (max <= 0 || typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) {
    for (const x of v) yield* objects(x, max - 1);
    return;
  }
  const o = v as Record<string, unknown>;
  yield o;
  for (const x of Object.values(o)) yield* objects(x, max - 1);
}

/** The endorsement a recognition's `source` (`endorsement[2]`, `endorsementJwt[0]`, `endorsement`) names in `holder`. */
function endorsementAt(holder: Record<string, unknown>, source: string): unknown {
  const m = /^(endorsement|endorsementJwt)(?:\[(\d+)\])?$/.exec(source);
  if (!m) return undefined;
  const v = holder[m[1]!];
  return m[2] === undefined ? v : Array.isArray(v) ? v[Number(m[2])] : undefined;
}

/** What a verification result says about an endorsement (contract: verified / invalid / else unverified). */
function endorsementStatus(status: string): CredentialRecognition['verification'] {
  if (status === 'verified' || status === 'hosted-verified') return 'verified';
  if (status === 'invalid') return 'invalid';
  return 'unverified';
}

/**
 * Verifies each endorsement a credential's document embeds (OB3 `endorsement` EndorsementCredentials and
 * `endorsementJwt`, OB2 `endorsement` objects) with the workspace's verifier (engine/verify, the real offline
 * verifier in production), as of `now`, and sets its recognition's `verification`: 'verified' when the endorsement's
 * proof verified against its issuer, 'invalid' when it failed (tampered, or signed by someone other than the stated
 * endorser), else 'unverified' (no proof, an unsupported suite, expired, or no key to check against). Without a
 * verifier, or for a credential whose achievement object is not found in the document (e.g. inside a VC-JWT), nothing
 * changes. Issue 20.
 */
export async function verifyEndorsements(verifier: CredentialVerifier | null, document: unknown, credentials: readonly Credential[], now: Date): Promise<Credential[]> {
  const endorsed = credentials.filter((c) => c.standing?.recognition.some((r) => r.kind === 'endorsement'));
  if (!verifier || endorsed.length === 0) return [...credentials];
  let value = document;
  if (typeof document === 'string') {
    try {
      value = parseJsonLenient(document);
    } catch {
      return [...credentials];
    }
  }
  const wanted = new Set(endorsed.map((c) => c.id));
  const holders = new Map<string, Record<string, unknown>>();
  for (const o of objects(value)) {
    const id = o['id'] ?? o['@id'];
    if (typeof id === 'string' && wanted.has(id) && !holders.has(id) && (o['endorsement'] !== undefined || o['endorsementJwt'] !== undefined)) holders.set(id, o);
  }
  const out: Credential[] = [];
  for (const c of credentials) {
    const holder = holders.get(c.id);
    if (!holder || !c.standing) {
      out.push(c);
      continue;
    }
    const recognition: CredentialRecognition[] = [];
    for (const r of c.standing.recognition) {
      const raw = r.kind === 'endorsement' ? endorsementAt(holder, r.source) : undefined;
      if (raw === undefined || (typeof raw !== 'object' && typeof raw !== 'string')) {
        recognition.push(r);
        continue;
      }
      const result = await verifier.verify(raw, { now });
      recognition.push({ ...r, verification: endorsementStatus(result.status) });
    }
    out.push({ ...c, standing: { ...c.standing, recognition } });
  }
  return out;
}
