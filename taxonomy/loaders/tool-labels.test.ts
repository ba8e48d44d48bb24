import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseLabel } from '../model/normalise.ts';
import type { Skill, TaxonomyData } from '../model/types.ts';
import { loadEsco } from './esco.ts';
import { sharedPath } from './shared-path.ts';
import { toolLabels, withToolLabels } from './tool-labels.ts';

const SPREADSHEETS = 'http://data.europa.eu/esco/skill/1973c966-f236-40c9-b2d4-5d71a89019be';

function skill(id: string, extra: Partial<Skill> = {}): Skill {
  return { id, source: 'esco', preferredLabel: 'use spreadsheets software', altLabels: [], hiddenLabels: [], description: '', skillType: 'skill/competence', reuseLevel: 'cross-sector', ...extra };
}

describe('withToolLabels', () => {
  it('adds a skill\'s product names after its published hidden labels, once per match key; other skills are returned as they are', () => {
    const names = toolLabels().get(SPREADSHEETS)!;
    expect(names).toContain('Microsoft Excel');
    const other = skill('http://example.org/skill/other');
    const [s, o] = withToolLabels([skill(SPREADSHEETS, { altLabels: ['MICROSOFT  excel'], hiddenLabels: ['Microsoft Office Excel'] }), other]);
    expect(o).toBe(other);
    expect(s!.preferredLabel).toBe('use spreadsheets software');
    expect(s!.altLabels).toEqual(['MICROSOFT  excel']);
    expect(s!.hiddenLabels[0]).toBe('Microsoft Office Excel');
    // "Microsoft Excel" has the key of an alternative label already: not added again.
    expect(s!.hiddenLabels).not.toContain('Microsoft Excel');
    expect(s!.hiddenLabels.length).toBe(1 + names.filter((n) => normaliseLabel(n) !== 'microsoft excel' && normaliseLabel(n) !== 'microsoft office excel').length);
    expect(new Set(s!.hiddenLabels.map(normaliseLabel)).size).toBe(s!.hiddenLabels.length);
  });
});

describe('esco-tool-labels.json on ESCO v1.1.1', () => {
  let published: TaxonomyData;
  let enriched: TaxonomyData;
  const tmp = mkdtempSync(join(tmpdir(), 'sg-tool-labels-'));
  beforeAll(async () => {
    published = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'), { toolLabels: false });
    enriched = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('names only skills of ESCO v1.1.1 and no label ESCO already has; loadEsco adds them as hidden labels only', () => {
    const ids = new Set(published.skills.map((s) => s.id));
    const keys = new Set(published.skills.flatMap((s) => [s.preferredLabel, ...s.altLabels, ...s.hiddenLabels]).map(normaliseLabel));
    const file = toolLabels();
    expect(file.size).toBeGreaterThan(20);
    for (const [id, names] of file) {
      expect(ids.has(id), id).toBe(true);
      for (const n of names) expect(keys.has(normaliseLabel(n)), n).toBe(false);
    }
    const added = enriched.skills.reduce((n, s) => n + s.hiddenLabels.length, 0) - published.skills.reduce((n, s) => n + s.hiddenLabels.length, 0);
    expect(added).toBe([...file.values()].reduce((n, l) => n + l.length, 0));
    enriched.skills.forEach((s, i) => {
      expect(s.preferredLabel).toBe(published.skills[i]!.preferredLabel);
      expect(s.altLabels).toEqual(published.skills[i]!.altLabels);
    });
    const spreadsheets = enriched.skills.find((s) => s.id === SPREADSHEETS)!;
    expect(spreadsheets.hiddenLabels).toContain('Microsoft Excel');
  });

  it('leaves out one-word names that are ordinary words (Excel, Word, Access, Outlook) and acronyms alone', () => {
    const all = new Set([...toolLabels().values()].flat());
    for (const n of ['Excel', 'Word', 'Access', 'Outlook', 'Project', 'Teams', 'Painter', 'CNC']) expect(all.has(n), n).toBe(false);
    for (const n of ['Microsoft PowerPoint', 'PowerPoint', 'Tableau', 'AutoCAD', 'QuickBooks']) expect(all.has(n), n).toBe(true);
  });

  it('is what scripts/build-tool-labels.ts builds from ../shared (reproducible)', () => {
    const out = join(tmp, 'tool-labels.json');
    const script = fileURLToPath(new URL('../../scripts/build-tool-labels.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', script, '--out', out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(fileURLToPath(new URL('./esco-tool-labels.json', import.meta.url)), 'utf8'));
  }, 60_000);

  it('refuses a toolLabels option that is not a boolean, naming it', async () => {
    await expect(loadEsco(sharedPath('datasets', 'esco-v1.1.1'), { toolLabels: 'yes' as never })).rejects.toThrow(/toolLabels/);
  });
});
