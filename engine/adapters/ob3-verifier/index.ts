export { createOb3Verifier } from './verifier.ts';
export type { Ob3VerifierOptions } from './verifier.ts';
export { generateIssuerKey, issueOb3Credential } from './issue.ts';
export type { CredentialFormatOption, GenerateIssuerKeyOptions, IssueOptions, IssuerKey } from './issue.ts';
export { parseDidKey } from './did-key.ts';
export type { DidKey, KeyAlgorithm } from './did-key.ts';
export { createOfflineLoader } from './document-loader.ts';
