import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOb3Verifier } from '../engine/adapters/ob3-verifier/index.ts';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { SkillGraph } from '../taxonomy/model/skill-graph.ts';
import type { SkillLink } from '../taxonomy/model/types.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { importCandidates, type CandidateLinker, type ImportCandidatesDeps } from './candidates-import.ts';

const RESUMES = new URL('../engine/ingest/fixtures/json-resume/', import.meta.url);
const resume = (name: string): unknown => JSON.parse(readFileSync(new URL(name, RESUMES), 'utf8'));
const OB3 = sharedPath('datasets', 'credential-examples', 'openbadges-3.0-spec-examples');
const HOLDER = 'did:example:ebfeb1f712ebc6f1c276e12ec21';
const NOW = new Date('2026-01-01T00:00:00Z');

let dir: string;
let store: GraphStore;
let graph: SkillGraph;
const deps = (over: Partial<ImportCandidatesDeps> = {}): ImportCandidatesDeps => ({ store, graph, linker: null, verifier: createOb3Verifier(), now: NOW, ...over });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-cand-'));
  store = await createSqliteStore(join(dir, 'store.db'));
  const esco = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
  await store.importTaxonomy(esco);
  graph = SkillGraph.fromData(esco);
}, 120_000);

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('importCandidates (JSON Resume examples into a real SQLite store with ESCO v1.1.1)', () => {
  const batch = (): unknown[] => ['sample.resume.json', 'new-grad.resume.json', 'basics-wrong-type.json', 'career-changer.resume.json', 'senior-engineer.resume.json'].map(resume);

  it('lands the good resumes with their ESCO-matched skill names, reports the bad one, and is idempotent by id', async () => {
    const first = await importCandidates({ document: JSON.stringify(batch()) }, deps());
    expect(first.report).toMatchObject({ format: 'json-resume', created: 4, updated: 0 });
    expect(first.report.errors.map((e) => [e.index, e.code, e.path])).toEqual([[2, 'INVALID_FIELD', '[2].basics']]);
    const stored = await store.listCandidates();
    expect(stored.map((c) => c.id).sort()).toEqual(['mailto:daniel.reyes@example.com', 'mailto:lena.vasquez@example.com', 'mailto:maya.okonkwo@example.com', 'mailto:richard.hendriks@mail.com']);
    const richard = stored.find((c) => c.id === 'mailto:richard.hendriks@mail.com')!;
    const labels = richard.claimedSkills.map((l) => graph.labelOf(l.skillId).trim());
    expect(labels).toEqual(expect.arrayContaining(['JavaScript', 'CSS']));
    expect(richard.claimedSkills.every((l) => l.provenance.kind === 'claim' && l.confidence === 1)).toBe(true);
    expect(richard.experience).toContain('CEO/President at Pied Piper');

    const again = await importCandidates({ document: JSON.stringify(batch()) }, deps());
    expect(again.report).toMatchObject({ created: 0, updated: 4 });
    expect(await store.listCandidates()).toEqual(stored);
  });

  it('with a linker, stores skills linked from work and education text (provenance: the text) and links unmatched skill names', async () => {
    const calls: string[][] = [];
    // a small deterministic stand-in for the model linker: links "SQL" wherever it occurs
    const sql = graph.findSkillsByLabel('SQL')[0]!;
    const linker: CandidateLinker = {
      async linkMany(texts) {
        calls.push([...texts]);
        return texts.map((t): SkillLink[] => (/sql|compression/i.test(t) ? [{ skillId: sql, confidence: 0.7, provenance: { kind: 'text', source: t.split('\n').find((l) => /sql|compression/i.test(l)) ?? t, span: null } }] : []));
      },
    };
    const r = await importCandidates({ document: resume('sample.resume.json'), link: true }, deps({ linker }));
    expect(r.report.textSkills + r.report.claimedSkills).toBeGreaterThan(0);
    const richard = (await store.listCandidates()).find((c) => c.id === 'mailto:richard.hendriks@mail.com')!;
    expect(richard.claimedSkills.find((l) => l.skillId === sql)).toBeDefined();
    expect(calls.flat().some((t) => t.includes('DB1101 - Basic SQL'))).toBe(true);
  });

  it('an employer import shares new candidates with its organisation and refuses to overwrite one not shared with it', async () => {
    const r = await importCandidates({ document: [resume('new-grad.resume.json'), { basics: { name: 'New Person', email: 'new@example.org' } }], organisationId: 'org:acme' }, deps());
    expect(r.report.errors.map((e) => [e.index, e.code])).toEqual([[0, 'FORBIDDEN']]);
    expect(r.report.created).toBe(1);
    expect((await store.listCandidates()).find((c) => c.id === 'mailto:new@example.org')!.sharedWith).toEqual(['org:acme']);
  });

  it('a wallet export adds the OB3 spec examples as awards (verified on the way in) for the holder; re-importing changes nothing', async () => {
    const creds = readdirSync(OB3).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(OB3, f), 'utf8')) as unknown);
    const vp = JSON.stringify({ type: ['VerifiablePresentation'], holder: HOLDER, verifiableCredential: creds });
    const r = await importCandidates({ document: vp }, deps());
    // six credentials, three distinct ids: three awards and three duplicate-id errors
    expect(r.report).toMatchObject({ format: 'wallet', created: 1, awards: 3, candidateIds: [HOLDER] });
    expect(r.report.errors.map((e) => e.index)).toEqual([1, 4, 5]);
    const awards = (await store.listAwards()).filter((a) => a.candidateId === HOLDER);
    expect(awards).toHaveLength(3);
    expect(new Set(awards.map((a) => a.verification))).not.toContain('verified');
    const again = await importCandidates({ document: vp }, deps());
    expect(again.report).toMatchObject({ created: 0, awards: 3 });
    expect((await store.listAwards()).filter((a) => a.candidateId === HOLDER)).toEqual(awards);
  });

  it('a file that is no candidates format changes nothing (one error)', async () => {
    const before = await store.listCandidates();
    await expect(importCandidates({ document: '{"@type": "JobPosting", "title": "x"}' }, deps())).rejects.toMatchObject({ code: 'UNKNOWN_FORMAT' });
    expect(await store.listCandidates()).toEqual(before);
  });
});
