/**
 * The offline document loader: bundled contexts, locally derived did:key documents and, when a
 * verification store is given, the verification methods it holds (and controller documents derived
 * from them). Nothing else. Every URL it could not serve is recorded, so the verifier reports
 * 'unverifiable', not 'invalid'.
 */
import type { DocumentLoader, LoadedDocument } from '@digitalbazaar/vc';
import type { VerificationStore } from '../../verify/store.ts';
import { bundledContexts, DID_V1_CONTEXT_URL, ED25519_2020_CONTEXT_URL, MULTIKEY_V1_CONTEXT_URL } from '../contexts/index.ts';
import { didDocument, parseDidKey, verificationMethodDocument } from './did-key.ts';
import { isObject } from './json.ts';

export interface OfflineLoader {
  readonly load: DocumentLoader;
  /** URLs asked for that are neither bundled nor a supported did:key nor in the store, in request order. */
  readonly misses: readonly string[];
}

/** The context a stored verification method is expanded with, by its type. */
const METHOD_CONTEXT: Readonly<Record<string, string>> = {
  Multikey: MULTIKEY_V1_CONTEXT_URL,
  Ed25519VerificationKey2020: ED25519_2020_CONTEXT_URL,
};

async function fromStore(store: VerificationStore, url: string): Promise<unknown> {
  const method = await store.verificationMethod(url);
  if (isObject(method)) {
    const context = METHOD_CONTEXT[String(method['type'])];
    return context ? { '@context': context, ...method } : undefined;
  }
  const ids = await store.methodsOf(url);
  if (ids.length === 0) return undefined;
  const methods = [];
  for (const id of ids) {
    const doc = await store.verificationMethod(id);
    if (isObject(doc)) methods.push(doc);
  }
  return { '@context': DID_V1_CONTEXT_URL, id: url, verificationMethod: methods, assertionMethod: ids, authentication: ids };
}

/**
 * A did:key without fragment: its DID document, which is also usable as its one verification method (a
 * did:key has exactly one key, so a proof naming the bare DID is unambiguous; 1EdTech's validator accepts it).
 */
function bareDidKeyDocument(key: Exclude<ReturnType<typeof parseDidKey>, string>): Record<string, unknown> {
  const doc = didDocument(key);
  return {
    ...doc,
    '@context': [DID_V1_CONTEXT_URL, MULTIKEY_V1_CONTEXT_URL],
    type: 'Multikey',
    controller: key.did,
    publicKeyMultibase: key.fingerprint,
    assertionMethod: [key.keyId, key.did],
    authentication: [key.keyId, key.did],
  };
}

export function createOfflineLoader(store?: VerificationStore): OfflineLoader {
  const misses: string[] = [];
  const load = async (url: string): Promise<LoadedDocument> => {
    const context = bundledContexts.get(url);
    if (context !== undefined) return { contextUrl: null, documentUrl: url, document: context };
    if (url.startsWith('did:key:')) {
      const key = parseDidKey(url);
      if (typeof key !== 'string') {
        const document = url.includes('#') ? verificationMethodDocument(key) : bareDidKeyDocument(key);
        return { contextUrl: null, documentUrl: url, document };
      }
    }
    if (store) {
      const document = await fromStore(store, url);
      if (document !== undefined) return { contextUrl: null, documentUrl: url, document };
    }
    misses.push(url);
    throw new Error(`offline document loader: ${url} is not bundled`);
  };
  return { load, misses };
}
