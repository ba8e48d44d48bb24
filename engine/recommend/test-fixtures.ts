import type { Credential } from '../../taxonomy/model/types.ts';

/** A catalogue credential for recommender tests: skills aligned with confidence 1. */
export const cred = (id: string, skills: string[], cost: number | null, hours: number | null, requires: string[] = [], isPartOf: string[] = []): Credential => ({
  id,
  format: 'sample',
  name: id,
  description: '',
  issuer: { id: 'iss', name: 'Issuer' },
  credentialType: 'course',
  level: '',
  cost,
  hours,
  skills: skills.map((skillId) => ({ skillId, confidence: 1, provenance: { kind: 'alignment', source: 'alignment', span: null } })),
  requires,
  isPartOf,
});
