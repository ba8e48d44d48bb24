/**
 * CLR 2.0 ClrCredential: credentialSubject.verifiableCredential[] → one Award/Credential each (parsed as OB3);
 * credentialSubject.association[] with associationType isChildOf / isPartOf → the source achievement stacks
 * into the target (Credential.isPartOf). Each award keeps its own inner VC as `raw` (its proof is the
 * achievement issuer's); the bundle's own proof is the CLR issuer's and is verified on the whole document.
 */
import type { Credential } from '../../taxonomy/model/types.ts';
import { type ParseContext } from './context.ts';
import { IngestError, IngestErrorCode } from './errors.ts';
import { parseOb3Credential } from './ob3.ts';
import type { CredentialEntry, IngestedAward } from './types.ts';
import { at, isObject, optString, reqObject, typesOf, type JsonObject } from './values.ts';

export function isClrCredential(v: unknown): v is JsonObject {
  return isObject(v) && typesOf(v).includes('ClrCredential');
}

const STACKING_ASSOCIATIONS = new Set(['isChildOf', 'isPartOf']);
const REVERSE_ASSOCIATIONS = new Set(['isParentOf']);

export function parseClr(doc: JsonObject, ctx: ParseContext): { credentials: CredentialEntry[]; awards: IngestedAward[] } {
  const subject = reqObject(doc, 'credentialSubject', '');
  const vcs = subject['verifiableCredential'];
  const vcPath = 'credentialSubject.verifiableCredential';
  if (vcs === undefined) throw new IngestError(IngestErrorCode.MissingField, 'a ClrCredential bundles credentialSubject.verifiableCredential[]', { path: vcPath });
  if (!Array.isArray(vcs)) throw new IngestError(IngestErrorCode.InvalidField, 'verifiableCredential must be an array', { path: vcPath });
  if (vcs.length === 0) throw new IngestError(IngestErrorCode.EmptyDocument, 'the CLR bundles no credentials', { path: vcPath });
  const byId = new Map<string, Credential>();
  const order: string[] = [];
  const tags = new Map<string, readonly string[]>();
  const awards: IngestedAward[] = [];
  for (const [i, vc] of vcs.entries()) {
    const p = at(vcPath, i);
    if (!isObject(vc)) throw new IngestError(IngestErrorCode.InvalidField, 'each bundled credential must be a JSON object (VC-JWT strings are not supported)', { path: p });
    const { entry, award } = parseOb3Credential(vc, p, ctx);
    const c = { ...entry.credential, format: 'clr' as const };
    if (!byId.has(c.id)) {
      byId.set(c.id, c);
      order.push(c.id);
      tags.set(c.id, entry.skillTags);
    }
    awards.push(award);
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
    if (!c) throw new IngestError(IngestErrorCode.InvalidField, `association ${type} names ${child}, which is no bundled achievement`, { path: at(p, child === source ? 'sourceId' : 'targetId') });
    if (!c.isPartOf.includes(parent)) byId.set(child, { ...c, isPartOf: [...c.isPartOf, parent] });
  }
  return { credentials: order.map((id) => ({ credential: byId.get(id)!, skillTags: tags.get(id) ?? [], requiredSkillIds: [] })), awards };
}
