/**
 * CTDL / CTDL-ASN documents → credentials, custom skills (competencies), pathways and, for CTDL inside a
 * VC, awards. The steps, each in its own file:
 * 1. read the document (ctdl-document.ts; shapes accepted: ctdl-node.ts): nodes, `@id`s expanded from the
 *    document's @context, `ceterms:ctid` checked;
 * 2. competencies → custom skills or O*NET aliases (ctdl-skills.ts);
 * 3. each credential node → a credential entry: issuer, skills, requirements, stacks, level, cost, hours
 *    (ctdl-credential.ts, ctdl-profile.ts; which types are credentials: ctdl-credential-type.ts);
 * 4. reverse relations: hasPart and hasChild (between credentials) → `isPartOf`; `isRequiredFor` → `requires`;
 * 5. pathways (ctdl-pathway.ts), whose owner issues the credentials in them that name no issuer;
 * 6. awards from the VCs that wrapped credentials (ctdl-award.ts).
 * A document with nothing to import is EMPTY_DOCUMENT.
 */
import type { ParseContext } from './context.ts';
import { vcAwards } from './ctdl-award.ts';
import { credentialEntry, organisationOf, type CtdlEntry } from './ctdl-credential.ts';
import { isCredentialType } from './ctdl-credential-type.ts';
import { readCtdlDocument, type CtdlDocument } from './ctdl-document.ts';
import type { CtdlNode } from './ctdl-node.ts';
import { buildPathways } from './ctdl-pathway.ts';
import { CtdlSkills } from './ctdl-skills.ts';
import { IngestError, IngestErrorCode } from './errors.ts';
import type { CredentialEntry, IngestedAward, Pathway } from './types.ts';
import { at } from './values.ts';

export interface CtdlParsed {
  readonly credentials: CredentialEntry[];
  readonly awards: IngestedAward[];
  readonly pathways: Pathway[];
  readonly skillAliases: { id: string; skillId: string }[];
}

export function parseCtdl(value: unknown, ctx: ParseContext): CtdlParsed {
  const doc = readCtdlDocument(value, ctx);
  const skills = new CtdlSkills(doc);
  const credNodes = doc.nodes.filter((n) => n.types.some(isCredentialType));
  const credIds = new Set(credNodes.map((n) => n.id));
  const entries = credentialEntries(credNodes, doc, skills, ctx);
  addReverseRelations(entries, credNodes, credIds, doc);
  const pathways = buildPathways(doc.nodes, doc.byId, credIds, doc.refs, ctx);
  issueFromPathwayOwners(entries, pathways, doc);
  const awards = doc.vcs.flatMap((vc) => vcAwards(vc.doc, vc.path, vc.achievementIds.filter((id) => credIds.has(id)), ctx));
  const credentials = [...entries.values()];
  ctx.customSkills.push(...skills.customSkills());
  const skillAliases = skills.aliases();
  if (credentials.length === 0 && pathways.length === 0 && ctx.customSkills.length === 0 && skillAliases.length === 0) {
    throw new IngestError(IngestErrorCode.EmptyDocument, `no credential, competency or pathway in this CTDL document (types seen: ${[...new Set(doc.nodes.flatMap((n) => n.types))].slice(0, 6).join(', ') || 'none'})`, { path: '' });
  }
  return { credentials, awards, pathways, skillAliases };
}

/** Credential entries by id, in document order. */
function credentialEntries(credNodes: readonly CtdlNode[], doc: CtdlDocument, skills: CtdlSkills, ctx: ParseContext): Map<string, CtdlEntry> {
  const entries = new Map<string, CtdlEntry>();
  for (const n of credNodes) {
    if (!n.id) throw new IngestError(IngestErrorCode.MissingField, 'a credential needs an @id', { path: at(n.path, '@id') });
    if (!entries.has(n.id)) entries.set(n.id, credentialEntry(n, doc, skills, ctx));
  }
  return entries;
}

/** hasPart / hasChild (credential → credential) → the part's `isPartOf`; isRequiredFor → the target's `requires`. */
function addReverseRelations(entries: ReadonlyMap<string, CtdlEntry>, credNodes: readonly CtdlNode[], credIds: ReadonlySet<string>, doc: CtdlDocument): void {
  const addTo = (id: string, field: 'isPartOf' | 'requires', value: string): void => {
    const e = entries.get(id);
    if (!e || id === value || e.credential[field].includes(value)) return;
    e.credential = { ...e.credential, [field]: [...e.credential[field], value] };
  };
  for (const n of credNodes) {
    for (const r of doc.refsAt(n, 'hasPart')) addTo(r.id, 'isPartOf', n.id);
    for (const r of doc.refsAt(n, 'hasChild')) if (credIds.has(r.id)) addTo(r.id, 'isPartOf', n.id);
    for (const r of doc.refsAt(n, 'isRequiredFor')) addTo(r.id, 'requires', n.id);
  }
}

/** A credential with no ownedBy/offeredBy inside a pathway takes the pathway owner as issuer. */
function issueFromPathwayOwners(entries: ReadonlyMap<string, CtdlEntry>, pathways: readonly Pathway[], doc: CtdlDocument): void {
  for (const pw of pathways) {
    const owner = doc.refsAt(doc.byId.get(pw.id)!, 'ownedBy')[0];
    if (!owner) continue;
    for (const c of pw.components) {
      const e = c.credentialId ? entries.get(c.credentialId) : undefined;
      if (e && !e.credential.issuer.id) e.credential = { ...e.credential, issuer: organisationOf(owner, doc) };
    }
  }
}
