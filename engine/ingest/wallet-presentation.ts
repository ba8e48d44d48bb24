/**
 * A learner's wallet export: a W3C Verifiable Presentation (`type` includes `VerifiablePresentation`)
 * whose `verifiableCredential` holds Open Badges (3.0 credentials as JSON-LD objects or compact VC-JWTs,
 * or 2.0 assertions). Each credential becomes an award for the presentation's holder; one that cannot be
 * read, or that is about someone other than the holder (its subject id is not the holder), is an error
 * for that credential and the others still land (so is a second credential with an id already seen). Signatures are checked later, by the importer's verifier.
 */
import type { CandidateRecord, RecordError, WalletBatch } from './candidate-records.ts';
import { bareMessage, IngestError, IngestErrorCode } from './errors.ts';
import { ingestDocument } from './ingest.ts';
import { asArray, isObject, typesOf } from './values.ts';

export function isVerifiablePresentation(value: unknown): boolean {
  return isObject(value) && typesOf(value).includes('VerifiablePresentation');
}

function holderOf(vp: Record<string, unknown>): string | null {
  const h = vp['holder'];
  if (typeof h === 'string' && h.trim()) return h.trim();
  if (isObject(h) && typeof h['id'] === 'string' && h['id'].trim()) return h['id'].trim();
  return null;
}

/** The subject's display name in an OB3 credential (`credentialSubject.name`), when given. */
function subjectName(raw: unknown): string | null {
  if (!isObject(raw)) return null;
  const s = raw['credentialSubject'];
  return isObject(s) && typeof s['name'] === 'string' && s['name'].trim() ? s['name'].trim() : null;
}

export function parseWalletPresentation(value: unknown, now?: string): WalletBatch {
  if (!isVerifiablePresentation(value) || !isObject(value)) {
    throw new IngestError(IngestErrorCode.UnknownFormat, 'not a Verifiable Presentation: type must include VerifiablePresentation', { path: 'type' });
  }
  const holder = holderOf(value);
  const items = asArray(value['verifiableCredential']);
  if (items.length === 0) throw new IngestError(IngestErrorCode.EmptyDocument, 'the presentation holds no credential (verifiableCredential is empty)', { path: 'verifiableCredential' });
  const awards: WalletBatch['awards'][number][] = [];
  const errors: RecordError[] = [];
  let holderName: string | null = null;
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const path = `verifiableCredential[${index}]`;
    try {
      const result = ingestDocument(item, now ? { now } : {});
      if (result.format !== 'ob3' && result.format !== 'ob2') throw new IngestError(IngestErrorCode.UnknownFormat, `expected an Open Badge, got ${result.format}`, { path: '' });
      const award = result.awards[0];
      const credential = result.credentials[0];
      if (!award || !credential) throw new IngestError(IngestErrorCode.MissingField, 'a credential definition, not an awarded credential', { path: '' });
      const subject = award.recipient.hashed ? null : award.recipient.identity;
      if (holder && subject && subject !== holder && award.recipient.type !== 'email') {
        throw new IngestError(IngestErrorCode.InvalidId, `the credential is about ${subject}, not the holder ${holder}`, { path: 'credentialSubject.id' });
      }
      const dup = seen.get(award.award.id);
      if (dup !== undefined) throw new IngestError(IngestErrorCode.InvalidId, `duplicate credential id ${award.award.id} (also verifiableCredential[${dup}]): a wallet holds each credential once`, { path: 'id' });
      seen.set(award.award.id, index);
      holderName ??= subjectName(award.raw);
      awards.push({ index, award, credential });
    } catch (err) {
      if (!(err instanceof IngestError)) throw err;
      errors.push({ index, id: isObject(item) && typeof item['id'] === 'string' ? item['id'] : null, code: err.code, path: err.path ? `${path}.${err.path}` : path, message: bareMessage(err) });
    }
  });
  return { format: 'wallet', holder, holderName, awards, errors };
}

/** A holder with no candidate yet: a record named after the holder (the credential subject's name when given). */
export function holderRecord(id: string, name: string | null): CandidateRecord {
  return { candidate: { id, name: name ?? id, location: '', experience: '', sharedWith: [], claimedSkills: [] }, skillTags: [] };
}
