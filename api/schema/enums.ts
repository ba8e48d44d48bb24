import type { MatchKind } from '../../engine/fit/types.ts';
import type { VerificationStatus } from '../../taxonomy/model/types.ts';
import { builder } from '../builder.ts';

/** GraphQL enum values are names (`HOSTED_VERIFIED`); the domain keeps its strings (`hosted-verified`). */
function enumValues<T extends string>(values: readonly T[], descriptions: Readonly<Record<T, string>>): Record<string, { value: T; description: string }> {
  return Object.fromEntries(values.map((v) => [v.toUpperCase().replace(/-/g, '_'), { value: v, description: descriptions[v] }]));
}

const VERIFICATION: Readonly<Record<VerificationStatus, string>> = {
  verified: 'The credential’s signature was checked.',
  'hosted-verified': 'The issuer’s hosted copy was checked.',
  unverified: 'Not checked.',
  'self-claimed': 'Stated by the candidate.',
  invalid: 'The check failed.',
  expired: 'Past its expiry date.',
  unverifiable: 'It carries nothing that can be checked.',
};

export const VerificationStatusEnum = builder.enumType('VerificationStatus', {
  description: 'How far a piece of evidence is verified.',
  values: enumValues(Object.keys(VERIFICATION) as VerificationStatus[], VERIFICATION),
});

const MATCH: Readonly<Record<MatchKind, string>> = {
  exact: 'The required skill itself.',
  narrower: 'A narrower skill (implies the requirement).',
  broader: 'A broader skill (implies it in part).',
  related: 'A related skill in the taxonomy.',
  embedding: 'A skill similar by its text embedding.',
  mapped: 'An O*NET skill mapped onto the held (ESCO) skill or a broader one (`skillgraph onet-map`).',
};

export const MatchKindEnum = builder.enumType('MatchKind', {
  description: 'How the held skill meets the requirement.',
  values: enumValues(Object.keys(MATCH) as MatchKind[], MATCH),
});
