/**
 * JSON-LD contexts bundled with skillgraph so credentials verify offline. Nothing else is ever
 * loaded: a document that names any other context URL is 'unverifiable'. Sources and licences in README.md.
 */
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import ob3Context from './ob-v3p0-context-3.0.3.json' with { type: 'json' };

export const VC_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/v2';
export const VC_V1_CONTEXT_URL = 'https://www.w3.org/2018/credentials/v1';
export const DATA_INTEGRITY_V2_CONTEXT_URL = 'https://w3id.org/security/data-integrity/v2';
export const MULTIKEY_V1_CONTEXT_URL = 'https://w3id.org/security/multikey/v1';
export const OB3_CONTEXT_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/** Named by generated DID documents; never expanded (jsonld-signatures skips framing for DID v1 documents). */
export const DID_V1_CONTEXT_URL = 'https://www.w3.org/ns/did/v1';

/** Context URL -> context document. VC v1/v2 (+ undefined-terms v2), data integrity v1/v2, multikey v1, OB 3.0.3. */
export const bundledContexts: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ...credentialsContexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts,
  [OB3_CONTEXT_URL, ob3Context],
]);

export function isBundledContext(url: string): boolean {
  return bundledContexts.has(url);
}
