import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../taxonomy/loaders/shared-path.ts';
import { parseCandidatesDocument } from './candidates-document.ts';
import { IngestErrorCode } from './errors.ts';
import { parseWalletPresentation } from './wallet-presentation.ts';

const OB3 = sharedPath('datasets', 'credential-examples', 'openbadges-3.0-spec-examples');
const HOLDER = 'did:example:ebfeb1f712ebc6f1c276e12ec21';
const specExamples = (): unknown[] => readdirSync(OB3).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(OB3, f), 'utf8')));
const edubadge = (): unknown => JSON.parse(readFileSync(sharedPath('datasets', 'credential-examples', 'edubadges-obv3-examples', 'mbob_eo_eov_microcredential_full.json'), 'utf8'));

describe('parseWalletPresentation (the OB3 spec examples in a presentation)', () => {
  it('turns every credential about the holder into an award, and reports a repeated credential id and one about someone else', () => {
    const vp = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: HOLDER, verifiableCredential: [...specExamples(), edubadge()] };
    const batch = parseWalletPresentation(vp);
    expect(batch.holder).toBe(HOLDER);
    // the six spec examples use three credential ids (http://example.edu/credentials/3732 twice, …/3732 at 1edtech.edu three times)
    expect(batch.awards.map((a) => a.index)).toEqual([0, 2, 3]);
    expect(new Set(batch.awards.map((a) => a.award.recipient.identity))).toEqual(new Set([HOLDER]));
    expect(batch.errors.map((e) => [e.index, e.code, e.path])).toEqual([
      [1, IngestErrorCode.InvalidId, 'verifiableCredential[1].id'],
      [4, IngestErrorCode.InvalidId, 'verifiableCredential[4].id'],
      [5, IngestErrorCode.InvalidId, 'verifiableCredential[5].id'],
      [6, IngestErrorCode.InvalidId, 'verifiableCredential[6].credentialSubject.id'],
    ]);
  });

  it('reports a credential that is not an Open Badge and keeps the rest; refuses an empty presentation as a whole', () => {
    const vp = { type: 'VerifiablePresentation', holder: { id: HOLDER }, verifiableCredential: [specExamples()[0], { type: ['VerifiableCredential'], credentialSubject: { id: HOLDER } }] };
    const batch = parseCandidatesDocument(JSON.stringify(vp));
    expect(batch.format).toBe('wallet');
    if (batch.format !== 'wallet') return;
    expect(batch.awards).toHaveLength(1);
    expect(batch.errors.map((e) => e.index)).toEqual([1]);
    expect(() => parseWalletPresentation({ type: 'VerifiablePresentation', verifiableCredential: [] })).toThrow(expect.objectContaining({ code: IngestErrorCode.EmptyDocument }));
  });
});
