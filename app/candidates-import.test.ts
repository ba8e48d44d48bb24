import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOb3Verifier } from '../engine/adapters/ob3-verifier/index.ts';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import type { SkillGraph } from '../taxonomy/model/skill-graph.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { importCandidates, type ImportCandidatesRequest } from './candidates-import.ts';
import { localOperator, type Principal } from './principal.ts';
import type { TextLink, TextLinker } from './text-linker.ts';
import { Workspace } from './workspace.ts';

const RESUMES = new URL('../engine/ingest/fixtures/json-resume/', import.meta.url);
const resume = (name: string): unknown => JSON.parse(readFileSync(new URL(name, RESUMES), 'utf8'));
const OB3 = sharedPath('datasets', 'credential-examples', 'openbadges-3.0-spec-examples');
const HOLDER = 'did:example:ebfeb1f712ebc6f1c276e12ec21';
const NOW = new Date('2026-01-01T00:00:00Z');

let dir: string;
let store: GraphStore;
let graph: SkillGraph;
let ws: Workspace;
const calls: string[][] = [];
const run = (req: ImportCandidatesRequest, principal: Principal = localOperator) => importCandidates(ws, principal, req, NOW);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-cand-'));
  store = await createSqliteStore(join(dir, 'store.db'));
  const esco = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
  await store.importTaxonomy(esco);
  // a small deterministic stand-in for the model linker (used only with `link: true`): links "SQL" wherever "sql" or "compression" occurs
  const linker: TextLinker = {
    async link(text) {
      return (await this.linkMany([text]))[0]!;
    },
    async linkMany(texts) {
      calls.push([...texts]);
      const sql = ws.graph.findSkillsByLabel('SQL')[0]!;
      return texts.map((t): TextLink[] => (/sql|compression/i.test(t) ? [{ skillId: sql, confidence: 0.7, phrase: 'SQL', parts: {}, provenance: { kind: 'text', source: t.split('\n').find((l) => /sql|compression/i.test(l)) ?? t, span: null } }] : []));
    },
    async search() {
      return [];
    },
  };
  ws = await Workspace.open({ store, linker, verifier: createOb3Verifier() });
  graph = ws.graph;
}, 120_000);

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('importCandidates (JSON Resume examples into a real SQLite store with ESCO v1.1.1)', () => {
  const batch = (): unknown[] => ['sample.resume.json', 'new-grad.resume.json', 'basics-wrong-type.json', 'career-changer.resume.json', 'senior-engineer.resume.json'].map(resume);

  it('lands the good resumes with their ESCO-matched skill names, reports the bad one, and is idempotent by id', async () => {
    const first = await run({ document: JSON.stringify(batch()) });
    expect(first).toMatchObject({ format: 'json-resume', created: 4, updated: 0 });
    expect(first.errors.map((e) => [e.index, e.code, e.path])).toEqual([[2, 'INVALID_FIELD', '[2].basics']]);
    const stored = await store.listCandidates();
    expect(stored.map((c) => c.id).sort()).toEqual(['mailto:daniel.reyes@example.com', 'mailto:lena.vasquez@example.com', 'mailto:maya.okonkwo@example.com', 'mailto:richard.hendriks@mail.com']);
    const richard = stored.find((c) => c.id === 'mailto:richard.hendriks@mail.com')!;
    const labels = richard.claimedSkills.map((l) => graph.labelOf(l.skillId).trim());
    expect(labels).toEqual(expect.arrayContaining(['JavaScript', 'CSS']));
    expect(richard.claimedSkills.every((l) => l.provenance.kind === 'claim' && l.confidence === 1)).toBe(true);
    expect(richard.experience).toContain('CEO/President at Pied Piper');

    const again = await run({ document: JSON.stringify(batch()) });
    expect(again).toMatchObject({ created: 0, updated: 4 });
    expect(await store.listCandidates()).toEqual(stored);
  });

  it('with a linker, stores skills linked from work and education text (provenance: the text) and links unmatched skill names', async () => {
    const sql = graph.findSkillsByLabel('SQL')[0]!;
    const r = await run({ document: resume('sample.resume.json'), link: true });
    expect(r.textSkills).toBeGreaterThan(0);
    const richard = (await store.listCandidates()).find((c) => c.id === 'mailto:richard.hendriks@mail.com')!;
    // text links are the candidate's experience skills (as for every candidate write); the read model has them at once
    expect(richard.experienceSkills?.find((l) => l.skillId === sql && l.provenance.kind === 'text')).toBeDefined();
    expect(ws.records.candidates.get(richard.id)).toEqual(richard);
    expect(calls.flat().some((t) => t.includes('DB1101 - Basic SQL'))).toBe(true);
  });

  it('an employer import shares new candidates with its organisation and refuses to overwrite one not shared with it', async () => {
    const employer: Principal = { keyId: 'k', role: 'employer', organisationId: 'org:acme', candidateId: null };
    const r = await run({ document: [resume('new-grad.resume.json'), { basics: { name: 'New Person', email: 'new@example.org' } }] }, employer);
    expect(r.errors.map((e) => [e.index, e.code])).toEqual([[0, 'FORBIDDEN']]);
    expect(r.created).toBe(1);
    expect((await store.listCandidates()).find((c) => c.id === 'mailto:new@example.org')!.sharedWith).toEqual(['org:acme']);
  });

  it('a wallet export adds the OB3 spec examples as awards (verified on the way in) for the holder; re-importing changes nothing', async () => {
    const creds = readdirSync(OB3).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(OB3, f), 'utf8')) as unknown);
    const vp = JSON.stringify({ type: ['VerifiablePresentation'], holder: HOLDER, verifiableCredential: creds });
    const r = await run({ document: vp });
    // six credentials, three distinct ids: three awards and three duplicate-id errors
    expect(r).toMatchObject({ format: 'wallet', created: 1, awards: 3, candidateIds: [HOLDER] });
    expect(r.errors.map((e) => e.index)).toEqual([1, 4, 5]);
    const awards = (await store.listAwards()).filter((a) => a.candidateId === HOLDER);
    expect(awards).toHaveLength(3);
    expect(new Set(awards.map((a) => a.verification))).not.toContain('verified');
    const again = await run({ document: vp });
    expect(again).toMatchObject({ created: 0, awards: 3 });
    expect((await store.listAwards()).filter((a) => a.candidateId === HOLDER)).toEqual(awards);
  });

  it('a learner imports only a wallet export for their own candidate', async () => {
    const learner: Principal = { keyId: 'k', role: 'learner', organisationId: null, candidateId: 'mailto:new@example.org' };
    await expect(run({ document: 'id,name\nx,y\n', format: 'csv' }, learner)).rejects.toMatchObject({ name: 'ForbiddenError' });
    await expect(run({ document: '{}', format: 'wallet', candidateId: 'someone-else' }, learner)).rejects.toMatchObject({ name: 'ForbiddenError' });
  });

  it('a file that is no candidates format changes nothing (one error)', async () => {
    const before = await store.listCandidates();
    await expect(run({ document: '{"@type": "JobPosting", "title": "x"}' })).rejects.toMatchObject({ name: 'InvalidInputError', code: 'INVALID_INPUT', path: 'document' });
    expect(await store.listCandidates()).toEqual(before);
  });
});
