import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../../taxonomy/loaders/shared-path.ts';
import { fixtureTaxonomy } from '../../taxonomy/stores/contract/fixture.test-support.ts';
import { createSqliteStore } from '../../taxonomy/stores/sqlite/sqlite-store.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'skillgraph-link-'));
const db = join(tmp, 'small.db');

/** Runs the real bin (what `npx skillgraph` runs) on a small taxonomy in a real SQLite store. */
function cli(input: string | null, ...args: string[]) {
  return cliWith({}, input, ...args);
}
function cliWith(env: NodeJS.ProcessEnv, input: string | null, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(repo, 'cli', 'skillgraph.mjs'), ...args], {
    cwd: repo,
    encoding: 'utf8',
    input: input ?? undefined,
    env: { ...process.env, SKILLGRAPH_STORE: 'sqlite', SKILLGRAPH_CACHE: join(tmp, 'cache.sqlite'), ...env },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.split('\n').filter((l) => l && !l.startsWith('npm warn')) };
}

beforeAll(async () => {
  const store = await createSqliteStore(db);
  await store.importTaxonomy(fixtureTaxonomy);
  await store.close();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('skillgraph link', () => {
  it('--model / $SKILLGRAPH_MODEL: the real model under another folder name links as that model, with one warning naming its missing weights file (issue 18)', () => {
    const models = join(tmp, 'models');
    mkdirSync(models, { recursive: true });
    symlinkSync(sharedPath('models', 'all-MiniLM-L6-v2'), join(models, 'my-encoder'), 'dir');
    const text = 'Write small Python scripts for stock lists';
    for (const [env, args] of [[{}, ['--model', 'my-encoder']], [{ SKILLGRAPH_MODEL: 'my-encoder' }, []]] as const) {
      const r = cliWith({ SKILLGRAPH_MODELS: models, ...env }, text, 'link', '-', '--db', db, '--json', '--threshold', '0', ...args);
      expect(r.status).toBe(0);
      expect(r.stderr).toEqual([expect.stringMatching(/^skillgraph: warning: no linking weights fitted for the model my-encoder@q8 \(engine\/linking\/weights\/my-encoder@q8\.embedded\.json is missing\)/)]);
      const out = JSON.parse(r.stdout) as { model: string; links: { label: string }[] };
      expect(out.model).toBe('my-encoder@q8');
      expect(out.links.map((l) => l.label)).toContain('Python (computer programming)');
    }
    const bad = cli(text, 'link', '-', '--db', db, '--model', '../elsewhere');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toEqual(['skillgraph: USAGE: invalid --model: ../elsewhere (expected a model folder name under $SKILLGRAPH_MODELS)']);
  });

  it('link - --json prints skills with spans into the original text and confidences', () => {
    const text = 'Kitchen assistant\n• Cut vegetables and meat with sharp knives every day\n• Write small Python scripts for stock lists';
    const r = cli(text, 'link', '-', '--db', db, '--json', '--threshold', '0');
    expect(r.stderr).toEqual([]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { model: string; links: { label: string; phrase: string; confidence: number; provenance: { span: [number, number] } }[] };
    expect(out.model).toBe('all-MiniLM-L6-v2@q8');
    const py = out.links.find((l) => l.label === 'Python (computer programming)');
    expect(py).toBeDefined();
    expect(text.slice(py!.provenance.span[0], py!.provenance.span[1])).toBe(py!.phrase);
    expect(py!.phrase).toMatch(/Python/);
    for (const l of out.links) expect(l.confidence).toBeGreaterThanOrEqual(0);
  });

  it('link --kind picks a calibration kind; an unknown kind exits 2 with one line before the model loads', () => {
    const bad = cli('Write small Python scripts', 'link', '-', '--db', db, '--kind', 'resume');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toEqual(['skillgraph: USAGE: invalid --kind: resume (expected posting, cv, course)']);
    const text = 'I wrote small Python scripts for stock lists and cut vegetables with sharp knives';
    const cv = cli(text, 'link', '-', '--db', db, '--json', '--kind', 'cv', '--threshold', '0');
    expect(cv.stderr).toEqual([]);
    expect(cv.status).toBe(0);
    const out = JSON.parse(cv.stdout) as { links: { label: string }[]; warnings?: string[] };
    expect(out.warnings).toBeUndefined();
    expect(out.links.map((l) => l.label)).toContain('Python (computer programming)');
  });

  it('link warns (stderr and --json warnings) on text in a language the model does not cover', () => {
    const de = 'Wir suchen ab sofort einen Softwareentwickler (m/w/d) für unser Team in Berlin. Sie haben Erfahrung mit Java und sind teamfähig. Wir bieten Ihnen einen sicheren Arbeitsplatz und flexible Arbeitszeiten.';
    const r = cli(de, 'link', '-', '--db', db, '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(/^warning: .*German/);
    const out = JSON.parse(r.stdout) as { warnings?: string[] };
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings![0]).toMatch(/German/);
  });

  it('link with a missing file exits 2 with one line', () => {
    const r = cli(null, 'link', join(tmp, 'nope.txt'), '--db', db);
    expect(r.status).toBe(2);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(/^skillgraph: USAGE: cannot read/);
  });

  it('eval with an unknown task exits 2 with one line', () => {
    const bench = join(tmp, 'b.csv');
    writeFileSync(bench, 'sentence,label\nx,SQL\n');
    const a = cli(null, 'eval', 'bogus', '--benchmark', bench, '--db', db);
    expect(a.status).toBe(2);
    expect(a.stderr).toEqual(['skillgraph: USAGE: invalid task: bogus (expected linking, titles, postings)']);
  });
});
