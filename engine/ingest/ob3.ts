/**
 * Open Badges 3.0 OpenBadgeCredential / AchievementCredential (a W3C VC):
 * credentialSubject.achievement → Credential, the VC → Award (status 'unverified' at ingest, 'expired'
 * when `validUntil` is before `now`), proof and raw document kept for the verifier.
 * Skill alignments: achievement.alignment[] (with or without targetType); alignments under resultDescription[] / result[] grade, they are not skills.
 */
import type { Credential } from '../../taxonomy/model/types.ts';
import { alignmentToLink, dedupeLinks } from './alignment.ts';
import { issuerOf, warn, type ParseContext } from './context.ts';
import { ectsToHours } from './duration.ts';
import { IngestError, IngestErrorCode } from './errors.ts';
import { guessLanguage, LANGUAGE_NAMES } from './language.ts';
import { ob3Standing, standingField } from './standing.ts';
import type { CredentialEntry, IngestedAward, Recipient, VerificationMethod } from './types.ts';
import { asArray, at, isBefore, isObject, optDate, optString, reqObject, reqString, toNumber, typesOf, type JsonObject } from './values.ts';

const OB3_TYPES = new Set(['OpenBadgeCredential', 'AchievementCredential']);

/** Whether `v` is an OB3 credential (by type, or a VC whose subject carries an `Achievement`). */
export function isOb3Credential(v: unknown): v is JsonObject {
  if (!isObject(v)) return false;
  const types = typesOf(v);
  if (types.some((t) => OB3_TYPES.has(t))) return true;
  if (!types.includes('VerifiableCredential')) return false;
  const subject = asArray(v['credentialSubject'])[0];
  const ach = isObject(subject) ? asArray(subject['achievement'])[0] : undefined;
  return isObject(ach) && typesOf(ach).includes('Achievement');
}

/** A bare OB3 `Achievement` (a credential definition without an award, like an OB2 BadgeClass). */
export function isOb3Achievement(v: unknown): v is JsonObject {
  return isObject(v) && typesOf(v).includes('Achievement') && !typesOf(v).includes('VerifiableCredential');
}

/** Parse a bare Achievement at `path` → credential entry (issuer from `creator`). */
export function parseOb3Achievement(a: JsonObject, path: string, ctx: ParseContext): CredentialEntry {
  if (a['creator'] === undefined) throw new IngestError(IngestErrorCode.MissingField, 'a standalone Achievement needs a creator (its issuer)', { path: at(path, 'creator') });
  const credential = achievementToCredential(a, path, undefined, at(path, 'creator'), ctx);
  return { credential, skillTags: tagsOf(a, path), requiredSkillIds: [] };
}

export interface Ob3Parsed {
  readonly entry: CredentialEntry;
  readonly award: IngestedAward;
}

/** Parse one OB3 credential found at `path` ('' for the document root). */
export function parseOb3Credential(doc: JsonObject, path: string, ctx: ParseContext): Ob3Parsed {
  if (!isOb3Credential(doc)) {
    throw new IngestError(IngestErrorCode.UnknownFormat, 'not an Open Badges 3.0 credential: type must include OpenBadgeCredential or AchievementCredential', { path: at(path, 'type') });
  }
  const vcId = reqString(doc, 'id', path, 'credential id');
  const subjectPath = at(path, 'credentialSubject');
  const subjectV = doc['credentialSubject'];
  if (Array.isArray(subjectV)) throw new IngestError(IngestErrorCode.InvalidField, 'an OpenBadgeCredential has exactly one credentialSubject', { path: subjectPath });
  const subject = reqObject(doc, 'credentialSubject', path);
  const achPath = at(subjectPath, 'achievement');
  const achievement = reqObject(subject, 'achievement', subjectPath);
  const credential = achievementToCredential(achievement, achPath, doc['issuer'], at(path, 'issuer'), ctx, JSON.stringify(doc['credentialSchema'] ?? ''));

  const issuedOn = optDate(doc, 'validFrom', path) ?? optDate(doc, 'issuanceDate', path) ?? optDate(subject, 'awardedDate', subjectPath);
  if (issuedOn === null) throw new IngestError(IngestErrorCode.MissingField, 'validFrom (issue date) is required', { path: at(path, 'validFrom') });
  const expiresOn = optDate(doc, 'validUntil', path) ?? optDate(doc, 'expirationDate', path);
  const recipient = recipientOf(subject, subjectPath, vcId, ctx);
  const proof = proofOf(doc['proof']);
  const verificationMethod: VerificationMethod = proof
    ? { type: 'proof', url: firstProofMethod(proof) }
    : { type: 'none', url: null };
  const expired = expiresOn !== null && ctx.now !== null && isBefore(expiresOn, ctx.now);
  return {
    entry: { credential, skillTags: tagsOf(achievement, achPath), requiredSkillIds: [] },
    award: {
      award: { id: vcId, candidateId: recipient.identity, credentialId: credential.id, issuedOn, expiresOn, verification: expired ? 'expired' : 'unverified' },
      recipient,
      verificationMethod,
      proof,
      raw: doc,
    },
  };
}

/** An OB3 Achievement → Credential. `fallbackIssuer` is the VC issuer, used when the achievement has no creator. */
export function achievementToCredential(a: JsonObject, path: string, fallbackIssuer: unknown, fallbackIssuerPath: string, ctx: ParseContext, schemaHint = ''): Credential {
  const id = reqString(a, 'id', path, 'achievement id');
  const name = reqString(a, 'name', path, 'achievement name');
  const description = optString(a, 'description', path) ?? '';
  const issuer = a['creator'] !== undefined ? issuerOf(a['creator'], at(path, 'creator'), true) : issuerOf(fallbackIssuer, fallbackIssuerPath, true);
  const links = [];
  const alignments = a['alignment'];
  if (alignments !== undefined && !Array.isArray(alignments)) throw new IngestError(IngestErrorCode.InvalidField, 'alignment must be an array', { path: at(path, 'alignment') });
  for (const [i, al] of asArray(alignments).entries()) {
    const alPath = at(at(path, 'alignment'), i);
    if (!isObject(al)) throw new IngestError(IngestErrorCode.InvalidField, 'an alignment must be an object', { path: alPath });
    const found = alignmentToLink(
      {
        targetUrl: optString(al, 'targetUrl', alPath),
        targetCode: optString(al, 'targetCode', alPath),
        targetName: optString(al, 'targetName', alPath),
        targetDescription: optString(al, 'targetDescription', alPath),
        targetFramework: optString(al, 'targetFramework', alPath),
        targetType: optString(al, 'targetType', alPath),
      },
      alPath,
      // OB 3.0 makes targetType optional: an alignment without one is kept (as a framework skill); only
      // types that are certainly not skills (credentials, levels, rubrics) are left out.
      { requireSkillType: typeof al['targetType'] === 'string' },
    );
    if (found) {
      links.push(found.link);
      if (found.customSkill) ctx.customSkills.push(found.customSkill);
    }
  }
  const ext = extensionTerms(a, path);
  const criteria = isObject(a['criteria']) && typeof a['criteria']['narrative'] === 'string' ? a['criteria']['narrative'] : '';
  const lang = guessLanguage(`${name} ${description} ${criteria}`);
  if (lang !== null && lang !== 'en') {
    warn(ctx, 'LANGUAGE_NOT_COVERED', at(path, 'description'), `the text looks ${LANGUAGE_NAMES[lang] ?? lang}; the linking model covers English only, so skills in it may not be found by --link`);
  }
  return {
    id,
    format: 'ob3',
    name,
    description,
    issuer,
    credentialType: credentialTypeOf(a, path, schemaHint),
    level: ext.level,
    cost: ext.cost,
    hours: ext.hours ?? hoursOf(a, path, ctx),
    skills: dedupeLinks(links),
    requires: ext.requires,
    isPartOf: ext.isPartOf,
    ...standingField(ob3Standing(a, path, ctx)),
  };
}

/**
 * 'Degree' → 'degree', 'ext:MicroCredential' → 'micro-credential', 'Certification' → 'professional-certificate'
 * (as CTDL `ceterms:Certification`, and as datasets/README.md maps them). Without achievementType, an edubadges
 * credentialSchema `microcredential.json` → 'micro-credential'; otherwise 'badge'.
 */
function credentialTypeOf(a: JsonObject, path: string, schemaHint: string): string {
  const t = optString(a, 'achievementType', path);
  if (!t) return /microcredential/i.test(schemaHint) ? 'micro-credential' : 'badge';
  if (t === 'Certification') return 'professional-certificate';
  return t
    .replace(/^ext:/, '')
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/^micro-?credential$/, 'micro-credential');
}

/**
 * skillgraph extension terms (prefix `skillgraph:` = https://skillgraph.example/ns#, used by datasets/credentials):
 * OB3 has no fields for level, price, effort or stacking. `skillgraph:level`, `skillgraph:cost` {price, currency},
 * `skillgraph:hours`, `skillgraph:requires`, `skillgraph:isPartOf` (credential ids).
 */
function extensionTerms(a: JsonObject, path: string): { level: string; cost: number | null; hours: number | null; requires: string[]; isPartOf: string[] } {
  const level = (optString(a, 'skillgraph:level', path) ?? '').toLowerCase();
  if (level && !['beginner', 'intermediate', 'advanced'].includes(level)) throw new IngestError(IngestErrorCode.InvalidField, `level must be beginner, intermediate or advanced, got ${JSON.stringify(level)}`, { path: at(path, 'skillgraph:level') });
  let cost: number | null = null;
  const c = a['skillgraph:cost'];
  if (c !== undefined && c !== null) {
    const p = at(path, 'skillgraph:cost');
    if (!isObject(c)) throw new IngestError(IngestErrorCode.InvalidField, 'cost must be an object {price, currency}', { path: p });
    const price = toNumber(c['price']);
    if (price === null || price < 0) throw new IngestError(IngestErrorCode.InvalidField, 'price must be a non-negative number', { path: at(p, 'price') });
    const currency = (optString(c, 'currency', p) ?? 'USD').toUpperCase();
    cost = currency === 'USD' ? price : null;
  }
  let hours: number | null = null;
  if (a['skillgraph:hours'] !== undefined) {
    hours = toNumber(a['skillgraph:hours']);
    if (hours === null || hours < 0) throw new IngestError(IngestErrorCode.InvalidField, 'hours must be a non-negative number', { path: at(path, 'skillgraph:hours') });
  }
  const ids = (key: string): string[] => {
    const v = a[key];
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new IngestError(IngestErrorCode.InvalidField, `${key} must be an array of credential ids`, { path: at(path, key) });
    return [...new Set(v as string[])];
  };
  return { level, cost, hours, requires: ids('skillgraph:requires'), isPartOf: ids('skillgraph:isPartOf') };
}

/** Edubadges study load: ECTS × 28 h, SBU hours, timeInvestment hours. */
function hoursOf(a: JsonObject, path: string, ctx: ParseContext): number | null {
  const fields: [string, (n: number) => number][] = [
    ['ECTS', ectsToHours],
    ['SBU', (n) => n],
    ['timeInvestment', (n) => n],
  ];
  for (const [key, toHours] of fields) {
    if (a[key] === undefined) continue;
    const n = toNumber(a[key]);
    if (n === null || n < 0) throw new IngestError(IngestErrorCode.InvalidField, `${key} must be a non-negative number`, { path: at(path, key) });
    return toHours(n);
  }
  const credits = toNumber(a['creditsAvailable']);
  if (credits !== null) warn(ctx, 'UNCONVERTED_CREDITS', at(path, 'creditsAvailable'), 'creditsAvailable has no unit; hours left unknown');
  return null;
}

function tagsOf(a: JsonObject, path: string): string[] {
  const tags = a['tag'];
  if (tags === undefined) return [];
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) throw new IngestError(IngestErrorCode.InvalidField, 'tag must be an array of strings', { path: at(path, 'tag') });
  return (tags as string[]).map((t) => t.trim()).filter(Boolean);
}

/**
 * The recipient: `credentialSubject.id`, else `identifier[0]` (identity hash), else — allowed by OB 3.0 and
 * common in wallets' fixtures — the presenting holder when the credential came in a presentation, else an
 * anonymous subject of this credential (`urn:skillgraph:subject:<credential id>`), with a warning.
 */
function recipientOf(subject: JsonObject, path: string, vcId: string, ctx: ParseContext): Recipient {
  const id = optString(subject, 'id', path);
  if (id) return { type: id.startsWith('did:') ? 'did' : 'url', identity: id, hashed: false, salt: null };
  const ident = asArray(subject['identifier'])[0];
  if (isObject(ident)) {
    const p = at(at(path, 'identifier'), 0);
    return {
      type: optString(ident, 'identityType', p) ?? '',
      identity: reqString(ident, 'identityHash', p, 'identityHash'),
      hashed: ident['hashed'] === true,
      salt: optString(ident, 'salt', p),
    };
  }
  if (ctx.holder) {
    warn(ctx, 'SUBJECT_WITHOUT_ID', at(path, 'id'), `credentialSubject has neither id nor identifier: awarded to the presentation holder ${ctx.holder}`);
    return { type: ctx.holder.startsWith('did:') ? 'did' : 'url', identity: ctx.holder, hashed: false, salt: null };
  }
  const anonymous = `urn:skillgraph:subject:${vcId}`;
  warn(ctx, 'SUBJECT_WITHOUT_ID', at(path, 'id'), `credentialSubject has neither id nor identifier: awarded to ${anonymous}`);
  return { type: '', identity: anonymous, hashed: false, salt: null };
}

/** The proof as given, or null when absent or an empty object (`"proof": {}`). */
export function proofOf(p: unknown): unknown {
  if (p === undefined || p === null) return null;
  if (isObject(p) && Object.keys(p).length === 0) return null;
  if (Array.isArray(p) && p.length === 0) return null;
  return p;
}

function firstProofMethod(proof: unknown): string | null {
  const p = asArray(proof)[0];
  return isObject(p) && typeof p['verificationMethod'] === 'string' ? p['verificationMethod'] : null;
}
