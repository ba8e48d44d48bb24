/**
 * The verification conformance corpus (datasets/conformance, see its PROVENANCE.md): real public
 * fixtures with their expected outcome, with and without the verification store, plus a tampered copy
 * (one field changed) of every fixture whose proof verifies, which must be `invalid` whatever status
 * entry it carries. docs/CONFORMANCE.md lists the same table (scripts/conformance-report.ts prints it).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { credentialsIn } from '../../verify/documents.ts';
import { VerifyErrorCode } from '../../verify/errors.ts';
import { openFolderStore, type FolderStore } from '../verify-store/folder-store.ts';
import { createOb3Verifier } from './verifier.ts';

const CORPUS = fileURLToPath(new URL('../../../datasets/conformance/', import.meta.url));

interface Row {
  readonly file: string;
  readonly source: { readonly repository: string; readonly commit: string; readonly path: string; readonly licence: string };
  readonly expected: string;
  readonly expectedWithoutStore: string;
  readonly note?: string;
}
interface StoreRow {
  readonly file: string;
  readonly as: readonly string[];
  readonly refused?: boolean;
}
const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { now: string; verify: Row[]; store: StoreRow[] };
const NOW = new Date(manifest.now);

/** The one document of a fixture: a JSON credential, a compact JWT, or a `{ "jwt": … }` wrapper. */
export function fixtureDocument(file: string): unknown {
  const text = readFileSync(join(CORPUS, file), 'utf8').trim();
  if (file.endsWith('.jwt')) return text;
  const docs = credentialsIn(JSON.parse(text));
  return docs[0]?.document;
}

/** One field changed: the credential's name (or, for a JWT, the same in the payload; the signature stays). */
function tamper(doc: unknown): unknown {
  if (typeof doc === 'string') {
    const [header, payload, signature] = doc.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const vc = (claims['vc'] ?? claims) as Record<string, unknown>;
    vc['name'] = `${String(vc['name'] ?? '')} (tampered)`;
    return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
  }
  const copy = structuredClone(doc) as Record<string, unknown>;
  copy['name'] = `${String(copy['name'] ?? '')} (tampered)`;
  return copy;
}

export function fillStore(store: FolderStore): void {
  for (const row of manifest.store) {
    const doc: unknown = JSON.parse(readFileSync(join(CORPUS, row.file), 'utf8'));
    if (row.refused) continue;
    if (row.as.length === 0) store.add(doc);
    for (const url of row.as) store.add(doc, url);
  }
}

describe('verification conformance corpus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skillgraph-verify-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const store = openFolderStore(dir);
  fillStore(store);
  const withStore = createOb3Verifier({ store });
  const without = createOb3Verifier();

  it('lists every fixture file in the manifest, each with repository, commit, path and licence', () => {
    const listed = new Set([...manifest.verify.map((r) => r.file), ...manifest.store.map((r) => r.file)]);
    for (const sub of ['verify/dcc', 'verify/w3c', 'verify/1edtech', 'verify/jws-test-suite', 'status/dcc-vc-test-fixtures', 'keys']) {
      for (const f of readdirSync(join(CORPUS, sub))) expect(listed.has(`${sub}/${f}`), `${sub}/${f}`).toBe(true);
    }
    for (const row of manifest.verify) expect(row.source).toMatchObject({ repository: expect.any(String), commit: expect.stringMatching(/^[0-9a-f]{40}$/), path: expect.any(String), licence: expect.any(String) });
  });

  it('verify-store add refuses a status list without its type, and private keys, and changes nothing', () => {
    const refused = manifest.store.find((r) => r.refused);
    expect(refused).toBeDefined();
    const before = readFileSync(join(dir, 'index.json'), 'utf8');
    expect(() => store.add(JSON.parse(readFileSync(join(CORPUS, refused?.file ?? ''), 'utf8')) as unknown, refused?.as[0])).toThrow(expect.objectContaining({ code: VerifyErrorCode.InvalidCredential }));
    expect(() => store.add({ id: 'did:example:1#k', controller: 'did:example:1', type: 'JsonWebKey2020', publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: 'AA', d: 'BB' } })).toThrow(/private key/);
    expect(readFileSync(join(dir, 'index.json'), 'utf8')).toBe(before);
  });

  it.each(manifest.verify.map((r) => [r.file, r] as const))('%s', async (_file, row) => {
    const doc = fixtureDocument(row.file);
    const got = await withStore.verify(doc, { now: NOW });
    expect(got.outcome, got.reason).toBe(row.expected);
    expect(got.checks.map((c) => c.name)[0]).toBe('proof');
    const plain = await without.verify(doc, { now: NOW });
    expect(plain.outcome, plain.reason).toBe(row.expectedWithoutStore);
    // Whenever a signature could be checked, the same document with one field changed is invalid.
    const tampered = tamper(doc);
    for (const [verifier, result] of [[withStore, got], [without, plain]] as const) {
      if (result.checks.find((c) => c.name === 'proof')?.result !== 'pass') continue;
      const bad = await verifier.verify(tampered, { now: NOW });
      expect(bad.outcome, `tampered ${row.file}: ${bad.reason}`).toBe('invalid');
      expect(bad.status).toBe('invalid');
    }
  });

  it('a revoked credential reports the checks in order: proof, dates, status, issuer', async () => {
    const got = await withStore.verify(fixtureDocument('verify/dcc/v2_ed25519_didKey_noRegistry-revokedStatus-notExpired.json'), { now: NOW });
    expect(got.checks.map((c) => [c.name, c.result])).toEqual([['proof', 'pass'], ['dates', 'pass'], ['status', 'fail'], ['issuer', 'pass']]);
    expect(got.status).toBe('invalid');
    const unknown = await without.verify(fixtureDocument('verify/dcc/v2_ed25519_didKey_noRegistry-revokedStatus-notExpired.json'), { now: NOW });
    expect(unknown.checks.find((c) => c.name === 'status')).toMatchObject({ result: 'unknown' });
    expect(unknown).toMatchObject({ outcome: 'verified', status: 'verified' });
  });
});
