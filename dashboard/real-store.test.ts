/**
 * Issue 15: the dashboard on a store built from real public data, started the way a user starts it.
 * The store holds ESCO v1.1.1 (every occupation; the skills essential to the occupations used below),
 * 24 postings of the hahu dataset (their ESCO occupation from `esco_code`; the dataset has no dates, so
 * they are spread over the last 24 months for the trends), 40 Coursera courses about data (tags linked
 * by the model), the public JSON Resume examples and a wallet of the Open Badges 3.0 spec examples —
 * imported with the CLI's own commands (`import credentials|candidates --link`). Then `skillgraph start`
 * runs on it and Chromium opens exactly the dashboard URL it prints (`/?key=…`, no `#/`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import type { JobPosting, TaxonomyData } from '../taxonomy/model/types.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { launch, REPO } from './test/browser.ts';

const CLI = join(REPO, 'cli', 'skillgraph.mjs');
const RESUMES = join(REPO, 'engine', 'ingest', 'fixtures', 'json-resume');
const DATA_ANALYST = 'http://data.europa.eu/esco/occupation/d3edb8f8-3a06-47a0-8fb9-9b212c006aa2';
let dir: string;
let db: string;
let server: ChildProcess | null = null;
let printed = '';
let startUrl = '';
let context: BrowserContext;
const problems: string[] = [];
const cleanup: (() => unknown)[] = [];

function cli(args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args, '--db', db], { cwd: REPO, encoding: 'utf8', timeout: 600_000, env: { ...process.env, OMP_NUM_THREADS: '1' } });
  if (r.status !== 0 && r.status !== 1) throw new Error(`skillgraph ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** ESCO with every occupation but only the skills essential to `occupationIds` (a small, fast-to-embed taxonomy). */
function subset(esco: TaxonomyData, occupationIds: ReadonlySet<string>): TaxonomyData {
  const skillIds = new Set(esco.occupationSkills.filter((r) => occupationIds.has(r.occupationId) && r.relationType === 'essential').map((r) => r.skillId));
  const groupIds = new Set(esco.groups.map((g) => g.id));
  const known = (id: string): boolean => skillIds.has(id) || groupIds.has(id);
  return {
    ...esco,
    skills: esco.skills.filter((s) => skillIds.has(s.id)),
    broader: esco.broader.filter((e) => known(e.childId) && known(e.parentId)),
    skillRelations: esco.skillRelations.filter((r) => skillIds.has(r.fromId) && skillIds.has(r.toId)),
    occupationSkills: esco.occupationSkills.filter((r) => skillIds.has(r.skillId)),
    crosswalk: [],
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-real-ui-'));
  db = join(dir, 'store.db');
  const esco = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
  const byCode = new Map(esco.occupations.filter((o) => o.code).map((o) => [o.code, o.id] as const));
  const hahu = (parse(readFileSync(sharedPath('datasets', 'hahu-job-postings-esco', 'hahu_dev.csv'), 'utf8'), { columns: true }) as Record<string, string>[])
    .filter((r) => byCode.has(r['esco_code']!))
    .filter((r) => /ICT|Professional|Financial/.test(r['general_classification']!))
    .slice(0, 24);
  const now = new Date();
  const postings: JobPosting[] = hahu.map((r, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1 - (i % 20), 10));
    return { id: `urn:hahu:${r['ID']}`, title: r['title']!, description: r['description']!, organisationId: 'org:hahu', datePosted: d.toISOString().slice(0, 10), occupationId: byCode.get(r['esco_code']!)!, location: '', skills: [] };
  });
  const taxonomy = subset(esco, new Set([...postings.map((p) => p.occupationId!), DATA_ANALYST]));
  const store = await createSqliteStore(db);
  await store.importTaxonomy(taxonomy);
  await store.putRecords({ postings });
  await store.close();

  // 40 Coursera data courses (their skill tags linked by the model), the JSON Resume examples, a wallet
  const courses = readFileSync(sharedPath('datasets', 'coursera-courses', 'coursera_courses_3404_gained_skills.csv'), 'utf8');
  const rows = parse(courses, { columns: true }) as Record<string, string>[];
  const header = Object.keys(rows[0]!);
  const quote = (v: string): string => `"${v.replace(/"/g, '""')}"`;
  const picked = rows.filter((r) => /data|analy|sql|python/i.test(`${r['Title']} ${r['Gained Skills']}`)).slice(0, 40);
  writeFileSync(join(dir, 'courses.csv'), [header.join(','), ...picked.map((r) => header.map((h) => quote(r[h] ?? '')).join(','))].join('\n'));
  cli(['import', 'credentials', join(dir, 'courses.csv'), '--link']);
  const resumes = readdirSync(RESUMES).filter((f) => f.endsWith('.resume.json')).sort().map((f) => JSON.parse(readFileSync(join(RESUMES, f), 'utf8')) as unknown);
  writeFileSync(join(dir, 'resumes.json'), JSON.stringify(resumes));
  cli(['import', 'candidates', join(dir, 'resumes.json'), '--link']);
  const ob3 = sharedPath('datasets', 'credential-examples', 'openbadges-3.0-spec-examples');
  const vcs = readdirSync(ob3).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(ob3, f), 'utf8')) as unknown);
  writeFileSync(join(dir, 'wallet.json'), JSON.stringify({ type: ['VerifiablePresentation'], holder: 'did:example:ebfeb1f712ebc6f1c276e12ec21', verifiableCredential: vcs }));
  cli(['import', 'candidates', join(dir, 'wallet.json')]);

  // `skillgraph start` on that store, as `npm start` runs it
  server = spawn(process.execPath, [CLI, 'start', '--db', db, '--port', '0'], { cwd: REPO, env: { ...process.env, OMP_NUM_THREADS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanup.push(() => server?.kill('SIGTERM'));
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`start did not finish linking in time:\n${printed}`)), 540_000);
    server!.stdout!.on('data', (b: Buffer) => {
      printed += b.toString();
      const m = /dashboard\s+(http:\/\/\S+)/.exec(printed);
      if (m) startUrl = m[1]!;
      if (/linking done|background linking failed/.test(printed)) {
        clearTimeout(timer);
        ok();
      }
    });
    server!.stderr!.on('data', (b: Buffer) => void (printed += b.toString()));
    server!.on('exit', (code) => fail(new Error(`start exited (${code}):\n${printed}`)));
  });
  const browser = await launch();
  cleanup.push(browser.close);
  context = browser.context;
}, 900_000);

afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
  rmSync(dir, { recursive: true, force: true });
});

async function open(hash = ''): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${hash || 'start'}: console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${hash || 'start'}: pageerror: ${e.message}`));
  await page.goto(hash ? `${startUrl.replace(/\?key=.*$/, '')}${hash}` : startUrl);
  return page;
}

describe('dashboard on a store built from ../shared data, from the URL `skillgraph start` prints', () => {
  it('start printed a dashboard URL with a key and no #/ part, and linked the postings', () => {
    expect(startUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?key=[^#\s]+$/);
    // start-up linking runs through the store's linking queue (issue 19): the 24 postings and the candidates' experience
    const linked = /linked (\d+) documents \(postings, credentials, candidate experience/.exec(printed);
    expect(linked, printed).not.toBeNull();
    expect(Number(linked![1])).toBeGreaterThanOrEqual(24);
    expect(printed).toMatch(/linking done/);
  });

  it('the printed URL opens the gap heatmap, with the postings grouped by occupation as columns (no stored roles)', async () => {
    const page = await open();
    await page.waitForSelector('svg.heatmap .cell', { timeout: 60_000 });
    expect(new URL(page.url()).hash).toBe('#/gaps');
    expect(await page.locator('svg.heatmap .cell').count()).toBeGreaterThan(3);
    await expect.poll(() => page.locator('.summary').textContent()).toContain('posting groups (by occupation)');
    await page.close();
  });

  it('role fit ranks the imported candidates for an occupation picked by type-ahead', async () => {
    const page = await open('#/fit');
    await page.waitForSelector('svg.fit-bars .bar', { timeout: 60_000 });
    await page.fill('#fit-role', 'data analyst');
    await page.waitForSelector('#fit-role-options li.hit');
    const first = (await page.locator('#fit-role-options li.hit').first().textContent())!;
    expect(first.toLowerCase()).toContain('data analyst');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => decodeURIComponent(new URL(page.url()).hash)).toContain(`role=${DATA_ANALYST}`);
    await page.waitForSelector('svg.fit-bars .bar', { timeout: 60_000 });
    expect(await page.locator('svg.fit-bars .bar').count()).toBeGreaterThan(2);
    await page.locator('svg.fit-bars .bar').first().click();
    await page.waitForSelector('.detail .req');
    await page.close();
  });

  it('the learner pathway loads (no endless “Loading…”) with a candidate and an occupation picked by type-ahead', async () => {
    const page = await open('#/pathway');
    await page.fill('#path-candidate', 'Daniel');
    await page.waitForSelector('#path-candidate-options li.hit');
    await page.keyboard.press('Enter');
    await page.fill('#path-role', 'data analyst');
    await page.waitForSelector('#path-role-options li.hit');
    await page.keyboard.press('Enter');
    await expect.poll(() => decodeURIComponent(new URL(page.url()).hash)).toContain(`role=${DATA_ANALYST}`);
    await page.waitForSelector('svg.pathway', { timeout: 60_000 });
    expect(await page.locator('.chart-slot .state.loading').count()).toBe(0);
    await expect.poll(() => page.locator('.summary').textContent()).toMatch(/Fit \d+%/);
    await page.close();
  });

  it('demand trends come from the store’s postings', async () => {
    const page = await open('#/trends');
    await page.waitForSelector('svg.trends .trend', { timeout: 60_000 });
    expect(await page.locator('svg.trends .trend').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('issue 20: the credential comparison shows the imported courses (cost unknown in its strip) and opens a report', { timeout: 180_000 }, async () => {
    // the printed URL carries the key (remembered by the page), so this test also runs alone (-t)
    const page = await open();
    await page.goto(`${startUrl}#/credentials`);
    await page.waitForSelector('svg.credential-scatter .point', { timeout: 90_000 });
    const points = await page.locator('svg.credential-scatter .point').count();
    expect(points).toBeGreaterThanOrEqual(40);
    expect(await page.locator('.cred-table tbody tr').count()).toBe(points);
    // the Coursera rows carry no price: they are placed in the "cost unknown" strip and said so
    expect(await page.locator('.summary').textContent()).toMatch(/of unknown cost/);
    expect(await page.locator('svg.credential-scatter .unknown-strip').count()).toBe(1);
    const top = page.locator('.cred-table tbody th a').first();
    const name = (await top.textContent())!.trim();
    await top.click();
    await expect.poll(() => page.locator('.view-head h2').textContent(), { timeout: 60_000 }).toBe(name);
    expect(await page.locator('.report table.figures tbody tr').count()).toBeGreaterThan(3);
    await page.screenshot({ path: join(REPO, 'artifacts', 'screenshots', 'real-credential-report-1280.png') });
    // the courses' skills came from their catalogue tags (linked by the model), none from an explicit alignment
    const basis = /(\d+) aligned explicitly, (\d+) linked from text.*, (\d+) from catalogue tags/.exec((await page.locator('.report .skill-basis').textContent()) ?? '');
    expect(basis).not.toBeNull();
    expect(Number(basis![1])).toBe(0);
    expect(Number(basis![2]) + Number(basis![3])).toBeGreaterThan(0);
    await page.close();
  });

  it('no console errors', () => {
    expect(problems).toEqual([]);
  });
});
