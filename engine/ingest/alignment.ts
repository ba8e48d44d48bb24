/**
 * Explicit alignments → skill links. ESCO skill URIs and O*NET element ids link with confidence 1 to
 * taxonomy ids; other skill-like alignments (CASE CFItem, CTDL Competency) link to a custom skill whose
 * id is the alignment URL, returned beside the links so the importer can add it (source 'custom').
 */
import type { Skill, SkillLink } from '../../taxonomy/model/types.ts';

const ESCO_SKILL = /^https?:\/\/data\.europa\.eu\/esco\/skill\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const ESCO_OCCUPATION = /^https?:\/\/data\.europa\.eu\/esco\/occupation\/([0-9a-f-]{36})$/i;
/** O*NET content-model element ids: `2.A.1.a`, `2.C.3.a`, `1.A.1.a.1`, `4.A.2.a.4`. */
const ONET_ELEMENT = /^[1-7]\.[A-Z](?:\.\d+(?:\.[a-z](?:\.\d+)?)?)?$/;
/** O*NET-SOC occupation codes (`15-1252.00`) or SOC codes (`15-1252`): occupations, never skills. */
const SOC_CODE = /^\d{2}-\d{4}(?:\.\d{2})?$/;

/** The canonical ESCO skill id (`http://data.europa.eu/esco/skill/<uuid>`), or null. */
export function escoSkillId(value: string): string | null {
  const m = ESCO_SKILL.exec(value.trim());
  return m ? `http://data.europa.eu/esco/skill/${m[1]!.toLowerCase()}` : null;
}

export function escoOccupationId(value: string): string | null {
  const m = ESCO_OCCUPATION.exec(value.trim());
  return m ? `http://data.europa.eu/esco/occupation/${m[1]!.toLowerCase()}` : null;
}

/** `onet:<element id>` for an O*NET element id (also `onet:2.A.1.a` itself), else null. SOC codes return null. */
export function onetSkillId(value: string): string | null {
  const v = value.trim().replace(/^onet:/i, '');
  return ONET_ELEMENT.test(v) ? `onet:${v}` : null;
}

/** `onet:<O*NET-SOC code>` (6-digit SOC gets `.00`), else null. */
export function onetOccupationId(value: string): string | null {
  const v = value.trim().replace(/^onet:/i, '');
  if (!SOC_CODE.test(v)) return null;
  return `onet:${v.includes('.') ? v : `${v}.00`}`;
}

/** Alignment target types that denote a skill or competency (not a credential, level or QA decision). */
const SKILL_TARGET_TYPES = new Set(['cfitem', 'ceasn:competency', 'competency', 'ceterms:competency', 'skill', 'esco', 'onet', 'o*net', 'rsd', 'ext:skill']);
/** Target types that are certainly not skills. */
const NON_SKILL_TARGET_TYPES = new Set(['ceterms:credential', 'ext:eqf', 'ext:qualityassurance', 'cfrubric', 'cfrubriccriterion', 'cfrubriccriterionlevel', 'ctdl']);

export interface AlignmentInput {
  readonly targetUrl?: string | null;
  readonly targetCode?: string | null;
  readonly targetName?: string | null;
  readonly targetDescription?: string | null;
  readonly targetFramework?: string | null;
  /** OB3 `targetType`; absent in OB2 (every OB2 alignment with a URL is treated as a skill). */
  readonly targetType?: string | null;
}

export interface AlignmentLink {
  readonly link: SkillLink;
  /** Present when the link points to a custom (non-taxonomy) skill. */
  readonly customSkill: Skill | null;
}

/**
 * Classify one alignment. `path` is the JSON path of the alignment object (`…alignment[2]`);
 * the provenance source names the field that carried the id (`…alignment[2].targetUrl`).
 * Returns null for alignments that are not skills.
 */
export function alignmentToLink(a: AlignmentInput, path: string, opts: { requireSkillType: boolean }): AlignmentLink | null {
  const url = a.targetUrl?.trim() ?? '';
  const code = a.targetCode?.trim() ?? '';
  const type = a.targetType?.trim().toLowerCase() ?? '';
  const esco = (url && escoSkillId(url)) || (code && escoSkillId(code));
  if (esco) return { link: explicit(esco, `${path}.${url && escoSkillId(url) ? 'targetUrl' : 'targetCode'}`), customSkill: null };
  const framework = `${a.targetFramework ?? ''} ${url}`;
  const onet = code ? onetSkillId(code) : null;
  if (onet && (/o\s*\*?\s*net/i.test(framework) || type === 'onet' || type === 'o*net')) {
    return { link: explicit(onet, `${path}.targetCode`), customSkill: null };
  }
  // an O*NET descriptor URL ending in an element id (`…onetonline.org/find/descriptor/result/2.A.1.a`)
  const tail = /onet/i.test(url) ? onetSkillId(url.replace(/[?#].*$/, '').split('/').pop() ?? '') : null;
  if (tail) return { link: explicit(tail, `${path}.targetUrl`), customSkill: null };
  if (NON_SKILL_TARGET_TYPES.has(type)) return null;
  if (opts.requireSkillType && !SKILL_TARGET_TYPES.has(type)) return null;
  const id = url || (code ? `urn:alignment:${code}` : '');
  const label = a.targetName?.trim() ?? '';
  if (!id || !label) return null;
  return {
    link: explicit(id, `${path}.${url ? 'targetUrl' : 'targetCode'}`),
    customSkill: frameworkSkill(id, label, a.targetDescription?.trim() ?? '', a.targetFramework?.trim() ?? '', code),
  };
}

/**
 * A skill of another framework (CASE, CTDL, custom): id = its URL (or `urn:alignment:<code>`), its name, and
 * framework and code kept — the code as an alternative label, both named in the description.
 */
export function frameworkSkill(id: string, label: string, description: string, framework: string, code: string): Skill {
  const origin = [framework ? `Framework: ${framework}.` : '', code ? `Code: ${code}.` : ''].filter(Boolean).join(' ');
  const skill = customSkill(id, label, [description, origin].filter(Boolean).join(' '));
  return code && code !== label ? { ...skill, altLabels: [code] } : skill;
}

export function explicit(skillId: string, source: string): SkillLink {
  return { skillId, confidence: 1, provenance: { kind: 'alignment', source, span: null } };
}

export function customSkill(id: string, label: string, description: string): Skill {
  return { id, source: 'custom', preferredLabel: label, altLabels: [], hiddenLabels: [], description, skillType: '', reuseLevel: '' };
}

/** Keep the first link per skill id and the first custom skill per id (document order). */
export function dedupeLinks(links: readonly SkillLink[]): SkillLink[] {
  const seen = new Set<string>();
  return links.filter((l) => (seen.has(l.skillId) ? false : (seen.add(l.skillId), true)));
}

export function dedupeSkills(skills: readonly Skill[]): Skill[] {
  const seen = new Set<string>();
  return skills.filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)));
}
