import { resolvePendingReferences, unresolvedReferences, type PendingReferences } from '../engine/ingest/pending-references.ts';
import { credentialsForStore } from '../engine/ingest/to-records.ts';
import type { CredentialEntry } from '../engine/ingest/types.ts';
import type { SkillGraph } from '../taxonomy/model/skill-graph.ts';
import type { Credential, Skill, SkillLink } from '../taxonomy/model/types.ts';
import { requireRole } from './access.ts';
import { InvalidInputError } from './errors.ts';
import { catalogueIdRefusal, refusalError } from './ownership.ts';
import { systemClock } from './clock.ts';
import { verifyEndorsements } from './endorsement-verification.ts';
import { credentialsOf, parseDocument, type ParseOptions } from './parse-document.ts';
import type { Principal } from './principal.ts';
import type { TextLinker } from './text-linker.ts';
import type { Workspace } from './workspace.ts';

export interface CredentialImport {
  readonly format: string;
  readonly credentials: Credential[];
  /** Links to skills the taxonomy does not know, dropped. */
  readonly droppedLinks: number;
  /**
   * `requires` / `isPartOf` to credentials neither stored nor in the document: left out of the stored
   * credential for now and kept pending (restored when a later import brings the target).
   */
  readonly pendingReferences: number;
  /** Stored credentials of earlier imports that got a pending reference back (their target is in this document). */
  readonly restoredReferences: number;
  /** References still pending in the store after this import (all imports so far). */
  readonly pendingInStore: number;
  /** Skills of other frameworks (CASE, CTDL, custom OB3 alignments) the document named, merged into the taxonomy. */
  readonly frameworkSkills: number;
  readonly warnings: number;
}

/** Store meta key: credential references to credentials not imported yet (`PendingReferences` as JSON). */
export const PENDING_REFERENCES_META = 'import.pendingCredentialReferences';

function readPending(json: string | null): PendingReferences {
  if (json === null) return {};
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as PendingReferences) : {};
  } catch {
    return {}; // an unreadable record of pending references only loses those references, never the import
  }
}

const asLink = (l: SkillLink): SkillLink => ({ skillId: l.skillId, confidence: l.confidence, provenance: l.provenance });

/**
 * Skill links beyond those a document states: catalogue tags by exact (normalised) label, else the
 * linker's best link (all such tags linked in one batch; the linker is asked only about tags no label
 * matches). With a linker also the name and description of each credential that names no known skill
 * linked as text, and each framework skill it names mapped to the taxonomy skill the linker
 * finds best for that skill's label and description, with the linker's confidence (the framework link stays).
 */
export async function tagLinks(entries: readonly CredentialEntry[], graph: SkillGraph, linker: TextLinker | null, framework: readonly Skill[] = []): Promise<Map<string, SkillLink[]>> {
  const unmatched = linker ? [...new Set(entries.flatMap((e) => e.skillTags.filter((tag) => graph.findSkillsByLabel(tag).length === 0)))] : [];
  const linked = linker && unmatched.length > 0 ? await linker.linkMany(unmatched) : [];
  const bestOf = new Map(unmatched.map((tag, i) => [tag, linked[i]![0]]));
  const out = new Map<string, SkillLink[]>();
  for (const e of entries) {
    const links: SkillLink[] = [];
    for (const tag of e.skillTags) {
      const source = `skills: ${tag}`;
      const exact = graph.findSkillsByLabel(tag);
      if (exact.length > 0) {
        for (const skillId of exact) links.push({ skillId, confidence: 0.9, provenance: { kind: 'catalogue', source, span: null } });
      } else {
        const best = bestOf.get(tag);
        if (best) links.push({ skillId: best.skillId, confidence: best.confidence, provenance: { kind: 'catalogue', source, span: null } });
      }
    }
    out.set(e.credential.id, links);
  }
  // text is linked only where the document names no skill the taxonomy knows (its alignments say it better)
  const unaligned = entries.filter((e) => !e.credential.skills.some((l) => graph.skill(l.skillId) !== undefined));
  if (linker && unaligned.length > 0) {
    // A credential's name and description are course text: its calibration (issue 18).
    const fromText = await (linker.withKind?.('course') ?? linker).linkMany(unaligned.map((e) => `${e.credential.name}\n${e.credential.description}`));
    unaligned.forEach((e, i) => out.set(e.credential.id, [...(out.get(e.credential.id) ?? []), ...fromText[i]!.map(asLink)]));
  }
  if (linker && framework.length > 0) {
    const best = await linker.linkMany(framework.map((s) => `${s.preferredLabel}\n${s.description}`));
    const mapped = new Map(
      framework.flatMap((s, i) => {
        // map onto the taxonomy proper (ESCO / O*NET), never onto another framework skill
        const top = best[i]!.find((l) => graph.skill(l.skillId) !== undefined && graph.skill(l.skillId)!.source !== 'custom');
        return top ? [[s.id, { skillId: top.skillId, confidence: top.confidence, provenance: { kind: 'alignment' as const, source: `mapped from ${s.id}`, span: null } }] as const] : [];
      }),
    );
    for (const e of entries) {
      const extra = e.credential.skills.flatMap((l) => (mapped.has(l.skillId) ? [mapped.get(l.skillId)!] : []));
      if (extra.length > 0) out.set(e.credential.id, [...(out.get(e.credential.id) ?? []), ...extra]);
    }
  }
  return out;
}

/**
 * Imports credential definitions (Open Badges 2.0/3.0, CLR 2.0, CTDL, a course catalogue) in one store
 * transaction: the skills they state that the taxonomy knows, catalogue tags by label (else the
 * linker's best link; the linker is asked only about tags no label matches). A reference to a
 * credential neither stored nor in the document (a prerequisite in a file imported later) is left out
 * and kept pending in the store's meta; an import that brings its target restores it on the stored
 * credential in the same transaction. Skills of
 * other frameworks the document names (CASE, CTDL, OB3 alignments without an ESCO / O*NET target) are
 * merged into the taxonomy first as framework skills, so their links are kept. With a linker, names and
 * descriptions are linked as text and framework skills mapped onto the taxonomy (see `tagLinks`).
 * Admins only (the CLI too); an id in candidates' private evidence namespace is refused
 * (app/ownership.ts) and the document changes nothing.
 */
export async function importCredentials(ws: Workspace, principal: Principal | null, document: unknown, opts: ParseOptions = {}): Promise<CredentialImport> {
  requireRole(principal, ['admin'], 'importing credentials');
  const result = credentialsOf(parseDocument(document, opts), opts.source);
  if (result.credentials.length === 0) throw new InvalidInputError(`${opts.source ?? 'the document'} holds no credential definition`, 'document');
  for (const [i, e] of result.credentials.entries()) {
    const bad = catalogueIdRefusal(e.credential.id, result.credentials.length === 1 ? 'document.id' : `document[${i}].id`);
    if (bad) throw refusalError(bad, opts.source);
  }
  const framework = 'customSkills' in result ? result.customSkills : [];
  if (framework.length > 0) {
    await ws.store.importTaxonomy({ skills: [...framework], groups: [], broader: [], skillRelations: [], occupations: [], occupationSkills: [], crosswalk: [] }, { mode: 'merge' });
    await ws.reloadTaxonomy();
  }
  const tags = await tagLinks(result.credentials, ws.graph, ws.linker, framework);
  const linked = credentialsForStore(
    result.credentials,
    (id) => ws.graph.skill(id) !== undefined,
    (id) => ws.records.credentials.has(id),
    (e) => tags.get(e.credential.id) ?? [],
  );
  // issue 20: embedded endorsements are verified here, with the workspace's verifier
  const prepared = { ...linked, credentials: await verifyEndorsements(ws.verifier, document, linked.credentials, opts.now ?? systemClock()) };
  // references into files imported later stay pending, and earlier pending ones are restored now
  const inBatch = new Set(result.credentials.map((e) => e.credential.id));
  const known = (id: string): boolean => inBatch.has(id) || ws.records.credentials.has(id);
  const incoming = unresolvedReferences(result.credentials.map((e) => e.credential), known);
  const resolved = resolvePendingReferences(readPending(await ws.store.getMeta(PENDING_REFERENCES_META)), known, incoming, inBatch, (id) => ws.records.credentials.get(id));
  const credentials = [...prepared.credentials, ...resolved.updates];
  await ws.store.putRecords({ credentials });
  await ws.store.setMeta(PENDING_REFERENCES_META, JSON.stringify(resolved.pending));
  ws.apply({ credentials });
  return {
    format: result.format,
    credentials: prepared.credentials,
    droppedLinks: prepared.droppedLinks,
    pendingReferences: prepared.droppedReferences,
    restoredReferences: resolved.updates.length,
    pendingInStore: Object.values(resolved.pending).reduce((n, r) => n + r.requires.length + r.isPartOf.length, 0),
    frameworkSkills: framework.length,
    warnings: result.warnings.length,
  };
}
