/**
 * CTDL JSON-LD (Credential Engine) for a credential and for a role's requirement profile: skills as
 * `ceterms:targetCompetency` CredentialAlignmentObjects of a `ceterms:requires` ConditionProfile (ESCO /
 * O*NET / framework URIs as `ceterms:targetNode`), language maps for text, a CTID derived from the record
 * id. What Credential Engine's minimum data policy asks and skillgraph does not know (subject webpage,
 * owning organisation's CTID, …) is reported in `missing`, never invented. Pure.
 */
import type { Credential, Role, Skill, SkillLink } from '../../taxonomy/model/types.ts';

export const CTDL_CONTEXT = 'https://credreg.net/ctdl/schema/context/json';

const CREDENTIAL_CLASS: Readonly<Record<string, string>> = {
  badge: 'ceterms:DigitalBadge',
  'micro-credential': 'ceterms:MicroCredential',
  certificate: 'ceterms:Certificate',
  'professional-certificate': 'ceterms:Certification',
  degree: 'ceterms:Degree',
  course: 'ceterms:Certificate',
  specialization: 'ceterms:Certificate',
};

export interface CtdlExport {
  readonly document: Record<string, unknown>;
  /** CTDL minimum-data properties that could not be filled from skillgraph's records. */
  readonly missing: readonly string[];
}

/** A deterministic CTID (`ce-` + UUID-shaped hex) from a record id (FNV-1a over four seeds). */
export function ctidOf(id: string): string {
  const hex = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b]
    .map((seed) => {
      let h = seed >>> 0;
      for (const ch of id) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
      return h.toString(16).padStart(8, '0');
    })
    .join('');
  return `ce-${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((Number.parseInt(hex[16] ?? '0', 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const lang = (text: string): Record<string, string> => ({ 'en-US': text });

type Node = Record<string, unknown>;
const some = (x: Node | null): Node[] => (x ? [x] : []);

function frameworkOf(skillId: string): { name: string; url: string } | null {
  if (/^https?:\/\/data\.europa\.eu\/esco\//.test(skillId)) return { name: 'ESCO', url: 'http://data.europa.eu/esco/concept-scheme/skills' };
  if (skillId.startsWith('onet:')) return { name: 'O*NET', url: 'https://www.onetcenter.org/content.html' };
  return null;
}

/** One skill link → a `ceterms:CredentialAlignmentObject`; null without a resolvable node URI. */
export function competencyAlignment(link: SkillLink, skill: Skill | undefined, weight?: number): Record<string, unknown> | null {
  const node = link.skillId.startsWith('onet:') ? `https://www.onetonline.org/find/descriptor/result/${link.skillId.slice(5)}` : link.skillId;
  if (!/^https?:\/\//.test(node)) return null;
  const framework = frameworkOf(link.skillId);
  return {
    '@type': 'ceterms:CredentialAlignmentObject',
    'ceterms:targetNode': node,
    'ceterms:targetNodeName': lang(skill?.preferredLabel || link.skillId),
    ...(skill?.description ? { 'ceterms:targetNodeDescription': lang(skill.description) } : {}),
    ...(framework ? { 'ceterms:framework': framework.url, 'ceterms:frameworkName': lang(framework.name) } : {}),
    ...(weight !== undefined ? { 'ceterms:weight': weight } : {}),
  };
}

function requiresProfile(description: string, alignments: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  if (alignments.length === 0) return [];
  return [{ '@type': 'ceterms:ConditionProfile', 'ceterms:description': lang(description), 'ceterms:targetCompetency': alignments }];
}

/** A credential as a CTDL credential class (`ceterms:DigitalBadge`, `ceterms:Certificate`, …). */
export function credentialAsCtdl(credential: Credential, skillOf: (id: string) => Skill | undefined): CtdlExport {
  const alignments = credential.skills.flatMap((l) => some(competencyAlignment(l, skillOf(l.skillId))));
  const missing: string[] = [];
  const webpage = /^https?:\/\//.test(credential.id) ? credential.id : null;
  if (!webpage) missing.push('ceterms:subjectWebpage');
  if (!/^https?:\/\//.test(credential.issuer.id)) missing.push('ceterms:ownedBy');
  const requires = [...requiresProfile(`Competencies ${credential.name} attests`, alignments), ...assessmentProfiles(credential)];
  const partOf = credential.isPartOf.filter((id) => /^https?:\/\//.test(id));
  const document: Node = {
    '@context': CTDL_CONTEXT,
    '@id': `https://credentialengineregistry.org/resources/${ctidOf(credential.id)}`,
    '@type': CREDENTIAL_CLASS[credential.credentialType] ?? 'ceterms:Credential',
    'ceterms:ctid': ctidOf(credential.id),
    'ceterms:name': lang(credential.name),
    'ceterms:description': lang(credential.description || credential.name),
    'ceterms:inLanguage': ['en-US'],
    'ceterms:credentialStatusType': { '@type': 'ceterms:CredentialAlignmentObject', 'ceterms:framework': 'https://credreg.net/ctdl/terms/CredentialStatus', 'ceterms:targetNode': 'credentialStat:Active', 'ceterms:frameworkName': lang('Credential Status'), 'ceterms:targetNodeName': lang('Active') },
    ...(webpage ? { 'ceterms:subjectWebpage': webpage } : {}),
    ...(/^https?:\/\//.test(credential.issuer.id) ? { 'ceterms:ownedBy': [credential.issuer.id] } : {}),
    ...(credential.hours !== null ? { 'ceterms:estimatedDuration': [{ '@type': 'ceterms:DurationProfile', 'ceterms:exactDuration': `PT${Math.round(credential.hours)}H` }] } : {}),
    ...(requires.length > 0 ? { 'ceterms:requires': requires } : {}),
    ...(partOf.length > 0 ? { 'ceterms:isPartOf': partOf } : {}),
    ...recognitionProperties(credential),
  };
  return { document, missing };
}

const CTDL_RECOGNITION = ['accreditedBy', 'recognizedBy', 'approvedBy', 'regulatedBy'] as const;

/**
 * Stated recognition written back in CTDL's own properties (issue 20): each agent as a reference organisation (its id
 * when it has one, its name). OB3 endorsements have no CTDL property and are not turned into one.
 */
function recognitionProperties(credential: Credential): Node {
  const out: Node = {};
  for (const kind of CTDL_RECOGNITION) {
    const agents = (credential.standing?.recognition ?? [])
      .filter((r) => r.kind === kind && (r.agentId || r.agentName))
      .map((r) => ({ ...(r.agentId ? { '@id': r.agentId } : {}), '@type': 'ceterms:QACredentialOrganization', ...(r.agentName ? { 'ceterms:name': lang(r.agentName) } : {}) }));
    if (agents.length > 0) out[`ceterms:${kind}`] = agents;
  }
  return out;
}

/**
 * Stated assessment written back (issue 20): assessment methods as a condition whose `ceterms:targetAssessment` is an
 * AssessmentProfile with the method description; criteria and result descriptions as a condition's description.
 */
function assessmentProfiles(credential: Credential): Node[] {
  const stated = credential.standing?.assessment ?? [];
  const methods = stated.filter((a) => a.kind === 'assessment');
  const criteria = stated.filter((a) => a.kind !== 'assessment');
  return [
    ...(methods.length > 0
      ? [
          {
            '@type': 'ceterms:ConditionProfile',
            'ceterms:description': lang(`Pass the assessment of ${credential.name}`),
            'ceterms:targetAssessment': methods.map((m) => ({ '@type': 'ceterms:AssessmentProfile', 'ceterms:name': lang(`${credential.name} assessment`), 'ceterms:assessmentMethodDescription': lang(m.description) })),
          },
        ]
      : []),
    ...criteria.map((c) => ({ '@type': 'ceterms:ConditionProfile', 'ceterms:description': lang(c.description) })),
  ];
}

/** A role's requirement profile as a CTDL `ceterms:Job` with weighted (essential / optional) competencies. */
export function roleAsCtdl(role: Role, skillOf: (id: string) => Skill | undefined): CtdlExport {
  const link = (skillId: string): SkillLink => ({ skillId, confidence: 1, provenance: { kind: 'taxonomy', source: role.id, span: null } });
  const essential = role.requirements.filter((r) => r.essential).flatMap((r) => some(competencyAlignment(link(r.skillId), skillOf(r.skillId), r.weight)));
  const optional = role.requirements.filter((r) => !r.essential).flatMap((r) => some(competencyAlignment(link(r.skillId), skillOf(r.skillId), r.weight)));
  const missing: string[] = [];
  if (!/^https?:\/\//.test(role.organisationId)) missing.push('ceterms:offeredBy');
  const occupation = role.occupationId && /^https?:\/\//.test(role.occupationId) ? role.occupationId : role.occupationId?.startsWith('onet:') ? `https://www.onetonline.org/link/summary/${role.occupationId.slice(5)}` : null;
  const document: Record<string, unknown> = {
    '@context': CTDL_CONTEXT,
    '@id': `https://credentialengineregistry.org/resources/${ctidOf(role.id)}`,
    '@type': 'ceterms:Job',
    'ceterms:ctid': ctidOf(role.id),
    'ceterms:name': lang(role.title),
    'ceterms:description': lang(`Requirement profile of ${role.title}: ${essential.length} essential and ${optional.length} optional competencies.`),
    ...(/^https?:\/\//.test(role.organisationId) ? { 'ceterms:offeredBy': [role.organisationId] } : {}),
    ...(occupation ? { 'ceterms:hasOccupation': [occupation] } : {}),
    'ceterms:requires': [...requiresProfile('Essential competencies', essential), ...requiresProfile('Optional competencies', optional)],
  };
  if ((document['ceterms:requires'] as unknown[]).length === 0) delete document['ceterms:requires'];
  return { document, missing };
}
