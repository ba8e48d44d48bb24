export type {
  Evidence,
  EvidenceKind,
  ProfileBuilder,
  ProfileInput,
  ProfileOptions,
  ProfileSkill,
  ResolvedProfileOptions,
  SkillProfile,
  VerificationWeights,
} from './types.ts';
export { createProfileBuilder } from './build-profile.ts';
export { DEFAULT_PROFILE_OPTIONS, DEFAULT_VERIFICATION_WEIGHTS, resolveProfileOptions } from './options.ts';
export { combineStrength, evidenceSource } from './combine.ts';
export { recencyFactor, MS_PER_YEAR } from './evidence-confidence.ts';
export { PROFILE_ERRORS, ProfileErrorCode, profileError } from './errors.ts';
