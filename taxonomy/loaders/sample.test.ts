import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';
import { SkillGraph } from '../model/skill-graph.ts';
import { normaliseLabel } from '../model/normalise.ts';
import type { Credential } from '../model/types.ts';
import { sharedPath } from './shared-path.ts';
import { DEFAULT_SAMPLE_DIR, SAMPLE_FILES, loadSample, type SampleData } from './sample.ts';

const repo = resolve(DEFAULT_SAMPLE_DIR, '..');
const escoDir = sharedPath('datasets', 'esco-v1.1.1');
const REFERENCE_DATE = '2026-10-31';

let sample: SampleData;
const scratch: string[] = [];

beforeAll(async () => {
  sample = await loadSample();
});

afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'skillgraph-sample-'));
  scratch.push(dir);
  return dir;
}

/** The generated files under `dir` (datasets/conformance holds gathered public fixtures, not generated ones). */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !relative(dir, e.parentPath).startsWith('conformance'))
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** A copy of datasets/ with one JSON file edited. */
function corrupted(file: string, edit: (data: unknown[]) => void): string {
  const dir = tempDir();
  cpSync(DEFAULT_SAMPLE_DIR, dir, { recursive: true });
  const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown[];
  edit(data);
  writeFileSync(join(dir, file), JSON.stringify(data));
  return dir;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(TaxonomyError);
    return (err as TaxonomyError).code;
  }
  throw new Error('expected loadSample to throw');
}

function cycleFree(edges: ReadonlyMap<string, readonly string[]>): boolean {
  const state = new Map<string, number>();
  const visit = (id: string): boolean => {
    if (state.get(id) === 2) return true;
    if (state.get(id) === 1) return false;
    state.set(id, 1);
    for (const next of edges.get(id) ?? []) if (!visit(next)) return false;
    state.set(id, 2);
    return true;
  };
  return [...edges.keys()].every(visit);
}

describe('loadSample()', () => {
  it('returns the documented counts', () => {
    const { taxonomy, records } = sample;
    expect(taxonomy.skills.length).toBeGreaterThanOrEqual(300);
    expect(taxonomy.skills.length).toBeLessThanOrEqual(400);
    expect(taxonomy.occupations.filter((o) => o.iscoGroup !== '').length).toBe(19);
    expect(records.credentials).toHaveLength(201);
    const ob3 = records.credentials?.filter((c) => c.format === 'ob3').length ?? 0;
    expect(Math.abs(ob3 - 100)).toBeLessThanOrEqual(5);
    expect(records.postings).toHaveLength(300);
    expect(records.candidates).toHaveLength(1000);
    expect(records.roles).toHaveLength(40);
    const awards = JSON.parse(readFileSync(join(DEFAULT_SAMPLE_DIR, SAMPLE_FILES.awards), 'utf8')) as unknown[];
    expect(records.awards).toHaveLength(awards.length);
    expect(awards.length).toBeGreaterThan(1500);
  });

  it('returns a taxonomy with several parents for some skills that SkillGraph indexes', () => {
    const graph = SkillGraph.fromData(sample.taxonomy);
    const parentCount = new Map<string, number>();
    for (const e of sample.taxonomy.broader) parentCount.set(e.childId, (parentCount.get(e.childId) ?? 0) + 1);
    expect([...parentCount.values()].filter((n) => n > 1).length).toBeGreaterThan(20);
    for (const s of sample.taxonomy.skills) expect(graph.parents(s.id).length).toBeGreaterThan(0);
  });

  it('returns records without dangling references', () => {
    const { taxonomy, records } = sample;
    const skills = new Set(taxonomy.skills.map((s) => s.id));
    const nodes = new Set([...skills, ...taxonomy.groups.map((g) => g.id)]);
    const occupations = new Set(taxonomy.occupations.map((o) => o.id));
    for (const e of taxonomy.broader) expect(nodes.has(e.childId) && nodes.has(e.parentId)).toBe(true);
    for (const r of taxonomy.skillRelations) expect(skills.has(r.fromId) && skills.has(r.toId)).toBe(true);
    for (const os of taxonomy.occupationSkills) expect(skills.has(os.skillId) && occupations.has(os.occupationId)).toBe(true);
    for (const o of taxonomy.occupations) for (const p of o.parentIds) expect(occupations.has(p)).toBe(true);

    const credentials = new Set(records.credentials?.map((c) => c.id));
    const candidates = new Set(records.candidates?.map((c) => c.id));
    const postings = new Set(records.postings?.map((p) => p.id));
    const orgs = new Set(records.postings?.map((p) => p.organisationId));
    for (const c of records.credentials ?? []) {
      expect(c.skills.length).toBeGreaterThan(0);
      for (const l of c.skills) expect(skills.has(l.skillId)).toBe(true);
      for (const id of [...c.requires, ...c.isPartOf]) expect(credentials.has(id)).toBe(true);
    }
    for (const a of records.awards ?? []) expect(candidates.has(a.candidateId) && credentials.has(a.credentialId)).toBe(true);
    for (const c of records.candidates ?? []) for (const org of c.sharedWith) expect(orgs.has(org)).toBe(true);
    for (const r of records.roles ?? []) {
      if (r.postingId !== null) expect(postings.has(r.postingId)).toBe(true);
      for (const q of r.requirements) expect(skills.has(q.skillId)).toBe(true);
    }
  });

  it('returns credentials whose prerequisites and stacks are acyclic', () => {
    const creds = sample.records.credentials ?? [];
    expect(cycleFree(new Map(creds.map((c) => [c.id, c.requires])))).toBe(true);
    expect(cycleFree(new Map(creds.map((c) => [c.id, c.isPartOf])))).toBe(true);
    expect(creds.filter((c) => c.requires.length > 0).length).toBeGreaterThan(20);
    expect(new Set(creds.map((c) => c.issuer.id)).size).toBeGreaterThanOrEqual(5);
    for (const c of creds) {
      expect(c.cost).toBeGreaterThanOrEqual(0);
      expect(c.cost).toBeLessThanOrEqual(2000);
      expect(c.hours).toBeGreaterThanOrEqual(2);
      expect(c.hours).toBeLessThanOrEqual(300);
      expect(['beginner', 'intermediate', 'advanced']).toContain(c.level);
    }
  });

  it('returns awards issued only after their prerequisites, expired exactly when lapsed', () => {
    const byId = new Map<string, Credential>((sample.records.credentials ?? []).map((c) => [c.id, c]));
    const held = new Map<string, Map<string, string>>();
    for (const a of sample.records.awards ?? []) {
      const mine = held.get(a.candidateId) ?? new Map<string, string>();
      held.set(a.candidateId, mine);
      for (const req of byId.get(a.credentialId)?.requires ?? []) {
        expect(mine.has(req)).toBe(true);
        expect((mine.get(req) as string) <= a.issuedOn).toBe(true);
      }
      mine.set(a.credentialId, a.issuedOn);
      expect(a.issuedOn < REFERENCE_DATE).toBe(true);
      expect(a.verification === 'expired').toBe(a.expiresOn !== null && a.expiresOn < REFERENCE_DATE);
    }
    const statuses = new Set(sample.records.awards?.map((a) => a.verification));
    for (const s of ['unverified', 'hosted-verified', 'verified', 'expired']) expect(statuses.has(s as never)).toBe(true);
  });

  it('returns postings whose ground-truth skills are written into the text, dated in the 18-month window', () => {
    const skillById = new Map(sample.taxonomy.skills.map((s) => [s.id, s]));
    for (const p of sample.records.postings ?? []) {
      const text = normaliseLabel(p.description);
      expect(p.skills.length).toBeGreaterThanOrEqual(4);
      for (const link of p.skills) {
        const skill = skillById.get(link.skillId);
        const labels = [skill?.preferredLabel ?? '', ...(skill?.altLabels ?? [])].map(normaliseLabel).filter(Boolean);
        expect(labels.some((l) => text.includes(l))).toBe(true);
      }
      expect(p.datePosted >= '2025-04-30' && p.datePosted <= REFERENCE_DATE).toBe(true);
      const words = p.description.split(/\s+/).length;
      expect(words).toBeGreaterThanOrEqual(150);
      expect(words).toBeLessThanOrEqual(350);
    }
  });

  it('throws UNKNOWN_REFERENCE for an award of an unknown credential', async () => {
    const dir = corrupted(SAMPLE_FILES.awards, (awards) => {
      (awards[3] as { credentialId: string }).credentialId = 'https://nowhere.example/achievements/x';
    });
    expect(await codeOf(loadSample(dir))).toBe(TaxonomyErrorCode.UnknownReference);
  });

  it('throws UNKNOWN_REFERENCE for a role requirement on a skill outside the taxonomy', async () => {
    const dir = corrupted(SAMPLE_FILES.roles, (roles) => {
      (roles[0] as { requirements: { skillId: string }[] }).requirements[0]!.skillId = 'http://data.europa.eu/esco/skill/not-picked';
    });
    expect(await codeOf(loadSample(dir))).toBe(TaxonomyErrorCode.UnknownReference);
  });

  it('throws CYCLE when two credentials require each other', async () => {
    const dir = corrupted(SAMPLE_FILES.ob3, (docs) => {
      const a = docs[0] as Record<string, unknown>;
      const b = docs[1] as Record<string, unknown>;
      a['skillgraph:requires'] = [b.id];
      b['skillgraph:requires'] = [a.id];
    });
    expect(await codeOf(loadSample(dir))).toBe(TaxonomyErrorCode.Cycle);
  });

  it('throws DUPLICATE_ID for a repeated candidate id', async () => {
    const dir = corrupted(SAMPLE_FILES.candidates, (rows) => {
      (rows[1] as { id: string }).id = (rows[0] as { id: string }).id;
    });
    expect(await codeOf(loadSample(dir))).toBe(TaxonomyErrorCode.DuplicateId);
  });

  it('throws MISSING_FILE for a folder without the sample and INVALID_VALUE for broken JSON', async () => {
    expect(await codeOf(loadSample(tempDir()))).toBe(TaxonomyErrorCode.MissingFile);
    const dir = tempDir();
    cpSync(DEFAULT_SAMPLE_DIR, dir, { recursive: true });
    writeFileSync(join(dir, SAMPLE_FILES.roles), '[{"id": ');
    const err = await loadSample(dir).catch((e: unknown) => e);
    expect((err as TaxonomyError).code).toBe(TaxonomyErrorCode.InvalidValue);
    expect((err as TaxonomyError).location.file).toBe(SAMPLE_FILES.roles);
  });
});

describe('scripts/generate-sample.ts', () => {
  it.skipIf(!existsSync(escoDir))(
    'regenerates byte-identical files (skipped when ESCO v1.1.1 is not in the shared folder)',
    () => {
      const out = tempDir();
      execFileSync(process.execPath, ['--import', 'tsx', join(repo, 'scripts', 'generate-sample.ts'), '--out', out], {
        cwd: repo,
        stdio: 'pipe',
      });
      const committed = files(DEFAULT_SAMPLE_DIR);
      expect(files(out)).toEqual(committed);
      for (const f of committed) expect(readFileSync(join(out, f)).equals(readFileSync(join(DEFAULT_SAMPLE_DIR, f))), f).toBe(true);
    },
    60_000,
  );
});
