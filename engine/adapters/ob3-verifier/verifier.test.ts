import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileURLToPath } from 'node:url';
import { VerifyErrorCode } from '../../verify/errors.ts';
import { CompactSign, importJWK } from 'jose';
import type { HostedFetcher } from '../../verify/hosted-fetcher.ts';
import { unsignedBadge } from './badge.test-support.ts';
import { createOb3Verifier, generateIssuerKey, issueOb3Credential, type IssuerKey } from './index.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
/** Real data lives in `$SKILLGRAPH_SHARED`, else `<repo>/../shared` (engine may not import taxonomy/loaders). */
const SHARED = process.env['SKILLGRAPH_SHARED'] ?? fileURLToPath(new URL('../../../../shared', import.meta.url));
const EXAMPLES = `${SHARED}/datasets/credential-examples/openbadges-3.0-spec-examples`;

type Doc = Record<string, unknown>;

/** Sets a nested field of a JSON document (tests edit signed documents to tamper with them). */
function setPath(doc: unknown, path: readonly string[], value: unknown): void {
  let node = doc as Doc;
  for (const key of path.slice(0, -1)) node = node[key] as Doc;
  node[path[path.length - 1] ?? ''] = value;
}

function getPath(doc: unknown, path: readonly string[]): unknown {
  let node = doc;
  for (const key of path) node = (node as Doc)[key];
  return node;
}

function reencodeJwtPayload(jwt: string, edit: (claims: Doc) => void): string {
  const [header, payload, signature] = jwt.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Doc;
  edit(claims);
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

describe('createOb3Verifier (data integrity, eddsa-rdfc-2022)', () => {
  const verifier = createOb3Verifier();
  let key: IssuerKey;
  let otherKey: IssuerKey;
  let signed: Doc;

  beforeAll(async () => {
    key = await generateIssuerKey();
    otherKey = await generateIssuerKey();
    signed = await issueOb3Credential(unsignedBadge(), key, { format: 'data-integrity' });
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('verify: a freshly signed OB3 credential is verified, naming method and issuer', async () => {
    expect(signed['proof']).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', verificationMethod: key.keyId, created: '2025-01-01T00:00:00Z' });
    const result = await verifier.verify(signed, { now: NOW });
    expect(result).toEqual({ outcome: 'verified', status: 'verified', reason: expect.any(String), method: 'data-integrity', issuer: key.did, checkedAt: NOW.toISOString(), checks: expect.any(Array) });
    expect(result.checks.map((c) => [c.name, c.result])).toEqual([['proof', 'pass'], ['dates', 'pass'], ['status', 'none'], ['issuer', 'pass']]);
  });

  it('verify: changing the achievement name after signing makes it invalid', async () => {
    const tampered = structuredClone(signed);
    setPath(tampered, ['credentialSubject', 'achievement', 'name'], 'Advanced Python Programming');
    expect(await verifier.verify(tampered, { now: NOW })).toMatchObject({ status: 'invalid', method: 'data-integrity' });
  });

  it('verify: swapping the verificationMethod to another did:key makes it invalid', async () => {
    const swapped = structuredClone(signed);
    setPath(swapped, ['proof', 'verificationMethod'], otherKey.keyId);
    expect((await verifier.verify(swapped, { now: NOW })).status).toBe('invalid');
  });

  it('verify: a credential claiming another issuer than the signing key is invalid', async () => {
    const claimed = structuredClone(signed);
    setPath(claimed, ['issuer', 'id'], otherKey.did);
    expect((await verifier.verify(claimed, { now: NOW })).status).toBe('invalid');
  });

  it('verify: past validUntil with a good signature is expired; before validFrom is invalid', async () => {
    const expiring = await issueOb3Credential(unsignedBadge({ validUntil: '2025-06-30T00:00:00Z' }), key, { format: 'data-integrity' });
    expect(await verifier.verify(expiring, { now: NOW })).toMatchObject({ status: 'expired', method: 'data-integrity' });
    expect((await verifier.verify(expiring, { now: new Date('2025-03-01T00:00:00Z') })).status).toBe('verified');
    expect(await verifier.verify(signed, { now: new Date('2024-12-31T00:00:00Z') })).toMatchObject({ status: 'invalid', reason: expect.stringContaining('not valid before') });
  });

  it('verify: an expired credential with a bad signature is invalid, not expired', async () => {
    const expiring = await issueOb3Credential(unsignedBadge({ validUntil: '2025-06-30T00:00:00Z' }), key, { format: 'data-integrity' });
    expiring['name'] = 'Something else';
    expect((await verifier.verify(expiring, { now: NOW })).status).toBe('invalid');
  });

  it('verify: no proof, an empty proof, an unsupported cryptosuite or a non-did:key method is unverifiable', async () => {
    const { proof: _proof, ...unsigned } = signed;
    expect(await verifier.verify(unsigned, { now: NOW })).toMatchObject({ status: 'unverifiable', reason: expect.stringContaining('no proof') });
    expect((await verifier.verify({ ...unsigned, proof: {} }, { now: NOW })).status).toBe('unverifiable');
    const ecdsa = structuredClone(signed);
    setPath(ecdsa, ['proof', 'cryptosuite'], 'ecdsa-rdfc-2019');
    expect(await verifier.verify(ecdsa, { now: NOW })).toMatchObject({ status: 'unverifiable', reason: expect.stringContaining('unsupported proof') });
    const web = structuredClone(signed);
    setPath(web, ['proof', 'verificationMethod'], 'https://example.edu/keys/1');
    expect(await verifier.verify(web, { now: NOW })).toMatchObject({ status: 'unverifiable', reason: expect.stringContaining('cannot resolve') });
  });

  it('verify: a context URL that is not bundled is unverifiable and nothing is fetched', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const httpsSpy = vi.spyOn(https, 'request');
    const httpsGetSpy = vi.spyOn(https, 'get');
    const httpSpy = vi.spyOn(http, 'request');
    const extended = structuredClone(signed);
    setPath(extended, ['@context'], [...(extended['@context'] as string[]), 'https://w3id.org/dcc/v1']);
    const result = await verifier.verify(extended, { now: NOW });
    expect(result).toMatchObject({ status: 'unverifiable', reason: expect.stringContaining('https://w3id.org/dcc/v1') });
    const nested = structuredClone(signed);
    setPath(nested, ['credentialSubject', '@context'], 'https://example.org/private-context.jsonld');
    expect((await verifier.verify(nested, { now: NOW })).status).toBe('unverifiable');
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(httpsSpy).not.toHaveBeenCalled();
    expect(httpsGetSpy).not.toHaveBeenCalled();
    expect(httpSpy).not.toHaveBeenCalled();
  });

  it('verify: a credentialStatus whose list is not available offline leaves a checked signature verified, status unknown', async () => {
    const status = { id: 'https://example.edu/status/1#5', type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '5', statusListCredential: 'https://example.edu/status/1' };
    const withStatus = await issueOb3Credential(unsignedBadge({ credentialStatus: status }), key, { format: 'data-integrity' });
    const got = await verifier.verify(withStatus, { now: NOW });
    expect(got).toMatchObject({ outcome: 'verified', status: 'verified', reason: expect.stringContaining('status unknown') });
    expect(got.checks.find((c) => c.name === 'status')).toMatchObject({ result: 'unknown', reason: expect.stringContaining('no verification store') });
    withStatus['name'] = 'Tampered';
    expect((await verifier.verify(withStatus, { now: NOW })).outcome).toBe('invalid');
  });

  it('verify: a credential signed by its own subject is self-claimed', async () => {
    const self = await issueOb3Credential(unsignedBadge({ credentialSubject: { ...(getPath(unsignedBadge(), ['credentialSubject']) as Doc), id: key.did } }), key, { format: 'data-integrity' });
    expect((await verifier.verify(self, { now: NOW })).status).toBe('self-claimed');
  });

  it('verify: leaves the given document unchanged', async () => {
    const copy = structuredClone(signed);
    await verifier.verify(copy, { now: NOW });
    expect(copy).toEqual(signed);
  });

  it('verify: the real OB 3.0 spec examples carry no proof and are unverifiable', async () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(6);
    for (const file of files) {
      const doc: unknown = JSON.parse(readFileSync(`${EXAMPLES}/${file}`, 'utf8'));
      expect((await verifier.verify(doc, { now: NOW })).status, file).toBe('unverifiable');
    }
  });

  it('verify: a real OB 3.0 spec example signed with the bundled context verifies', async () => {
    const doc = JSON.parse(readFileSync(`${EXAMPLES}/achievementAlignmentCase.json`, 'utf8')) as Doc;
    setPath(doc, ['issuer', 'id'], key.did);
    const signedExample = await issueOb3Credential(doc, key, { format: 'data-integrity' });
    expect((await verifier.verify(signedExample, { now: NOW })).status).toBe('verified');
  });

  it('verify: throws INVALID_OPTION for a bad now, and answers unverifiable for non-credentials', async () => {
    await expect(verifier.verify(signed, { now: new Date('nope') })).rejects.toMatchObject({ code: VerifyErrorCode.InvalidOption });
    expect((await verifier.verify(42, { now: NOW })).status).toBe('unverifiable');
    expect((await verifier.verify('hello', { now: NOW })).status).toBe('unverifiable');
    expect((await verifier.verify(JSON.stringify(signed), { now: NOW })).status).toBe('verified');
  });
});

describe('createOb3Verifier (VC-JWT)', () => {
  const verifier = createOb3Verifier();
  let ed: IssuerKey;
  let p256: IssuerKey;

  beforeAll(async () => {
    ed = await generateIssuerKey();
    p256 = await generateIssuerKey({ algorithm: 'P-256' });
  });

  it('verify: EdDSA and ES256 VC-JWTs are verified', async () => {
    for (const key of [ed, p256]) {
      const jwt = await issueOb3Credential(unsignedBadge(), key, { format: 'vc-jwt' });
      expect(await verifier.verify(jwt, { now: NOW })).toMatchObject({ status: 'verified', method: 'vc-jwt', issuer: key.did });
    }
  });

  it('verify: a VC-JWT with a changed payload is invalid', async () => {
    const jwt = await issueOb3Credential(unsignedBadge(), ed, { format: 'vc-jwt' });
    const tampered = reencodeJwtPayload(jwt, (claims) => setPath(claims, ['credentialSubject', 'achievement', 'name'], 'Rust'));
    expect((await verifier.verify(tampered, { now: NOW })).status).toBe('invalid');
  });

  it('verify: a VC-JWT past exp is expired', async () => {
    const jwt = await issueOb3Credential(unsignedBadge({ validUntil: '2025-06-30T00:00:00Z' }), ed, { format: 'vc-jwt' });
    expect(await verifier.verify(jwt, { now: NOW })).toMatchObject({ status: 'expired', method: 'vc-jwt' });
  });

  it('verify: a VC-JWT whose kid names another did:key is invalid; an unsupported alg is unverifiable', async () => {
    const jwt = await issueOb3Credential(unsignedBadge(), ed, { format: 'vc-jwt' });
    const [, payload, signature] = jwt.split('.');
    const otherKid = Buffer.from(JSON.stringify({ alg: 'EdDSA', typ: 'JWT', kid: (await generateIssuerKey()).keyId })).toString('base64url');
    expect((await verifier.verify(`${otherKid}.${payload}.${signature}`, { now: NOW })).status).toBe('invalid');
    const hs = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: ed.keyId })).toString('base64url');
    expect((await verifier.verify(`${hs}.${payload}.${signature}`, { now: NOW })).status).toBe('unverifiable');
  });

  it('verify: a VC 1.1 style JWT carrying the credential in the vc claim is verified', async () => {
    const credential = { ...unsignedBadge(), issuer: { id: ed.did, type: ['Profile'], name: 'Example University' } };
    const claims = { vc: credential, iss: ed.did, sub: 'did:example:learner-1', nbf: Date.parse('2025-01-01T00:00:00Z') / 1000 };
    const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: ed.keyId })
      .sign(await importJWK(ed.privateJwk, 'EdDSA'));
    expect((await verifier.verify(jwt, { now: NOW })).status).toBe('verified');
    expect((await verifier.verify(jwt, { now: new Date('2024-06-01T00:00:00Z') })).status).toBe('invalid');
  });

  it('verify: a VC 2.0 EnvelopedVerifiableCredential carrying a VC-JWT is verified', async () => {
    const jwt = await issueOb3Credential(unsignedBadge(), ed, { format: 'vc-jwt' });
    const enveloped = { '@context': ['https://www.w3.org/ns/credentials/v2'], id: `data:application/vc+jwt,${jwt}`, type: 'EnvelopedVerifiableCredential' };
    expect((await verifier.verify(enveloped, { now: NOW })).status).toBe('verified');
  });
});

describe('issueOb3Credential / generateIssuerKey', () => {
  it('generateIssuerKey: the same seed gives the same did:key, and signing is reproducible', async () => {
    const seed = new Uint8Array(32).fill(7);
    const a = await generateIssuerKey({ seed });
    const b = await generateIssuerKey({ seed });
    expect(a.did).toBe(b.did);
    expect(a.did).toMatch(/^did:key:z6Mk/);
    const one = await issueOb3Credential(unsignedBadge(), a, { format: 'data-integrity' });
    const two = await issueOb3Credential(unsignedBadge(), b, { format: 'data-integrity' });
    expect(one).toEqual(two);
  });

  it('issueOb3Credential: rejects an issuer that is not the key, and data integrity with a P-256 key', async () => {
    const key = await generateIssuerKey();
    await expect(issueOb3Credential(unsignedBadge({ issuer: 'https://example.edu' }), key, { format: 'data-integrity' }))
      .rejects.toMatchObject({ code: VerifyErrorCode.IssuerKeyMismatch });
    await expect(issueOb3Credential(unsignedBadge(), await generateIssuerKey({ algorithm: 'P-256' }), { format: 'data-integrity' }))
      .rejects.toMatchObject({ code: VerifyErrorCode.UnsupportedAlgorithm });
    await expect(generateIssuerKey({ seed: new Uint8Array(3) })).rejects.toMatchObject({ code: VerifyErrorCode.InvalidOption });
  });
});

describe('createOb3Verifier (OB2 hosted)', () => {
  const assertion = {
    '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion', id: 'https://badges.example.org/assertions/1',
    recipient: { type: 'email', hashed: true, identity: 'sha256$abc' }, badge: 'https://badges.example.org/badges/python',
    issuedOn: '2024-03-01T00:00:00Z', verification: { type: 'HostedBadge' },
  };

  it('verify: hosted assertions are unverifiable by default and hosted-verified through a given fetcher', async () => {
    expect((await createOb3Verifier().verify(assertion, { now: NOW })).status).toBe('unverifiable');
    const fetcher: HostedFetcher = { fetchJson: async (url) => (url === assertion.id ? structuredClone(assertion) : null) };
    expect((await createOb3Verifier({ hostedFetcher: fetcher }).verify(assertion, { now: NOW })).status).toBe('hosted-verified');
  });

  it('createOb3Verifier: rejects a hostedFetcher without fetchJson', () => {
    expect(() => createOb3Verifier({ hostedFetcher: {} as HostedFetcher })).toThrow(expect.objectContaining({ code: VerifyErrorCode.InvalidOption }));
  });
});
