/** Which CTDL types are credentials (or learning opportunities and assessments), and the credentialType each gives. */

const NOT_CREDENTIALS = new Set(['VerifiableCredential', 'ClrCredential', 'OpenBadgeCredential', 'AchievementCredential']);
const LEARNING = new Set(['Course', 'LearningProgram', 'LearningOpportunityProfile', 'LearningOpportunity', 'AssessmentProfile', 'Assessment', 'Program', 'TrainingProgram']);

export function isCredentialType(t: string): boolean {
  if (NOT_CREDENTIALS.has(t) || t.includes(':')) return false;
  return LEARNING.has(t) || /(Degree|Doctorate|Certificate|Certification|Diploma|Badge|License|Credential|MicroCredential|Qualification)$/.test(t);
}

export function credentialTypeOf(types: readonly string[]): string {
  const t = types.find(isCredentialType) ?? '';
  if (/Degree$|Doctorate$/.test(t)) return 'degree';
  if (t === 'Certification') return 'professional-certificate';
  if (/Certificate$/.test(t)) return 'certificate';
  if (/Diploma$/.test(t)) return 'diploma';
  if (/Badge$/.test(t)) return 'badge';
  if (t === 'License') return 'license';
  if (t === 'Course') return 'course';
  if (t === 'LearningProgram' || t === 'Program' || t === 'TrainingProgram') return 'program';
  if (t === 'AssessmentProfile' || t === 'Assessment') return 'assessment';
  if (t === 'MicroCredential') return 'micro-credential';
  if (t === 'LearningOpportunityProfile' || t === 'LearningOpportunity') return 'learning-opportunity';
  return t.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase() || 'credential';
}
