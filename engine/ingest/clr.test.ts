import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestDocument } from './ingest.ts';
import type { CredentialsResult, IngestResult } from './types.ts';
import { errorOf, resultAs, SHARED } from './test-helpers.ts';

const OB3_DIR = resolve(SHARED, 'datasets/credential-examples/openbadges-3.0-spec-examples');
const vc = (f: string): Record<string, unknown> => JSON.parse(readFileSync(resolve(OB3_DIR, f), 'utf8')) as Record<string, unknown>;

const creds = (r: IngestResult): CredentialsResult => resultAs(r, 'clr');

/** A CLR 2.0 ClrCredential bundling three real OB3 spec examples, shaped after the CLR 2.0 spec. */
const clr = (assoc: unknown[] = []): Record<string, unknown> => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json'],
  id: 'http://example.edu/clr/1',
  type: ['VerifiableCredential', 'ClrCredential'],
  issuer: { id: 'https://example.edu/issuers/565049', type: ['Profile'], name: 'Example University' },
  name: 'Transcript',
  validFrom: '2022-07-01T00:00:00Z',
  credentialSubject: {
    type: ['ClrSubject'],
    id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
    verifiableCredential: [vc('basicOpenBadgeCredential.json'), vc('skillAssertionCase.json'), vc('fullOpenBadge.json')],
    association: assoc,
  },
});

describe('ingestDocument on a CLR 2.0 bundle', () => {
  it('every bundled credential becomes an award and a clr-format credential', () => {
    const r = creds(ingestDocument(clr()));
    expect(r.awards).toHaveLength(3);
    expect(r.credentials.map((e) => e.credential.format)).toEqual(['clr', 'clr', 'clr']);
    expect(r.credentials.map((e) => e.credential.name)).toEqual(['Teamwork', 'Robot Programming', '1EdTech University Degree']);
    expect(r.customSkills.map((s) => s.preferredLabel)).toEqual(['Robot Programming', '1EdTech University Degree']);
    expect(r.credentials[1]!.credential.skills[0]!.provenance.source).toBe('credentialSubject.verifiableCredential[1].credentialSubject.achievement.alignment[0].targetUrl');
  });

  it('isChildOf / isPartOf associations stack the source achievement into the target', () => {
    const degree = 'https://1edtech.edu/achievements/degree';
    const teamwork = 'https://example.com/achievements/21st-century-skills/teamwork';
    const robot = 'https://example.com/achievements/robotics/robot-programming';
    const r = creds(
      ingestDocument(
        clr([
          { type: 'Association', associationType: 'isChildOf', sourceId: teamwork, targetId: degree },
          { type: 'Association', associationType: 'isPartOf', sourceId: robot, targetId: degree },
          { type: 'Association', associationType: 'precedes', sourceId: teamwork, targetId: robot },
        ]),
      ),
    );
    const byId = new Map(r.credentials.map((e) => [e.credential.id, e.credential]));
    expect(byId.get(teamwork)!.isPartOf).toEqual([degree]);
    expect(byId.get(robot)!.isPartOf).toEqual([degree]);
    expect(byId.get(degree)!.isPartOf).toEqual([]);
  });

  it('a bad bundled credential fails the whole bundle with its path; an association to an unknown achievement is a warning', () => {
    const bad = clr();
    const inner = (bad['credentialSubject'] as { verifiableCredential: Record<string, unknown>[] }).verifiableCredential;
    delete inner[2]!['validFrom'];
    expect(errorOf(() => ingestDocument(bad))).toMatchObject({ code: 'MISSING_FIELD', path: 'credentialSubject.verifiableCredential[2].validFrom' });
    const dangling = ingestDocument(clr([{ associationType: 'isChildOf', sourceId: 'urn:nope', targetId: 'urn:x' }]));
    expect(dangling.warnings).toContainEqual({ code: 'DANGLING_ASSOCIATION', path: 'credentialSubject.association[0].sourceId', message: expect.stringContaining('urn:nope') });
    const empty = clr();
    (empty['credentialSubject'] as Record<string, unknown>)['verifiableCredential'] = [];
    expect(errorOf(() => ingestDocument(empty)).code).toBe('EMPTY_DOCUMENT');
  });
});
