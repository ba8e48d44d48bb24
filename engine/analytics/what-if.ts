import type { Credential } from '../../taxonomy/model/types.ts';
import type { Evidence, ProfileSkill, SkillProfile } from '../profile/types.ts';

/** A profile as if the candidate had just earned `credential` (unverified award at `earnedStrength`). */
export function withCredential(profile: SkillProfile, credential: Credential, earnedStrength: number): SkillProfile {
  const skills = new Map<string, ProfileSkill>(profile.skills);
  for (const link of credential.skills) {
    const strength = earnedStrength * link.confidence;
    const evidence: Evidence = {
      id: `whatif:${credential.id}:${link.skillId}`,
      kind: 'award',
      skillId: link.skillId,
      awardId: null,
      credentialId: credential.id,
      issuerId: credential.issuer.id,
      issuedOn: null,
      source: link.provenance.source,
      span: link.provenance.span,
      verification: 'unverified',
      linkConfidence: link.confidence,
      confidence: strength,
      factors: { earned: earnedStrength, linkConfidence: link.confidence },
    };
    const prev = skills.get(link.skillId);
    skills.set(link.skillId, prev ? { skillId: link.skillId, strength: Math.max(prev.strength, strength), evidence: [...prev.evidence, evidence] } : { skillId: link.skillId, strength, evidence: [evidence] });
  }
  return { ...profile, skills };
}

/** The profile restricted to evidence issued on or before `date` (claims and experience always count). */
export function profileAsOf(profile: SkillProfile, date: string): SkillProfile {
  const skills = new Map<string, ProfileSkill>();
  for (const [id, s] of profile.skills) {
    const evidence = s.evidence.filter((e) => e.issuedOn === null || e.issuedOn.slice(0, 10) <= date);
    if (evidence.length === 0) continue;
    skills.set(id, evidence.length === s.evidence.length ? s : { ...s, evidence, strength: Math.max(...evidence.map((e) => e.confidence)) });
  }
  return { ...profile, skills };
}
