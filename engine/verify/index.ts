export type { CredentialVerifier, VerificationMethod, VerificationResult, VerifyOptions } from './verifier.ts';
export type { HostedFetcher } from './hosted-fetcher.ts';
export { VERIFY_ERRORS, VerifyErrorCode, verifyError } from './errors.ts';
export { readValidityWindow, checkValidity, signatureCheckTime } from './validity.ts';
export type { ValidityWindow, Validity, WindowRead } from './validity.ts';
export { afterGoodProof, result } from './outcome.ts';
export type { ProofFacts } from './outcome.ts';
export { isHostedOb2Assertion, verifyHostedOb2 } from './hosted.ts';
