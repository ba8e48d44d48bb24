/** CTDL inside a VC (CTDLinLERs samples): one award per credential achievement the VC wraps. */
import type { Award } from '../../taxonomy/model/types.ts';
import type { ParseContext } from './context.ts';
import { IngestError, IngestErrorCode } from './errors.ts';
import { proofOf } from './ob3.ts';
import type { IngestedAward } from './types.ts';
import { asArray, at, isBefore, isObject, type JsonObject } from './values.ts';

export function vcAwards(doc: JsonObject, path: string, credentialIds: readonly string[], ctx: ParseContext): IngestedAward[] {
  if (credentialIds.length === 0) return [];
  const id = typeof doc['id'] === 'string' ? doc['id'] : '';
  if (!id) throw new IngestError(IngestErrorCode.MissingField, 'credential id is required', { path: at(path, 'id') });
  const issued = [doc['validFrom'], doc['issuanceDate']].find((x) => typeof x === 'string') as string | undefined;
  if (!issued) throw new IngestError(IngestErrorCode.MissingField, 'issuanceDate / validFrom is required', { path: at(path, 'issuanceDate') });
  if (Number.isNaN(Date.parse(issued))) throw new IngestError(IngestErrorCode.InvalidField, `expected an ISO 8601 date, got ${JSON.stringify(issued)}`, { path: at(path, doc['validFrom'] ? 'validFrom' : 'issuanceDate') });
  const until = [doc['validUntil'], doc['expirationDate']].find((x) => typeof x === 'string') as string | undefined;
  const subject = asArray(doc['credentialSubject'])[0];
  const holder = isObject(subject) && typeof subject['id'] === 'string' ? subject['id'] : '';
  if (!holder) throw new IngestError(IngestErrorCode.MissingField, 'credentialSubject.id (the holder) is required', { path: at(path, 'credentialSubject.id') });
  const proof = proofOf(doc['proof']);
  const expired = until !== undefined && ctx.now !== null && isBefore(until, ctx.now);
  return credentialIds.map((cid, i): IngestedAward => {
    const award: Award = { id: credentialIds.length === 1 ? id : `${id}#${i}`, candidateId: holder, credentialId: cid, issuedOn: issued, expiresOn: until ?? null, verification: expired ? 'expired' : 'unverified' };
    return {
      award,
      recipient: { type: holder.startsWith('did:') ? 'did' : 'url', identity: holder, hashed: false, salt: null },
      verificationMethod: proof ? { type: 'proof', url: null } : { type: 'none', url: null },
      proof,
      raw: doc,
    };
  });
}
