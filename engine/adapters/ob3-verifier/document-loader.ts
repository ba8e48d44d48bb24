/**
 * The offline document loader: bundled contexts and locally derived did:key documents, nothing else.
 * Every URL it could not serve is recorded, so the verifier reports 'unverifiable', not 'invalid'.
 */
import type { DocumentLoader, LoadedDocument } from '@digitalbazaar/vc';
import { bundledContexts } from '../contexts/index.ts';
import { didDocument, parseDidKey, verificationMethodDocument } from './did-key.ts';

export interface OfflineLoader {
  readonly load: DocumentLoader;
  /** URLs asked for that are neither bundled nor a supported did:key, in request order. */
  readonly misses: readonly string[];
}

export function createOfflineLoader(): OfflineLoader {
  const misses: string[] = [];
  const load = async (url: string): Promise<LoadedDocument> => {
    const context = bundledContexts.get(url);
    if (context !== undefined) return { contextUrl: null, documentUrl: url, document: context };
    if (url.startsWith('did:key:')) {
      const key = parseDidKey(url);
      if (typeof key !== 'string') {
        const document = url.includes('#') ? verificationMethodDocument(key) : didDocument(key);
        return { contextUrl: null, documentUrl: url, document };
      }
    }
    misses.push(url);
    throw new Error(`offline document loader: ${url} is not bundled`);
  };
  return { load, misses };
}
