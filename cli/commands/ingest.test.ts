import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestDocument } from '../../engine/ingest/ingest.ts';
import type { Credential } from '../../taxonomy/model/types.ts';
import { loadSample } from '../../taxonomy/loaders/sample.ts';
import { sharedPath } from '../../taxonomy/loaders/shared-path.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'skillgraph-ingest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const EX = sharedPath('datasets', 'credential-examples');

function cli(...args: string[]): { status: number | null; stdout: string; stderrLines: string[] } {
  const r = spawnSync(process.execPath, [join(repo, 'cli', 'skillgraph.mjs'), ...args], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderrLines: r.stderr.split('\n').filter((l) => l !== '') };
}

describe('skillgraph ingest', () => {
  it('prints a summary of an OB3 credential and exits 0', () => {
    const r = cli('ingest', join(EX, 'openbadges-3.0-spec-examples', 'skillAssertionCase.json'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ob3: 1 credential\(s\), 1 award\(s\), 1 custom skill\(s\), 0 pathway\(s\)/);
    expect(r.stderrLines).toEqual([]);
  });

  it('--json prints the full IngestResult', () => {
    const file = join(EX, 'ctdl-samples', 'CourseProgramExamples', 'programWithCourses.json');
    const r = cli('ingest', file, '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(ingestDocument(readFileSync(file, 'utf8')))));
  });

  it('reads .csv as a catalogue and .txt as text', () => {
    const csv = cli('ingest', sharedPath('datasets', 'coursera-courses', 'coursera_courses_1139_skills.csv'));
    expect(csv.stdout).toMatch(/^catalogue \(skills1139\): 1112 credential\(s\), 23 junk row\(s\) skipped/);
    const txt = join(tmp, 'cv.txt');
    writeFileSync(txt, 'Welder with TIG and MIG experience.');
    expect(cli('ingest', txt, '--json').stdout).toContain('"format": "text"');
  });

  it('bad input → one stderr line with the code, file and position; exit 1', () => {
    const r = cli('ingest', join(EX, 'ctdl-samples', 'PathwaysConditionsAndConstraints', 'Pathway-Examples', 'Kansas', 'HutchinsonWeldingAAS.json'));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderrLines).toHaveLength(1);
    expect(r.stderrLines[0]).toMatch(/^skillgraph: INVALID_JSON: .*HutchinsonWeldingAAS\.json: line 443, column 39: /);
    const notCredential = cli('ingest', join(EX, 'edubadges-obv3-examples', 'context_educredential.json'));
    expect(notCredential.stderrLines).toEqual([expect.stringMatching(/^skillgraph: UNKNOWN_FORMAT: /)]);
  });

  it('usage mistakes exit 2', () => {
    const r = cli('ingest', 'x.json', '--format', 'pdf');
    expect(r.status).toBe(2);
    expect(r.stderrLines).toEqual(['skillgraph: USAGE: invalid --format: pdf']);
  });
});

describe('ingestDocument agrees with the sample loader (datasets/credentials)', () => {
  it('all 201 generated credentials parse to the same Credential fields and skill ids as loadSample', async () => {
    const sample = await loadSample();
    const mine = new Map<string, Credential>();
    for (const f of ['credentials/ctdl.json', 'credentials/ob3-achievements.json']) {
      const r = ingestDocument(readFileSync(join(repo, 'datasets', f), 'utf8'));
      if (r.format !== 'ctdl' && r.format !== 'ob3') throw new Error(`unexpected ${r.format}`);
      for (const e of r.credentials) mine.set(e.credential.id, e.credential);
    }
    const theirs = sample.records.credentials ?? [];
    expect(theirs).toHaveLength(201);
    expect(mine.size).toBe(201);
    const strip = (c: Credential): unknown => ({ ...c, skills: c.skills.map((s) => s.skillId).sort(), requires: [...c.requires].sort(), isPartOf: [...c.isPartOf].sort() });
    for (const c of theirs) expect(strip(mine.get(c.id)!), c.id).toEqual(strip(c));
  });
});
