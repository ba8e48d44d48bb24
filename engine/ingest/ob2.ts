/**
 * Open Badges 2.0: BadgeClass → Credential (alignments → skill links), Assertion → Award with recipient,
 * issuedOn, expires and verification {type: hosted | signed}. Status is 'unverified' at ingest ('invalid'
 * when `revoked` is true, 'expired' when `expires` is before `now`). An assertion whose `badge` is only a
 * URL yields the award alone (credentialId = that URL); an embedded BadgeClass yields the credential too.
 */
import type { Credential } from '../../taxonomy/model/types.ts';
import { alignmentToLink, dedupeLinks } from './alignment.ts';
import { issuerOf, type ParseContext } from './context.ts';
import { IngestError, IngestErrorCode } from './errors.ts';
import { ob2Standing, standingField } from './standing.ts';
import type { CredentialEntry, IngestedAward, VerificationMethod } from './types.ts';
import { asArray, at, isBefore, isObject, optDate, optString, reqObject, reqString, typesOf, type JsonObject } from './values.ts';

export function ob2Kind(v: unknown): 'BadgeClass' | 'Assertion' | null {
  if (!isObject(v)) return null;
  const types = typesOf(v);
  if (types.includes('Assertion')) return 'Assertion';
  if (types.includes('BadgeClass')) return 'BadgeClass';
  const ctx = JSON.stringify(v['@context'] ?? '');
  if (/openbadges\/v2|openbadges\.org\/v1/.test(ctx)) return 'recipient' in v ? 'Assertion' : 'BadgeClass';
  return null;
}

export function parseOb2(doc: JsonObject, ctx: ParseContext): { credentials: CredentialEntry[]; awards: IngestedAward[] } {
  const kind = ob2Kind(doc);
  if (kind === 'BadgeClass') return { credentials: [badgeClass(doc, '', ctx)], awards: [] };
  if (kind === 'Assertion') return assertion(doc, ctx);
  throw new IngestError(IngestErrorCode.UnknownFormat, 'not an Open Badges 2.0 BadgeClass or Assertion', { path: 'type' });
}

function badgeClass(b: JsonObject, path: string, ctx: ParseContext): CredentialEntry {
  const id = reqString(b, 'id', path, 'BadgeClass id');
  const name = reqString(b, 'name', path, 'BadgeClass name');
  const description = optString(b, 'description', path) ?? '';
  const issuer = issuerOf(b['issuer'], at(path, 'issuer'), true);
  const links = [];
  const alignments = b['alignment'];
  if (alignments !== undefined && !Array.isArray(alignments) && !isObject(alignments)) throw new IngestError(IngestErrorCode.InvalidField, 'alignment must be an array', { path: at(path, 'alignment') });
  for (const [i, al] of asArray(alignments).entries()) {
    const p = Array.isArray(alignments) ? at(at(path, 'alignment'), i) : at(path, 'alignment');
    if (!isObject(al)) throw new IngestError(IngestErrorCode.InvalidField, 'an alignment must be an object', { path: p });
    const found = alignmentToLink(
      {
        targetUrl: optString(al, 'targetUrl', p),
        targetCode: optString(al, 'targetCode', p),
        targetName: optString(al, 'targetName', p),
        targetDescription: optString(al, 'targetDescription', p),
        targetFramework: optString(al, 'targetFramework', p),
      },
      p,
      { requireSkillType: false },
    );
    if (found) {
      links.push(found.link);
      if (found.customSkill) ctx.customSkills.push(found.customSkill);
    }
  }
  const tags = b['tags'];
  if (tags !== undefined && (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string'))) throw new IngestError(IngestErrorCode.InvalidField, 'tags must be an array of strings', { path: at(path, 'tags') });
  const credential: Credential = {
    id,
    format: 'ob2',
    name,
    description,
    issuer,
    credentialType: 'badge',
    level: '',
    cost: null,
    hours: null,
    skills: dedupeLinks(links),
    requires: [],
    isPartOf: [],
    ...standingField(ob2Standing(b, path, ctx)),
  };
  return { credential, skillTags: ((tags as string[] | undefined) ?? []).map((t) => t.trim()).filter(Boolean), requiredSkillIds: [] };
}

function assertion(a: JsonObject, ctx: ParseContext): { credentials: CredentialEntry[]; awards: IngestedAward[] } {
  const id = reqString(a, 'id', '', 'Assertion id');
  const recipientObj = reqObject(a, 'recipient', '');
  const identity = reqString(recipientObj, 'identity', 'recipient', 'recipient identity');
  const hashed = recipientObj['hashed'];
  if (hashed !== undefined && typeof hashed !== 'boolean') throw new IngestError(IngestErrorCode.InvalidField, 'recipient.hashed must be a boolean', { path: 'recipient.hashed' });
  const badge = a['badge'];
  let credentials: CredentialEntry[] = [];
  let credentialId: string;
  if (typeof badge === 'string' && badge.trim() !== '') credentialId = badge.trim();
  else if (isObject(badge)) {
    const entry = badgeClass(badge, 'badge', ctx);
    credentials = [entry];
    credentialId = entry.credential.id;
  } else if (badge === undefined || badge === null) throw new IngestError(IngestErrorCode.MissingField, 'badge is required: the BadgeClass IRI or object', { path: 'badge' });
  else throw new IngestError(IngestErrorCode.InvalidField, 'badge must be a BadgeClass IRI or object', { path: 'badge' });

  const issuedOn = optDate(a, 'issuedOn', '');
  if (issuedOn === null) throw new IngestError(IngestErrorCode.MissingField, 'issuedOn is required', { path: 'issuedOn' });
  const expiresOn = optDate(a, 'expires', '');
  const verification = reqObject(a, 'verification', '');
  const vType = (optString(verification, 'type', 'verification') ?? '').replace(/^.*[#/]/, '').toLowerCase();
  let method: VerificationMethod;
  if (vType === 'hosted' || vType === 'hostedbadge') method = { type: 'hosted', url: id };
  else if (vType === 'signed' || vType === 'signedbadge') method = { type: 'signed', url: optString(verification, 'creator', 'verification') };
  else throw new IngestError(IngestErrorCode.InvalidField, `verification.type must be hosted or signed, got ${JSON.stringify(vType)}`, { path: 'verification.type' });
  const revoked = a['revoked'] === true;
  const expired = expiresOn !== null && ctx.now !== null && isBefore(expiresOn, ctx.now);
  return {
    credentials,
    awards: [
      {
        award: { id, candidateId: identity, credentialId, issuedOn, expiresOn, verification: revoked ? 'invalid' : expired ? 'expired' : 'unverified' },
        recipient: { type: optString(recipientObj, 'type', 'recipient') ?? 'email', identity, hashed: hashed === true, salt: optString(recipientObj, 'salt', 'recipient') },
        verificationMethod: method,
        proof: null,
        raw: a,
      },
    ],
  };
}
