/**
 * The built dashboard, served by our own server (api/server.ts) with the real API over the sample
 * data, driven in the system Chromium. Screenshots go to artifacts/screenshots/ (git-ignored).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard, launch, loadSampleApi, REPO, serve } from './test/browser.ts';

const SHOTS = join(REPO, 'artifacts', 'screenshots');
let context: BrowserContext;
let url: string;
let key: string;
const problems: string[] = [];
const cleanup: (() => unknown)[] = [];

async function open(view: string, size: { width: number; height: number } = { width: 1280, height: 800 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(size);
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${view}: console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${view}: pageerror: ${e.message}`));
  await page.goto(`${url}/?key=${encodeURIComponent(key)}#/${view}`);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const [built, api] = await Promise.all([buildDashboard(), loadSampleApi()]);
  cleanup.push(built.dispose, api.close);
  key = api.key;
  const server = await serve(built.dir, api.app);
  cleanup.push(server.close);
  url = server.url;
  const browser = await launch();
  cleanup.push(browser.close);
  context = browser.context;
});

afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

describe('dashboard in Chromium against the real API (sample data)', () => {
  it('gap heatmap: renders groups × roles, drills into a group with the keyboard, applies a what-if', async () => {
    const page = await open('gaps');
    await page.waitForSelector('svg.heatmap .cell', { timeout: 30_000 });
    expect(await page.locator('svg.heatmap .cell').count()).toBeGreaterThan(20);
    await shot(page, 'gaps-1280');
    const first = page.locator('svg.heatmap .row-label.mark').first();
    const label = (await first.getAttribute('aria-label'))!.split(',')[0]!;
    await first.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.crumbs .current').textContent()).toBe(label);
    expect(await page.locator('svg.heatmap .cell').count()).toBeGreaterThan(0);
    expect(page.url()).toContain('group=');
    await page.locator('.crumbs button.crumb').first().click();
    await page.waitForSelector('.crumbs .current', { state: 'detached' });
    // what-if
    const option = await page.locator('#whatif-credential option').nth(1).getAttribute('value');
    await page.selectOption('#whatif-credential', option!);
    await page.fill('#whatif-people', '400');
    await page.click('.whatif button[type=submit]');
    await expect.poll(() => page.locator('.summary').textContent(), { timeout: 20_000 }).toContain('What-if: 400 people');
    await shot(page, 'gaps-whatif-1280');
    await page.close();
  });

  it('taxonomy explorer: icicle of the whole hierarchy, zoom by click and breadcrumb, search', async () => {
    const page = await open('taxonomy');
    await page.waitForSelector('svg.icicle .node', { timeout: 30_000 });
    await shot(page, 'taxonomy-1280');
    const node = page.locator('svg.icicle .node.mark[data-col="1"]').first();
    const id = await node.getAttribute('data-id');
    await node.click();
    await expect.poll(() => page.locator('svg.icicle .node.mark[data-col="0"]').getAttribute('data-id')).toBe(id);
    expect(await page.locator('svg.icicle .crumb').count()).toBe(2);
    await page.locator('svg.icicle .crumb').first().click();
    await expect.poll(() => page.locator('svg.icicle .crumb').count()).toBe(1);
    await page.fill('#tax-search', 'data');
    await page.waitForSelector('#tax-results .hit');
    await page.locator('#tax-results .hit').first().click();
    await page.waitForSelector('svg.icicle rect[stroke="#000"]');
    await shot(page, 'taxonomy-search-1280');
    await page.close();
  });

  it('role fit: ranks candidates, selecting one (keyboard) shows the evidence chain with verification', async () => {
    const page = await open('fit');
    await page.waitForSelector('svg.fit-bars .bar', { timeout: 30_000 });
    expect(await page.locator('svg.fit-bars .bar').count()).toBe(20);
    await page.locator('svg.fit-bars .bar').first().click();
    await page.waitForSelector('.detail h3');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const second = await page.locator('svg.fit-bars .bar').nth(1).getAttribute('aria-label');
    await expect.poll(() => page.locator('.detail h3').textContent()).toContain(second!.replace(/^2\. /, '').split(':')[0]!);
    expect(await page.locator('.detail .req').count()).toBeGreaterThan(0);
    await shot(page, 'fit-1280');
    // another role, picked by type-ahead (stored roles, postings and occupations), re-ranks
    const before = await page.locator('svg.fit-bars').getAttribute('aria-label');
    await page.fill('#fit-role', 'analyst');
    await page.waitForSelector('#fit-role-options li.hit');
    expect(await page.locator('#fit-role-options li.hit').count()).toBeGreaterThan(1);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).hash).toMatch(/role=/);
    await page.waitForSelector('svg.fit-bars .bar');
    expect(before).not.toBeNull();
    await page.close();
  });

  it('learner pathway: chart and steps; changing the budget re-plans', async () => {
    const page = await open('pathway');
    await page.waitForSelector('svg.pathway .step', { timeout: 30_000 });
    await shot(page, 'pathway-1280');
    await page.fill('#path-budget', '300');
    await expect.poll(() => page.locator('svg.pathway .budget').count()).toBe(1);
    await expect.poll(() => page.locator('svg.pathway').textContent()).toContain('budget $300');
    await expect.poll(async () => Number((await page.locator('.steps tbody tr').count()) >= 0)).toBe(1);
    expect(page.url()).toContain('budget=300');
    await page.close();
  });

  it('demand trends: rising and falling panels', async () => {
    const page = await open('trends');
    await page.waitForSelector('svg.trends .trend', { timeout: 30_000 });
    expect(await page.locator('svg.trends .panel-rising .trend').count()).toBeGreaterThan(0);
    await shot(page, 'trends-1280');
    await page.close();
  });

  it('issue 20: compare credentials — scatter points and table rows, credibility in words and shape, filters and order', async () => {
    const page = await open('credentials');
    await page.waitForSelector('svg.credential-scatter .point', { timeout: 60_000 });
    const points = await page.locator('svg.credential-scatter .point').count();
    const rows = page.locator('.cred-table tbody tr');
    expect(points).toBeGreaterThan(5);
    expect(await rows.count()).toBe(points);
    await shot(page, 'credentials-1280');
    // credibility: the legend and every row say it in words, with a shape (never colour alone)
    const legend = await page.locator('svg.credential-scatter .legend').textContent();
    for (const words of ['Verified issuer, recognition stated', 'Verified issuer', 'Issuer not verified']) expect(legend).toContain(words);
    const cells = await page.locator('.cred-table tbody td.credibility').allTextContents();
    for (const c of cells) expect(c).toMatch(/Verified issuer|Issuer not verified/);
    expect(await page.locator('.cred-table tbody td.credibility svg.cred-icon').count()).toBe(points);
    const labels = await page.locator('svg.credential-scatter .point').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    for (const l of labels) expect(l).toMatch(/covers \d+(\.\d+)?% of demand; (free|cost unknown|\$[\d,]+); .*; (verified issuer|issuer not verified)/);
    // order VALUE (default): demand covered never rises down the table
    const covered = async (): Promise<number[]> => (await page.locator('.cred-table tbody tr td:nth-child(6)').allTextContents()).map((t) => Number(t.replace('%', '')));
    const byValue = await covered();
    for (let i = 1; i < byValue.length; i++) expect(byValue[i]!).toBeLessThanOrEqual(byValue[i - 1]!);
    const namesByValue = await page.locator('.cred-table tbody th a').allTextContents();
    // order VALUE_PER_COST: the table's order changes; free ones covering demand first, unknown cost last
    await page.selectOption('#cred-order', 'VALUE_PER_COST');
    await expect.poll(() => page.url()).toContain('order=VALUE_PER_COST');
    await expect.poll(() => page.locator('.cred-table tbody th a').allTextContents(), { timeout: 30_000 }).not.toEqual(namesByValue);
    const perCost = await page.locator('.cred-table tbody tr td:nth-child(7)').allTextContents();
    const tier = (t: string): number => (t.startsWith('free') ? 0 : t.includes('per $100') ? 1 : 2);
    for (let i = 1; i < perCost.length; i++) expect(tier(perCost[i]!)).toBeGreaterThanOrEqual(tier(perCost[i - 1]!));
    const rates = perCost.filter((t) => tier(t) === 1).map((t) => Number(t.split('%')[0]));
    for (let i = 1; i < rates.length; i++) expect(rates[i]!).toBeLessThanOrEqual(rates[i - 1]!);
    // a table header sorts the table (aria-sort says how)
    await page.locator('.cred-table th button.sort[data-key="cost"]').click();
    await expect.poll(() => page.locator('.cred-table th[aria-sort="ascending"] button').getAttribute('data-key')).toBe('cost');
    // filters change the set: max cost keeps known costs under it; verified issuers only
    const all = await rows.count();
    await page.fill('#cred-max-cost', '300');
    await expect.poll(() => page.url()).toContain('maxCost=300');
    await expect.poll(async () => (await page.locator('.cred-table tbody tr td:nth-child(4)').allTextContents()).every((t) => t === 'free' || Number(t.replace(/[$,]/g, '')) <= 300), { timeout: 30_000 }).toBe(true);
    const underCost = await rows.count();
    expect(underCost).toBeLessThan(all);
    expect(await page.locator('svg.credential-scatter .point').count()).toBe(underCost);
    await page.fill('#cred-max-cost', '');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(all);
    // verified issuers only: exactly the rows not marked "not verified" stay (on the bare sample every issuer verifies)
    const unverified = (await page.locator('.cred-table tbody td.credibility').allTextContents()).filter((t) => t.includes('not verified')).length;
    await page.check('#cred-verified');
    await expect.poll(() => page.url()).toContain('verified=1');
    await expect.poll(() => page.locator('.summary').textContent(), { timeout: 30_000 }).toContain('from verified issuers');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(all - unverified);
    expect((await page.locator('.cred-table tbody td.credibility').allTextContents()).filter((t) => t.includes('not verified'))).toEqual([]);
    await page.uncheck('#cred-verified');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(all);
    // skill filter by type-ahead over the taxonomy
    await page.fill('#cred-skill', 'data');
    await page.waitForSelector('#cred-skill-options li.hit');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('skill=');
    await expect.poll(() => page.locator('.summary').textContent(), { timeout: 30_000 }).toContain('teaching the chosen skill');
    expect(await rows.count()).toBeLessThan(all);
    await page.click('button.clear-skill');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(all);
    // the demand scope: postings of one occupation change what each credential covers
    await page.selectOption('#cred-order', 'VALUE');
    await expect.poll(() => page.locator('.cred-table tbody th a').allTextContents(), { timeout: 30_000 }).toEqual(namesByValue);
    await page.fill('#cred-occupation', 'data analyst');
    await page.waitForSelector('#cred-occupation-options li.hit');
    await page.keyboard.press('Enter');
    await expect.poll(() => decodeURIComponent(page.url())).toMatch(/occupation=http/);
    await expect.poll(() => page.locator('.summary').textContent(), { timeout: 30_000 }).toContain('demand from postings for data analyst');
    await expect.poll(() => covered(), { timeout: 30_000 }).not.toEqual(byValue);
    const scopedHref = await page.locator('.cred-table tbody th a').first().getAttribute('href');
    expect(scopedHref).toMatch(/\?occupation=/);
    await page.close();
  });

  it('issue 20: keyboard on the scatter opens a credential report with every figure’s data and method', async () => {
    const page = await open('credentials');
    await page.waitForSelector('svg.credential-scatter .point', { timeout: 60_000 });
    const first = page.locator('svg.credential-scatter .point[tabindex="0"]');
    await first.focus();
    await page.keyboard.press('ArrowRight');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
    expect(focused).toBeTruthy();
    await page.keyboard.press('Enter');
    await expect.poll(() => decodeURIComponent(new URL(page.url()).hash)).toBe(`#/credentials/${focused}`);
    await page.waitForSelector('.report table.figures tbody tr', { timeout: 30_000 });
    const figures = await page.locator('.report table.figures tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
    expect(figures.length).toBeGreaterThan(3);
    for (const f of figures) {
      expect(f).toHaveLength(4);
      for (const cell of f) expect(cell.length).toBeGreaterThan(0);
    }
    expect(await page.locator('.report .holders').textContent()).toMatch(/exact|noised|suppressed/);
    expect(await page.locator('.report table.issuer').textContent()).toMatch(/yes|no/);
    await shot(page, 'credential-report-1280');
    await page.close();
  });

  it('issue 20: a pathway step links to its credential report', async () => {
    const page = await open('pathway');
    await page.waitForSelector('.steps a.credential-link', { timeout: 60_000 });
    const link = page.locator('.steps a.credential-link').first();
    const name = (await link.textContent())!.trim();
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^#\/credentials\/[^?]+$/);
    await link.click();
    await expect.poll(() => page.locator('.view-head h2').textContent(), { timeout: 30_000 }).toBe(name);
    expect(await page.locator('.report .facts').textContent()).toMatch(/Demand covered.*of the skill demand in \d+ postings?/s);
    expect(await page.locator('.report table.figures tbody tr').count()).toBeGreaterThan(3);
    expect(await page.locator('#nav a[data-view="credentials"]').getAttribute('aria-current')).toBe('page');
    // a step of the chart opens the same report by keyboard
    await page.goBack();
    await page.waitForSelector('svg.pathway .step[tabindex="0"]', { timeout: 30_000 });
    await page.locator('svg.pathway .step[tabindex="0"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.view-head h2').textContent(), { timeout: 30_000 }).toBe(name);
    // an equivalent (when there is one) opens its own report
    const eq = page.locator('.report table.equivalents a').first();
    if ((await eq.count()) > 0) {
      const other = (await eq.textContent())!.trim();
      await eq.click();
      await expect.poll(() => page.locator('.view-head h2').textContent(), { timeout: 30_000 }).toBe(other);
    }
    await page.close();
  });

  it('issue 20: an unknown credential id says so (one clear error, a way back)', async () => {
    const page = await open(`credentials/${encodeURIComponent('urn:nope:credential')}`);
    await page.waitForSelector('.state.error', { timeout: 30_000 });
    expect(await page.locator('.state.error').textContent()).toMatch(/urn:nope:credential/);
    expect(await page.locator('.view-head a.back').getAttribute('href')).toBe('#/credentials');
    await page.close();
  });

  it('every view fits a 400 px wide screen without horizontal scrolling', async () => {
    for (const [view, selector] of [['gaps', 'svg.heatmap'], ['taxonomy', 'svg.icicle'], ['fit', 'svg.fit-bars'], ['pathway', 'svg.pathway'], ['trends', 'svg.trends'], ['credentials', 'svg.credential-scatter']] as const) {
      const page = await open(view, { width: 400, height: 800 });
      await page.waitForSelector(selector, { timeout: 30_000 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, view).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SHOTS, `${view}-400.png`), fullPage: true });
      await page.close();
    }
    // issue 20: a credential report, opened from the comparison's table, fits too
    const page = await open('credentials', { width: 400, height: 800 });
    await page.waitForSelector('.cred-table tbody th a', { timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, 'credentials-400-top.png') });
    await page.locator('.cred-table tbody th a').first().click();
    await page.waitForSelector('.report table.figures', { timeout: 30_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 'credential report').toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, 'credential-report-400.png') });
    await page.close();
  });

  it('without a key the views say so and offer the key input', async () => {
    const page = await context.newPage();
    await page.goto(`${url}/#/fit`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForSelector('#key-missing:not([hidden])');
    await page.waitForSelector('.chart-slot .state.empty', { timeout: 20_000 });
    expect(await page.locator('.chart-slot .state.empty').textContent()).toMatch(/API key/);
    await page.goto(`${url}/#/pathway?candidate=urn:sample:candidate:0001&role=urn:sample:role:001`);
    await page.reload();
    await page.waitForSelector('.state.error', { timeout: 20_000 });
    expect(await page.locator('.state.error').first().textContent()).toMatch(/not allowed.*key/is);
    await page.fill('#api-key', key);
    await page.click('#key-form button');
    await page.waitForSelector('svg.pathway .step', { timeout: 30_000 });
    expect(await page.locator('#key-missing').isHidden()).toBe(true);
    await page.close();
  });

  it('the URL `npm start` prints (/?key=…, no #/) opens the default view (issue 15)', async () => {
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`start url: pageerror: ${e.message}`));
    await page.goto(`${url}/?key=${encodeURIComponent(key)}`);
    await page.waitForSelector('svg.heatmap .cell', { timeout: 30_000 });
    expect(new URL(page.url()).hash).toBe('#/gaps');
    expect(new URL(page.url()).search).toBe('');
    await page.close();
  });

  it('no console errors in any view', () => {
    expect(problems).toEqual([]);
  });
});
