/**
 * Issue 20 on a store built from real data: the full ESCO v1.1.1 taxonomy (../shared), every shared credential example
 * (OB3 spec, edubadges, CTDL samples) imported through the app as `skillgraph import credentials` does, and a real
 * signed Open Badge (DCC vc-test-fixtures, datasets/conformance) awarded through the app with the real offline
 * verifier, so its issuer's identity verifies. Then:
 * - the standing the documents state survives the real store (SQLite file, reopened): CTDL accreditedBy with the agent's
 *   name, the OB3 endorsement and criteria;
 * - the recommender on that store ranks the credential of the verified issuer above an unverifiable copy of it
 *   (DERIVED by this test: the same achievement, same alignments, re-published by another issuer without any proof)
 *   at the same value, and its pathway takes the verified one.
 * Skipped (saying why) only when ../shared/datasets/esco-v1.1.1 is absent.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { awardCredential } from './award-credential.ts';
import { credibilityLevels } from './credibility-levels.ts';
import { importCredentials } from './import-credentials.ts';
import { localOperator } from './principal.ts';
import { recommend } from './recommend.ts';
import { createVerifier } from './verify-credential.ts';
import { Workspace } from './workspace.ts';

const escoDir = sharedPath('datasets', 'esco-v1.1.1');
const examples = sharedPath('datasets', 'credential-examples');
const available = existsSync(join(escoDir, 'skills_en.csv')) && existsSync(examples);
const NOW = new Date('2026-12-01T00:00:00Z');
const tmp = mkdtempSync(join(tmpdir(), 'skillgraph-issue20-'));
const db = join(tmp, 'real.db');
const SIGNED = 'v2_dataIntegrityProof_didKey_legacyRegistry-noStatus-noExpiry-alignments.json';
const signed = JSON.parse(readFileSync(new URL(`../datasets/conformance/verify/dcc/${SIGNED}`, import.meta.url), 'utf8')) as Record<string, any>; // oxlint-disable-line typescript/no-explicit-any
const COPY_ISSUER = 'https://unverifiable-copies.example/issuer';
const COPY_ID = 'https://unverifiable-copies.example/achievements/text-analysis';

/** The derived copy: the signed credential's achievement as a bare Achievement of another issuer, no proof anywhere. */
const copyDocument = {
  '@context': signed['@context'],
  ...signed['credentialSubject'].achievement,
  id: COPY_ID,
  creator: { id: COPY_ISSUER, type: ['Profile'], name: 'Unverifiable Copies Ltd' },
};

let store: GraphStore;
let ws: Workspace;
let imported = 0;
const roleId = 'urn:issue20:role:requirements-analyst';
const learner = 'urn:issue20:candidate:learner';

afterAll(async () => {
  await ws?.store.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!available)('issue 20 on a store built from real data (skipped only when ../shared/datasets is absent)', () => {
  beforeAll(async () => {
    store = await createSqliteStore(db);
    await store.importTaxonomy(await loadEsco(escoDir));
    let open = await Workspace.open({ store, verifier: createVerifier() });
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir).sort()) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(json|jsonld)$/i.test(name) && !name.startsWith('context_')) files.push(path);
      }
    };
    walk(examples);
    for (const file of files) {
      try {
        imported += (await importCredentials(open, localOperator, readFileSync(file, 'utf8'), { source: file })).credentials.length;
      } catch {
        // not a credential definition, or one of the files that stay invalid (`import credentials` reports these)
      }
    }
    // the signed credential: its framework skill into the taxonomy, then awarded (verified with the real verifier)
    await importCredentials(open, localOperator, JSON.stringify(signed));
    await importCredentials(open, localOperator, JSON.stringify(copyDocument));
    const skillId = open.records.credentials.get(signed['credentialSubject'].achievement.id)!.skills[0]!.skillId;
    await store.putRecords({
      candidates: [
        { id: 'urn:issue20:candidate:holder', name: 'Holder', sharedWith: [], claimedSkills: [], experience: '', location: '' },
        { id: learner, name: 'Learner', sharedWith: [], claimedSkills: [], experience: '', location: '' },
      ],
      roles: [{ id: roleId, title: 'Requirements analyst', organisationId: 'urn:issue20:org', postingId: null, occupationId: null, requirements: [{ skillId, weight: 1, essential: true }] }],
    });
    open = await Workspace.open({ store, verifier: createVerifier() });
    const award = await awardCredential(open, localOperator, { candidateId: 'urn:issue20:candidate:holder', document: signed }, NOW);
    expect(award.verification).toBe('verified');
    await store.close();
    // what a restarted server reads: the file, reopened
    store = await createSqliteStore(db);
    ws = await Workspace.open({ store, verifier: createVerifier() });
  }, 900_000);

  it('the shared examples are in the store, with the standing their documents state', () => {
    expect(imported).toBeGreaterThan(100);
    const accredited = ws.records.credentials.get('https://credentialengineregistry.org/resources/ce-122e67dd-2a5f-4bdf-845d-3d0e2a5feca4');
    expect(accredited?.standing?.recognition).toEqual([
      {
        kind: 'accreditedBy',
        agentId: 'https://credentialengineregistry.org/resources/ce-959dd970-e319-4057-8f7c-afe2fc293ba9',
        agentName: 'Supreme Council for Science and Arts',
        source: 'ceterms:accreditedBy',
        verification: 'stated',
      },
    ]);
    const degree = ws.records.credentials.get('https://1edtech.edu/achievements/degree');
    expect(degree?.standing?.recognition.map((r) => [r.kind, r.agentName, r.verification])).toEqual([['endorsement', 'Example Accrediting Agency', 'unverified']]);
    expect(degree?.standing?.assessment.map((a) => a.kind)).toEqual(['criteria', 'result-description', 'result-description', 'result-description']);
    const withStanding = [...ws.records.credentials.values()].filter((c) => c.standing);
    // 16 distinct achievements on this data (the edubadges files reuse achievement ids; most CTDL samples state nothing)
    expect(withStanding.length).toBe(16);
  });

  it('credibility levels from the real awards: the signing issuer verifies (1, no recognition stated); stated accreditation alone is not enough (0)', () => {
    const levels = credibilityLevels(ws);
    expect(levels.get(signed['credentialSubject'].achievement.id)).toBe(1);
    expect(levels.get(COPY_ID)).toBe(0);
    expect(levels.get('https://credentialengineregistry.org/resources/ce-122e67dd-2a5f-4bdf-845d-3d0e2a5feca4')).toBe(0);
  });

  it('the credential of the verified issuer ranks above its unverifiable copy at the same value, and the pathway takes it', () => {
    const original = signed['credentialSubject'].achievement.id as string;
    const out = recommend(ws, localOperator, { candidateId: learner, roleId, first: 50 }, NOW);
    const ids = out.next.map((r) => r.credentialId);
    const i = ids.indexOf(original);
    const j = ids.indexOf(COPY_ID);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(j).toBe(i + 1);
    expect(out.next[i]!.value).toBe(out.next[j]!.value);
    expect(out.next[i]!.explanation).toContain(`ranked above ${COPY_ID}`);
    expect(out.pathway.best.steps.map((s) => s.credentialId)).toEqual([original]);
  });
});
