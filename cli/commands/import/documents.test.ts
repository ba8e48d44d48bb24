import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileIndexSnapshot, createFileTfidfSnapshot } from '../../../engine/adapters/file-index-snapshot.ts';
import { createOrtRowScorer } from '../../../engine/adapters/ort-row-scorer.ts';
import { sha256Hex } from '../../../engine/adapters/sha256.ts';
import { createTransformersEmbedder } from '../../../engine/adapters/transformers-embedder.ts';
import { createCachedEmbedder } from '../../../engine/embedding/cached-embedder.ts';
import { buildLexicalIndex } from '../../../engine/linking/lexical-index.ts';
import { skillPriors } from '../../../engine/linking/features.ts';
import { createLinker } from '../../../engine/linking/link-text.ts';
import { buildSkillIndex } from '../../../engine/linking/skill-index.ts';
import { sharedPath } from '../../../taxonomy/loaders/shared-path.ts';
import { createSqliteStore } from '../../../taxonomy/stores/sqlite/sqlite-store.ts';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'skillgraph-import-docs-'));
const db = join(tmp, 'store.db');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderrLines: string[] } {
  const r = spawnSync(process.execPath, [join(repo, 'cli', 'skillgraph.mjs'), ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, SKILLGRAPH_STORE: 'sqlite', SKILLGRAPH_CACHE: join(tmp, 'cache', 'embeddings.sqlite') }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderrLines: r.stderr.split('\n').filter((l) => l !== '') };
}
const stats = (): Record<string, number> => JSON.parse(cli('stats', '--db', db, '--json').stdout) as Record<string, number>;

beforeAll(() => {
  expect(cli('import', 'sample', '--db', db).status).toBe(0);
});

describe('skillgraph import credentials|postings', () => {
  it('imports a Coursera catalogue CSV as credentials whose tags link to known skills by label', () => {
    const before = stats().credentials!;
    const r = cli('import', 'credentials', sharedPath('datasets', 'coursera-courses', 'coursera_courses_1139_skills.csv'), '--db', db, '--json');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { credentials: number; skillLinks: number };
    expect(report.credentials).toBe(1112);
    expect(report.skillLinks).toBeGreaterThan(0);
    expect(stats().credentials).toBe(before + 1112);
  });

  // issue 15: prerequisites pointing into a credential file imported later were dropped
  it('keeps a prerequisite into a file imported later pending, and restores it when that file arrives', async () => {
    const ctdl = (id: string, name: string, requires?: string) => ({
      '@context': 'https://credreg.net/ctdl/schema/context/json',
      '@id': id,
      '@type': 'ceterms:Certificate',
      'ceterms:name': { en: name },
      'ceterms:description': { en: `${name}.` },
      ...(requires ? { 'ceterms:requires': [{ '@type': 'ceterms:ConditionProfile', 'ceterms:targetCredential': [requires] }] } : {}),
    });
    const advanced = join(tmp, 'advanced.json');
    const basic = join(tmp, 'basic.json');
    writeFileSync(advanced, JSON.stringify(ctdl('urn:test:cred:advanced', 'Advanced welding', 'urn:test:cred:basic')));
    writeFileSync(basic, JSON.stringify(ctdl('urn:test:cred:basic', 'Basic welding')));
    const first = cli('import', 'credentials', advanced, '--db', db, '--json');
    expect(first.status, first.stderrLines.join('\n')).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ credentials: 1, pendingReferences: 1, pendingInStore: 1 });
    const second = cli('import', 'credentials', basic, '--db', db, '--json');
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ credentials: 1, restoredReferences: 1, pendingInStore: 0 });
    const store = await createSqliteStore(db);
    try {
      expect((await store.getCredential('urn:test:cred:advanced'))?.requires).toEqual(['urn:test:cred:basic']);
    } finally {
      await store.close();
    }
  });

  it('imports schema.org JobPosting JSON-LD with its explicit ESCO skills', () => {
    const doc = { '@context': 'https://schema.org', '@type': 'JobPosting', identifier: 'urn:test:posting:cli', title: 'Data engineer', description: 'Build pipelines.', datePosted: '2026-10-01', hiringOrganization: { '@type': 'Organization', name: 'Org', identifier: 'urn:test:org' } };
    const file = join(tmp, 'posting.jsonld');
    writeFileSync(file, JSON.stringify(doc));
    const before = stats().postings!;
    const r = cli('import', 'postings', file, '--db', db);
    expect(r.status).toBe(0);
    expect(stats().postings).toBe(before + 1);
  });

  it('import postings --link → each posting gets exactly the skills the linker finds in its text, read in its occupation\'s sense (same cached vectors), and the model worker ends', async () => {
    // 40 sample postings (more than one linkMany batch), without explicit skills: every stored skill is text-linked.
    type Doc = { title: string; description: string; datePosted: string; hiringOrganization: unknown };
    const docs = (JSON.parse(readFileSync(join(repo, 'datasets', 'postings.jsonld'), 'utf8')) as Doc[]).slice(0, 40).map((d, i) => ({
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      identifier: `urn:test:linked:${i}`,
      title: d.title,
      description: d.description,
      datePosted: d.datePosted,
      hiringOrganization: d.hiringOrganization,
    }));
    const file = join(tmp, 'linked.jsonld');
    writeFileSync(file, JSON.stringify(docs));
    expect(cli('import', 'postings', file, '--db', db, '--link').status).toBe(0);

    // Reference: each text linked on its own, in this process, with the in-process model and the priors the
    // product builds (with the occupations, whose titles give a posting's sense), reading the
    // vectors the import cached in the store (q8 quantises activations per model batch, so only the
    // same vectors give the same links exactly; a fresh embedding differs by ~0.006 confidence).
    const store = await createSqliteStore(db);
    const model = await createTransformersEmbedder({ dtype: 'q8' });
    try {
      const { skills, occupationSkills, occupations } = await store.loadTaxonomy();
      const cached = createCachedEmbedder({ embedder: model, cache: store, hash: sha256Hex });
      // The import's index snapshots (SKILLGRAPH_CACHE's folder, written from the vectors it cached in the store).
      const snapshots = join(tmp, 'cache', 'index');
      const index = await buildSkillIndex(skills, cached, { scorer: (m, rows, dim) => createOrtRowScorer(m, rows, dim), snapshot: createFileIndexSnapshot(snapshots) });
      const linker = createLinker({ index, lexical: buildLexicalIndex(skills, { snapshot: createFileTfidfSnapshot(snapshots) }), embedder: cached, priors: skillPriors(skills, occupationSkills, { occupations }) });
      const stored = new Map((await store.listPostings()).map((p) => [p.id, p]));
      let total = 0;
      for (const [i, d] of docs.entries()) {
        const posting = stored.get(`urn:test:linked:${i}`)!;
        // none is stated: an occupation the import inferred from the title (confident) sets the sense of the words
        const [found] = await linker.linkMany([`${d.title}\n${d.description}`], { occupations: [posting.occupationId] });
        const alone = found!.map((l) => [l.skillId, +l.confidence.toFixed(6)]);
        expect(posting.skills.every((l) => l.provenance.kind === 'text')).toBe(true);
        expect(posting.skills.map((l) => [l.skillId, +l.confidence.toFixed(6)]), posting.id).toEqual(alone);
        total += alone.length;
      }
      expect(cached.stats.embedded, 'every posting vector came from the import').toBe(0);
      await index.dispose();
      expect(total).toBeGreaterThan(100);
    } finally {
      await model.dispose();
      await store.close();
    }
  }, 300_000);

  it('a broken document gives one error line, a non-zero exit, and changes nothing', () => {
    const file = join(tmp, 'broken.json');
    writeFileSync(file, '{"@context": "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "type": ["OpenBadgeCredential"]');
    const before = stats();
    const r = cli('import', 'credentials', file, '--db', db);
    expect(r.status).not.toBe(0);
    expect(r.stderrLines).toHaveLength(1);
    expect(r.stderrLines[0]).toMatch(/^skillgraph: [A-Z_]+: .*broken\.json/);
    expect(stats()).toEqual(before);
  });

  it('the ownership rules apply to the CLI importers too (issue 17): a posting id that is an occupation code is refused, and the whole document changes nothing', async () => {
    const store = await createSqliteStore(db);
    const occupation = (await store.loadTaxonomy()).occupations.find((o) => o.code)!;
    await store.close();
    const posting = (id: string) => ({ '@context': 'https://schema.org', '@type': 'JobPosting', identifier: id, title: 'Shadow', description: 'Build pipelines.', datePosted: '2026-10-01', hiringOrganization: { '@type': 'Organization', name: 'Org', identifier: 'urn:test:org' } });
    const file = join(tmp, 'shadow.jsonld');
    writeFileSync(file, JSON.stringify([posting('urn:test:posting:fine'), posting(occupation.code!)]));
    const before = stats();
    const r = cli('import', 'postings', file, '--db', db);
    expect(r.status).toBe(2);
    expect(r.stderrLines).toEqual([`skillgraph: INVALID_INPUT: ${file} document[1].@id: posting id ${occupation.code} is an occupation id or code; it would shadow the occupation`]);
    expect(stats()).toEqual(before);
    // rank --role <code> still answers with the occupation
    expect(cli('rank', '--role', occupation.code!, '--db', db, '--top', '1', '--json').status).toBe(0);
  });

  it('a credential id in the private evidence namespace is refused from the CLI as from the API', () => {
    const badge = { '@context': 'https://w3id.org/openbadges/v2', type: 'BadgeClass', id: 'evidence:urn%3Avictim:urn:badge', name: 'Planted', description: 'Not a catalogue badge.', criteria: { narrative: 'None.' }, issuer: { type: 'Profile', id: 'https://example.org/organization', name: 'Example' } };
    const file = join(tmp, 'evidence.json');
    writeFileSync(file, JSON.stringify(badge));
    const before = stats();
    const r = cli('import', 'credentials', file, '--db', db);
    expect(r.status).toBe(2);
    expect(r.stderrLines).toEqual([`skillgraph: INVALID_INPUT: ${file} document.id: credential id ${badge.id} is in the private evidence namespace`]);
    expect(stats()).toEqual(before);
  });

  it('postings in the credentials command are refused with a usage error', () => {
    const r = cli('import', 'credentials', join(repo, 'datasets', 'postings.jsonld'), '--db', db);
    expect(r.status).toBe(2);
    expect(r.stderrLines[0]).toMatch(/not credentials/);
  });
});
