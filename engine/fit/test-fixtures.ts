/** Small hand-built taxonomy and profiles shared by the matching-engine tests (not used at run time). */
import { SkillGraph } from '../../taxonomy/model/skill-graph.ts';
import type { Skill, TaxonomyData, VerificationStatus } from '../../taxonomy/model/types.ts';
import type { Evidence, ProfileSkill, SkillProfile } from '../profile/types.ts';

export const skill = (id: string, label = id): Skill => ({
  id,
  source: 'custom',
  preferredLabel: label,
  altLabels: [],
  hiddenLabels: [],
  description: '',
  skillType: 'skill/competence',
  reuseLevel: '',
});

/**
 * G (group) ⊃ prog ⊃ py ⊃ django; prog ⊃ js; sql related to py; comm stands alone.
 */
export function tinyGraph(): SkillGraph {
  const data: TaxonomyData = {
    skills: ['prog', 'py', 'django', 'js', 'sql', 'comm'].map((id) => skill(id)),
    groups: [{ id: 'G', source: 'custom', code: 'S1', preferredLabel: 'ICT', description: '' }],
    broader: [
      { childId: 'prog', parentId: 'G' },
      { childId: 'py', parentId: 'prog' },
      { childId: 'js', parentId: 'prog' },
      { childId: 'django', parentId: 'py' },
      { childId: 'sql', parentId: 'G' },
      { childId: 'comm', parentId: 'G' },
    ],
    skillRelations: [{ fromId: 'sql', toId: 'py', relationType: 'related' }],
    occupations: [],
    occupationSkills: [],
    crosswalk: [],
  };
  return SkillGraph.fromData(data);
}

export function evidence(skillId: string, confidence: number, verification: VerificationStatus = 'verified', credentialId: string | null = `cred-${skillId}`): Evidence {
  return {
    id: `award:${credentialId ?? skillId}`,
    kind: credentialId ? 'award' : 'claim',
    skillId,
    awardId: credentialId ? `aw-${credentialId}` : null,
    credentialId,
    issuerId: null,
    issuedOn: null,
    source: credentialId ? 'alignment[0].targetUrl' : `I know ${skillId}`,
    span: null,
    verification,
    linkConfidence: 1,
    confidence,
    factors: {},
  };
}

/** A profile from (skillId, strength, verification) triples. */
export function profile(candidateId: string, skills: readonly (readonly [string, number, VerificationStatus?])[]): SkillProfile {
  const map = new Map<string, ProfileSkill>();
  for (const [skillId, strength, verification] of skills) {
    map.set(skillId, { skillId, strength, evidence: [evidence(skillId, strength, verification ?? 'verified')] });
  }
  return { candidateId, asOf: '2026-01-01T00:00:00Z', skills: map };
}
