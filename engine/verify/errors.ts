import { INVALID_OPTION } from '../../taxonomy/model/coded-error.ts';
import { errorArea } from '../../taxonomy/model/option-check.ts';

/** Coded errors of the verification area (issuing helpers and options): code → message template. Tests assert `code`, not text. */
export const VERIFY_ERRORS = {
  INVALID_OPTION,
  INVALID_CREDENTIAL: 'invalid credential: {problem}',
  ISSUER_KEY_MISMATCH: "field issuer: issuer {issuer} is not the signing key's DID {did}",
  UNSUPPORTED_ALGORITHM: 'data integrity (eddsa-rdfc-2022) needs an Ed25519 key, not {algorithm}',
} as const;

export const { make: verifyError, codes: VerifyErrorCode, check: checkVerifyOption } = errorArea('VerifyError', VERIFY_ERRORS);
export type VerifyErrorCode = keyof typeof VERIFY_ERRORS;
