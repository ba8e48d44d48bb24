/**
 * Embedded endorsements verified at import (issue 20) with the real offline verifier, on published documents: the
 * CLR 2.0 complex example's endorsement by the Oregon State Board of Nursing carries an Ed25519Signature2020 proof that
 * verifies cryptographically but was made by a did:key, not by the endorser it names → 'invalid'; the OB 3.0 spec's
 * fullOpenBadge endorsement uses an unsupported suite and has expired → 'unverified'. A real signed DCC credential
 * embedded as an endorsement (a DERIVED document) verifies → 'verified', and one field changed in it → 'invalid'.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { verifyEndorsements } from './endorsement-verification.ts';
import { importCredentials } from './import-credentials.ts';
import { localOperator } from './principal.ts';
import { createVerifier } from './verify-credential.ts';
import { Workspace } from './workspace.ts';

const NOW = new Date('2026-12-01T00:00:00Z');
const conformance = (rel: string): string => readFileSync(new URL(`../datasets/conformance/${rel}`, import.meta.url), 'utf8');
const fullOpenBadge = join(sharedPath('datasets', 'credential-examples'), 'openbadges-3.0-spec-examples', 'fullOpenBadge.json');
const empty = { skills: [], groups: [], broader: [], skillRelations: [], occupations: [], occupationSkills: [], crosswalk: [] };

let store: GraphStore;
let ws: Workspace;
beforeEach(async () => {
  store = await createSqliteStore(':memory:');
  await store.importTaxonomy(empty);
  ws = await Workspace.open({ store, verifier: createVerifier() });
});
afterEach(async () => store.close());

describe('endorsements verified at import (app importCredentials with the real verifier)', () => {
  it('CLR 2.0 complex: the nursing board endorsement is signed by another key than the endorser it names → invalid, stored so', async () => {
    await importCredentials(ws, localOperator, conformance('verify/1edtech/clr20_complex.json'), { now: NOW });
    const stored = await store.getCredential('urn:uuid:3314c2c0-2ee9-4183-838b-470c15ddfb08');
    expect(stored?.standing?.recognition).toEqual([
      { kind: 'endorsement', agentId: 'urn:uuid:319b0e91-9fb2-4f41-aff8-810f24aff284', agentName: 'Oregon State Board of Nursing', source: 'endorsement[0]', verification: 'invalid' },
    ]);
  });

  it.skipIf(!existsSync(fullOpenBadge))('OB 3.0 fullOpenBadge: an unsupported proof suite on an expired endorsement stays unverified', async () => {
    await importCredentials(ws, localOperator, readFileSync(fullOpenBadge, 'utf8'), { now: NOW });
    expect((await store.getCredential('https://1edtech.edu/achievements/degree'))?.standing?.recognition[0]?.verification).toBe('unverified');
  });

  it('a real signed credential embedded as an endorsement verifies; one changed field makes it invalid; no verifier changes nothing', async () => {
    const signed = JSON.parse(conformance('verify/dcc/v2_ed25519_didKey_legacy-noStatus-noExpiry.json')) as Record<string, unknown>;
    const tampered = { ...signed, name: `${String(signed['name'])} (changed)` };
    const achievement = {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: 'https://issuer.example/achievements/endorsed',
      type: ['Achievement'],
      name: 'Endorsed achievement',
      creator: { id: 'https://issuer.example', type: ['Profile'], name: 'Issuer' },
      endorsement: [signed, tampered],
    };
    const [parsedBefore] = (await importCredentials(ws, localOperator, JSON.stringify(achievement), { now: NOW })).credentials;
    expect(parsedBefore?.standing?.recognition.map((r) => r.verification)).toEqual(['verified', 'invalid']);
    const unchecked = await verifyEndorsements(null, achievement, [{ ...parsedBefore!, standing: { ...parsedBefore!.standing!, recognition: parsedBefore!.standing!.recognition.map((r) => ({ ...r, verification: 'unverified' as const })) } }], NOW);
    expect(unchecked[0]!.standing!.recognition.map((r) => r.verification)).toEqual(['unverified', 'unverified']);
  });
});
