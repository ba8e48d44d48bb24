import type { MatchKind } from '../../engine/fit/types.ts';
import type { CheckName, CheckResult, VerifyOutcome } from '../../engine/verify/checks.ts';
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

const OUTCOME: Readonly<Record<VerifyOutcome, string>> = {
  verified: 'Proof, dates and status pass.',
  invalid: 'The proof failed (tampered, wrong key, issuer not bound to the key) or the dates are malformed.',
  expired: 'Past its validUntil / expirationDate.',
  'not-yet-valid': 'Before its validFrom / issuanceDate.',
  revoked: 'Its status entry says revoked or suspended.',
  unverifiable: 'Nothing could be checked offline (no proof, unsupported proof, unknown key).',
};

export const VerificationOutcomeEnum = builder.enumType('VerificationOutcome', {
  description: 'The one-word outcome of verifying a credential now; an award stores it as a VerificationStatus.',
  values: enumValues(Object.keys(OUTCOME) as VerifyOutcome[], OUTCOME),
});

const CHECK_NAME: Readonly<Record<CheckName, string>> = {
  proof: 'The signature (Data Integrity proof or VC-JWT).',
  dates: 'validFrom / validUntil (issuanceDate / expirationDate) against now.',
  status: 'The credentialStatus entry, from the offline verification store.',
  issuer: 'The issuer is the controller of the key that signed.',
};

export const VerificationCheckNameEnum = builder.enumType('VerificationCheckName', {
  description: 'A verification check.',
  values: enumValues(Object.keys(CHECK_NAME) as CheckName[], CHECK_NAME),
});

const CHECK_RESULT: Readonly<Record<CheckResult, string>> = {
  pass: 'Checked and passed.',
  fail: 'Checked and failed.',
  unknown: 'Could not be checked (offline, unsupported).',
  none: 'Nothing to check (no status entry).',
};

export const VerificationCheckResultEnum = builder.enumType('VerificationCheckResult', {
  description: 'What a verification check found.',
  values: enumValues(Object.keys(CHECK_RESULT) as CheckResult[], CHECK_RESULT),
});

/** A credential's credibility (engine/value/issuer-credibility.ts `credibilityLevel`: 2, 1, 0). */
export const CredibilityLevelEnum = builder.enumType('CredibilityLevel', {
  values: {
    VERIFIED_RECOGNISED: { description: 'The issuer is verified (an award of its credentials verified, none invalid) and the credential states recognition.' },
    VERIFIED: { description: 'The issuer is verified; no recognition stated.' },
    UNVERIFIED: { description: 'The issuer’s identity could not be verified from the store’s awards.' },
  } as const,
});
