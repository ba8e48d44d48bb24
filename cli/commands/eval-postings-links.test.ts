import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkedSkill, PostingRow } from '../../engine/eval/eval-postings.ts';
import { loadEsco } from '../../taxonomy/loaders/esco.ts';
import { sharedPath } from '../../taxonomy/loaders/shared-path.ts';
import type { Skill } from '../../taxonomy/model/types.ts';
import { createSqliteStore } from '../../taxonomy/stores/sqlite/sqlite-store.ts';
import { occupationIndex, postingSignals } from './eval.ts';
import { openLinking } from './linking-setup.ts';

/**
 * Issue 18 (round 7): `eval postings` links each posting as `import postings --link` does — in the sense of the
 * occupation it states, else of the one inferred from its title at confidence ≥ 0.8 (app/link-postings.ts) — so its
 * numbers show the import's links. Real model, real SQLite; ESCO's skills of the fitter-and-turner occupation plus the
 * programming languages (the "assembly" sense error of issue 18), and the occupations of ISCO groups 722 and 25 (few
 * enough to embed here, and the real title normaliser infers the fitter from "Fitter and turner wanted").
 */
const repo = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'skillgraph-eval-links-'));
const db = join(tmp, 'store.db');
const cacheEnv = join(tmp, 'cache', 'embeddings.sqlite');
const before = process.env['SKILLGRAPH_CACHE'];
// "Assembly" written as a name (capitalised mid-sentence), so that the language's name label counts (engine/linking/name-labels.ts)
// and only the occupation's sense can tell the trade from the language.
const BODY = 'Skilled in Assembly of machine parts. Operate lathe and milling machines, use precision measuring equipment and interpret technical drawings.';
const PROGRAMMING = 'Assembly (computer programming)';

let skills: readonly Skill[];
let fitter: string;
let rows: PostingRow[];

beforeAll(async () => {
  const esco = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
  const occupations = esco.occupations.filter((o) => /^(722|25)/.test(o.code));
  const fitterOcc = occupations.find((o) => o.preferredLabel === 'fitter and turner')!;
  fitter = fitterOcc.id;
  const held = new Set(esco.occupationSkills.filter((r) => r.occupationId === fitter).map((r) => r.skillId));
  skills = esco.skills.filter((s) => held.has(s.id) || /\(computer programming\)/.test(s.preferredLabel) || /^assembl/i.test(s.preferredLabel));
  const skillIds = new Set(skills.map((s) => s.id));
  const occIds = new Set(occupations.map((o) => o.id));
  const occupationSkills = esco.occupationSkills.filter((r) => skillIds.has(r.skillId) && occIds.has(r.occupationId));
  const store = await createSqliteStore(db);
  await store.importTaxonomy({ skills, groups: [], broader: [], skillRelations: [], occupations, occupationSkills, crosswalk: [] });
  await store.close();
  // One posting whose title the normaliser reads as the fitter, one stating the fitter, one with neither.
  rows = [
    { title: 'Fitter and turner wanted', description: BODY, occupationCode: fitterOcc.code },
    { title: 'Workshop vacancy', description: BODY, occupationCode: fitterOcc.code, occupationId: fitter },
    { title: 'Workshop vacancy', description: BODY, occupationCode: fitterOcc.code },
  ];
  process.env['SKILLGRAPH_CACHE'] = cacheEnv;
}, 300_000);
afterAll(() => {
  if (before === undefined) delete process.env['SKILLGRAPH_CACHE'];
  else process.env['SKILLGRAPH_CACHE'] = before;
  rmSync(tmp, { recursive: true, force: true });
});

/** Links as comparable rows (skill, confidence to 6 digits). */
const comparable = (links: readonly LinkedSkill[]): [string, number][] => links.map((l) => [l.skillId, Number(l.confidence.toFixed(6))]);

describe('skillgraph eval postings links as import postings --link does (issue 18)', () => {
  it('postingSignals gives each posting exactly the links its import stores: in the sense of the stated occupation, else the inferred one', async () => {
    const graph = rows.map((r, i) => ({
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      identifier: `urn:test:eval:${i}`,
      title: r.title,
      description: r.description,
      datePosted: '2026-12-01',
      hiringOrganization: { '@type': 'Organization', name: 'Example Engineering' },
      ...(r.occupationId ? { occupationalCategory: r.occupationId } : {}),
    }));
    const file = join(tmp, 'postings.jsonld');
    writeFileSync(file, JSON.stringify({ '@context': 'https://schema.org', '@graph': graph }));
    const r = spawnSync(process.execPath, [join(repo, 'cli', 'skillgraph.mjs'), 'import', 'postings', file, '--link', '--db', db], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, SKILLGRAPH_STORE: 'sqlite', SKILLGRAPH_CACHE: cacheEnv },
      timeout: 180_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const store = await createSqliteStore(db);
    const stored = await store.getRecords({ postings: rows.map((_, i) => `urn:test:eval:${i}`) }).finally(() => store.close());
    const imported = rows.map((_, i) => stored.postings!.find((p) => p.id === `urn:test:eval:${i}`)!);
    expect(imported[0]).toMatchObject({ occupationId: fitter, occupationInferred: { from: 'title' } });
    expect(imported[1]).toMatchObject({ occupationId: fitter });
    expect(imported[2]!.occupationId).toBeNull();

    // The evaluation's links, as `skillgraph eval postings` makes them, reading the vectors the import cached in the store.
    const setup = await openLinking({ db }, () => {});
    try {
      const occIndex = await occupationIndex(setup);
      try {
        const signals = await postingSignals(setup, occIndex, rows, () => {});
        rows.forEach((row, i) => expect(comparable(signals.get(row)!.skills), row.title).toEqual(comparable(imported[i]!.skills)));
      } finally {
        await occIndex.dispose();
      }
    } finally {
      await setup.close();
    }
    // The occupation changes the links: the programming language is cut in the fitter's sense only, stated or inferred.
    const labels = (i: number): string[] => imported[i]!.skills.map((l) => skills.find((s) => s.id === l.skillId)!.preferredLabel);
    expect(labels(0)).not.toContain(PROGRAMMING);
    expect(labels(1)).not.toContain(PROGRAMMING);
    expect(labels(0).length).toBeGreaterThan(0);
    expect(labels(2)).toContain(PROGRAMMING);
  }, 300_000);
});
