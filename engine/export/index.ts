export { awardAsOb3Credential, credentialAlignments, credentialAsAchievement, skillAlignment, OB3_CONTEXTS } from './ob3.ts';
export type { Ob3Alignment } from './ob3.ts';
export { competencyAlignment, credentialAsCtdl, ctidOf, roleAsCtdl, CTDL_CONTEXT } from './ctdl.ts';
export type { CtdlExport } from './ctdl.ts';
