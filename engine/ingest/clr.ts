/**
 * CLR 2.0 ClrCredential: credentialSubject.verifiableCredential[] (JSON or VC-JWT) → one Award/Credential each
 * (parsed as OB3); credentialSubject.achievement[] → credential definitions for achievements no bundled
 * credential awards; credentialSubject.association[] with associationType isChildOf / isPartOf (isParentOf
 * reversed) → the source achievement stacks into the target (Credential.isPartOf). An association naming an
 * achievement the CLR does not carry is a warning (DANGLING_ASSOCIATION), not a refusal. Each award keeps its
 * own inner VC as `raw` (its proof is the achievement issuer's); the bundle's proof is verified on the whole document.
 */
import type { Credential } from '../../taxonomy/model/types.ts';
import { type ParseContext } from './context.ts';
import { IngestError, IngestErrorCode } from './errors.ts';
import { warn } from './context.ts';
import { credentialFromJws, isCompactJws } from './jwt.ts';
import { achievementToCredential, parseOb3Credential } from './ob3.ts';
import type { CredentialEntry, IngestedAward } from './types.ts';
import { at, isObject, optString, reqObject, typesOf, type JsonObject } from './values.ts';

export function isClrCredential(v: unknown): v is JsonObject {
  return isObject(v) && typesOf(v).includes('ClrCredential');
}

const STACKING_ASSOCIATIONS = new Set(['isChildOf', 'isPartOf']);
const REVERSE_ASSOCIATIONS = new Set(['isParentOf']);

export function parseClr(doc: JsonObject, ctx: ParseContext): { credentials: CredentialEntry[]; awards: IngestedAward[] } {
  const subject = reqObject(doc, 'credentialSubject', '');
  const vcsV = subject['verifiableCredential'];
  const vcPath = 'credentialSubject.verifiableCredential';
  const achV = subject['achievement'];
  const achPath = 'credentialSubject.achievement';
  if (vcsV !== undefined && !Array.isArray(vcsV)) throw new IngestError(IngestErrorCode.InvalidField, 'verifiableCredential must be an array', { path: vcPath });
  if (achV !== undefined && !Array.isArray(achV) && !isObject(achV)) throw new IngestError(IngestErrorCode.InvalidField, 'achievement must be an array of Achievements', { path: achPath });
  const vcs: unknown[] = vcsV ?? [];
  const achievements: unknown[] = achV === undefined ? [] : Array.isArray(achV) ? achV : [achV];
  if (vcs.length === 0 && achievements.length === 0) throw new IngestError(IngestErrorCode.EmptyDocument, 'the CLR carries no credentials: neither credentialSubject.verifiableCredential[] nor credentialSubject.achievement[]', { path: vcPath });
  const byId = new Map<string, Credential>();
  const order: string[] = [];
  const tags = new Map<string, readonly string[]>();
  const awards: IngestedAward[] = [];
  for (const [i, vc] of vcs.entries()) {
    const p = at(vcPath, i);
    const jwt = typeof vc === 'string' && isCompactJws(vc) ? vc : null;
    const doc = jwt ? credentialFromJws(jwt).credential : vc;
    if (!isObject(doc)) throw new IngestError(IngestErrorCode.InvalidField, 'each bundled credential must be a JSON object or a compact VC-JWT', { path: p });
    const parsed = parseOb3Credential(doc, p, ctx);
    const entry = parsed.entry;
    const award = jwt ? { ...parsed.award, verificationMethod: { type: 'jwt' as const, url: null }, proof: null, raw: jwt } : parsed.award;
    const c = { ...entry.credential, format: 'clr' as const };
    if (!byId.has(c.id)) {
      byId.set(c.id, c);
      order.push(c.id);
      tags.set(c.id, entry.skillTags);
    }
    awards.push(award);
  }
  for (const [i, a] of achievements.entries()) {
    const p = Array.isArray(achV) ? at(achPath, i) : achPath;
    if (!isObject(a)) throw new IngestError(IngestErrorCode.InvalidField, 'an achievement must be an object', { path: p });
    const c = { ...achievementToCredential(a, p, doc['issuer'], 'issuer', ctx), format: 'clr' as const };
    if (byId.has(c.id)) continue;
    byId.set(c.id, c);
    order.push(c.id);
    tags.set(c.id, []);
    warn(ctx, 'ACHIEVEMENT_WITHOUT_CREDENTIAL', p, `achievement ${c.id} is listed but no bundled credential awards it: kept as a credential definition, not an award`);
  }
  const assocs = subject['association'];
  if (assocs !== undefined && !Array.isArray(assocs)) throw new IngestError(IngestErrorCode.InvalidField, 'association must be an array', { path: 'credentialSubject.association' });
  for (const [i, a] of (assocs ?? []).entries()) {
    const p = at('credentialSubject.association', i);
    if (!isObject(a)) throw new IngestError(IngestErrorCode.InvalidField, 'an association must be an object', { path: p });
    const type = optString(a, 'associationType', p) ?? '';
    const source = optString(a, 'sourceId', p);
    const target = optString(a, 'targetId', p);
    if (!source || !target) throw new IngestError(IngestErrorCode.MissingField, 'an association needs sourceId and targetId', { path: at(p, source ? 'targetId' : 'sourceId') });
    const [child, parent] = STACKING_ASSOCIATIONS.has(type) ? [source, target] : REVERSE_ASSOCIATIONS.has(type) ? [target, source] : [null, null];
    if (!child || !parent) continue;
    const c = byId.get(child);
    if (!c) {
      warn(ctx, 'DANGLING_ASSOCIATION', at(p, child === source ? 'sourceId' : 'targetId'), `association ${type} names ${child}, which this CLR does not carry: the association is skipped`);
      continue;
    }
    if (!byId.has(parent)) warn(ctx, 'DANGLING_ASSOCIATION', at(p, parent === source ? 'sourceId' : 'targetId'), `association ${type} names ${parent}, which this CLR does not carry: kept as a reference`);
    if (!c.isPartOf.includes(parent)) byId.set(child, { ...c, isPartOf: [...c.isPartOf, parent] });
  }
  return { credentials: order.map((id) => ({ credential: byId.get(id)!, skillTags: tags.get(id) ?? [], requiredSkillIds: [] })), awards };
}
