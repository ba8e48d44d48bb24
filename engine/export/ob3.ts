/**
 * A credential's skills as Open Badges 3.0: `alignment[]` entries (ESCO skills with their URI as
 * `targetUrl`, `targetFramework` 'ESCO', `targetCode` the concept UUID; O*NET elements and framework
 * skills with their own URL / code), an `Achievement`, and an unsigned `OpenBadgeCredential` for an award.
 * Pure: the caller passes the skills (labels) it knows. Validated in tests against 1EdTech's published
 * OB 3.0 JSON Schema.
 */
import type { Award, Credential, Skill, SkillLink } from '../../taxonomy/model/types.ts';

export const OB3_CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'] as const;

const ESCO_SKILL = /^https?:\/\/data\.europa\.eu\/esco\/skill\/([0-9a-f-]{36})$/i;

export interface Ob3Alignment {
  readonly type: readonly ['Alignment'];
  readonly targetName: string;
  readonly targetUrl: string;
  readonly targetType: string;
  readonly targetFramework?: string;
  readonly targetCode?: string;
  readonly targetDescription?: string;
}

/** One skill link → an OB 3.0 Alignment; null when the skill has no resolvable URL. */
export function skillAlignment(link: SkillLink, skill: Skill | undefined): Ob3Alignment | null {
  const name = skill?.preferredLabel || link.skillId;
  const esco = ESCO_SKILL.exec(link.skillId);
  if (esco) {
    return { type: ['Alignment'], targetName: name, targetUrl: link.skillId, targetType: 'ceasn:Competency', targetFramework: 'ESCO', targetCode: esco[1]!.toLowerCase(), ...(skill?.description ? { targetDescription: skill.description } : {}) };
  }
  if (link.skillId.startsWith('onet:')) {
    const code = link.skillId.slice('onet:'.length);
    return { type: ['Alignment'], targetName: name, targetUrl: `https://www.onetonline.org/find/descriptor/result/${code}`, targetType: 'ceasn:Competency', targetFramework: 'O*NET', targetCode: code };
  }
  if (/^https?:\/\//.test(link.skillId)) {
    return { type: ['Alignment'], targetName: name, targetUrl: link.skillId, targetType: 'ceasn:Competency', ...(skill?.description ? { targetDescription: skill.description } : {}) };
  }
  return null;
}

/** A credential's skill links as `alignment[]` (skills without a URL are left out), in link order. */
export function credentialAlignments(credential: Credential, skillOf: (id: string) => Skill | undefined): Ob3Alignment[] {
  return credential.skills.flatMap((l) => {
    const a = skillAlignment(l, skillOf(l.skillId));
    return a ? [a] : [];
  });
}

function achievementType(credentialType: string): string {
  const known: Readonly<Record<string, string>> = { badge: 'Badge', course: 'Course', certificate: 'Certificate', degree: 'Degree', 'micro-credential': 'MicroCredential', 'professional-certificate': 'Certification', specialization: 'ext:Specialization' };
  return known[credentialType] ?? 'Achievement';
}

/**
 * OB 3.0 `criteria`: the stated criteria (issue 20: `criteria.narrative`, or `criteria.id` when only a URL was
 * stated), else the description. Endorsements are not written back: an EndorsementCredential is the endorser's
 * signed document, which the store does not keep, and re-issuing one would invent it.
 */
function criteriaOf(credential: Credential): Record<string, string> {
  const stated = credential.standing?.assessment.find((a) => a.kind === 'criteria');
  if (stated?.source === 'criteria.id' || (stated?.source === 'criteria' && /^https?:\/\//.test(stated.description))) return { id: stated.description };
  if (stated) return { narrative: stated.description };
  return { narrative: credential.description || `Earn ${credential.name}.` };
}

/** The credential as an OB 3.0 `Achievement` with its skills as alignments. */
export function credentialAsAchievement(credential: Credential, skillOf: (id: string) => Skill | undefined): Record<string, unknown> {
  const alignment = credentialAlignments(credential, skillOf);
  return {
    id: credential.id,
    type: ['Achievement'],
    achievementType: achievementType(credential.credentialType),
    name: credential.name,
    description: credential.description || credential.name,
    criteria: criteriaOf(credential),
    creator: { id: credential.issuer.id, type: ['Profile'], ...(credential.issuer.name ? { name: credential.issuer.name } : {}) },
    ...(alignment.length > 0 ? { alignment } : {}),
  };
}

/** An unsigned OpenBadgeCredential for an award of the credential (sign it with `issueOb3Credential`). */
export function awardAsOb3Credential(credential: Credential, award: Award, skillOf: (id: string) => Skill | undefined): Record<string, unknown> {
  const issuedOn = /T/.test(award.issuedOn) ? award.issuedOn : `${award.issuedOn}T00:00:00Z`;
  const expires = award.expiresOn ? (/T/.test(award.expiresOn) ? award.expiresOn : `${award.expiresOn}T00:00:00Z`) : null;
  return {
    '@context': [...OB3_CONTEXTS],
    id: /^[a-z][a-z0-9+.-]*:/i.test(award.id) ? award.id : `urn:skillgraph:award:${award.id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: credential.name,
    issuer: { id: credential.issuer.id, type: ['Profile'], ...(credential.issuer.name ? { name: credential.issuer.name } : {}) },
    validFrom: issuedOn,
    ...(expires ? { validUntil: expires } : {}),
    credentialSubject: { id: award.candidateId, type: ['AchievementSubject'], achievement: credentialAsAchievement(credential, skillOf) },
  };
}
