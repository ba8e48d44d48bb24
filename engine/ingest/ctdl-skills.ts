/**
 * CTDL competencies → skills. A Competency node becomes a custom skill or, when it is coded in an O*NET framework,
 * an alias of the taxonomy's onet: id. A skill reference (id, inline Competency, CredentialAlignmentObject.targetNode)
 * becomes an explicit link, confidence 1: ESCO ids as they are, aliased ids to their alias, other ids as custom skills
 * (added when labelled inline).
 */
import type { Skill, SkillLink } from '../../taxonomy/model/types.ts';
import { customSkill, dedupeSkills, escoSkillId, explicit, onetSkillId } from './alignment.ts';
import type { CtdlDocument } from './ctdl-document.ts';
import { prop, text, textOf, type CtdlNode, type CtdlRef } from './ctdl-node.ts';
import { IngestError, IngestErrorCode } from './errors.ts';
import { asArray, at, type JsonObject } from './values.ts';

type Lookup = (k: string) => { value: unknown } | undefined;

export class CtdlSkills {
  private readonly doc: CtdlDocument;
  private readonly competencyIds = new Set<string>();
  private readonly aliasOf = new Map<string, string>();
  private readonly skills: Skill[] = [];

  constructor(doc: CtdlDocument) {
    this.doc = doc;
    const onetFrameworks = new Set(doc.nodes.filter((n) => doc.frameworkIds.has(n.id) && /o\s*\*\s*net/i.test(text(n, 'name'))).map((n) => n.id));
    for (const n of doc.nodes) if (n.types.includes('Competency')) this.addCompetency(n, onetFrameworks);
  }

  /** A skill reference → link (+ custom skill when labelled inline); null when it names no skill. */
  linkOf(r: CtdlRef): SkillLink | null {
    let id = r.id;
    let label = '';
    let description = '';
    if (r.inline) {
      const node = r.inline;
      const tn = node['ceterms:targetNode'] ?? node['targetNode'];
      if (tn !== undefined) id = this.doc.refs(tn, '')[0]?.id ?? '';
      label = competencyLabel(inlineLookup(node)) || textOf(node['ceterms:targetNodeName'] ?? node['targetNodeName']);
      description = textOf(node['ceasn:competencyText'] ?? node['competencyText'] ?? node['ceterms:targetNodeDescription'] ?? node['targetNodeDescription']);
    }
    if (!id) return null;
    const esco = escoSkillId(id);
    if (esco) return explicit(esco, r.path);
    const alias = this.aliasOf.get(id);
    if (alias) return explicit(alias, r.path);
    if (label) this.skills.push(customSkill(id, label, description));
    return explicit(id, r.path);
  }

  /** Whether a reference names a competency (known here, or an inline Competency / alignment object). */
  isCompetencyRef(r: CtdlRef): boolean {
    if (this.competencyIds.has(r.id) || this.aliasOf.has(r.id)) return true;
    if (!r.inline) return false;
    const types = asArray(r.inline['@type'] ?? r.inline['type']).map(String);
    return types.some((t) => /Competency$|AlignmentObject$/.test(t));
  }

  /** The custom skills met so far: Competency nodes first, then labelled inline references. */
  customSkills(): Skill[] {
    return dedupeSkills(this.skills);
  }

  aliases(): { id: string; skillId: string }[] {
    return [...this.aliasOf].map(([id, skillId]) => ({ id, skillId }));
  }

  private addCompetency(n: CtdlNode, onetFrameworks: ReadonlySet<string>): void {
    if (!n.id) throw new IngestError(IngestErrorCode.MissingField, 'a Competency needs an @id', { path: at(n.path, '@id') });
    this.competencyIds.add(n.id);
    const code = text(n, 'codedNotation');
    const inOnet = this.doc.refs(prop(n, 'isPartOf')?.value, '').some((r) => onetFrameworks.has(r.id));
    const onet = inOnet && code ? onetSkillId(code) : null;
    if (onet) {
      this.aliasOf.set(n.id, onet);
      return;
    }
    const label = competencyLabel(n.props.get.bind(n.props));
    if (label) this.skills.push(customSkill(n.id, label, text(n, 'competencyText')));
  }
}

/** An inline object's property by local name: as written, then `ceasn:`, then `ceterms:`. */
function inlineLookup(node: JsonObject): Lookup {
  return (k) => {
    if (k in node) return { value: node[k] };
    if (node[`ceasn:${k}`] !== undefined) return { value: node[`ceasn:${k}`] };
    if (node[`ceterms:${k}`] !== undefined) return { value: node[`ceterms:${k}`] };
    return undefined;
  };
}

function competencyLabel(get: Lookup): string {
  for (const k of ['competencyLabel', 'name', 'prefLabel', 'skos:prefLabel', 'competencyText', 'targetNodeName']) {
    const t = textOf(get(k)?.value);
    if (t) return t.length > 200 ? `${t.slice(0, 197)}…` : t;
  }
  return '';
}
