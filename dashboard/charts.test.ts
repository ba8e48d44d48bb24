import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES } from './src/gallery/cases.ts';
import { buildDashboard, launch, prettySvg, serve } from './test/browser.ts';

const OUTPUT = join(import.meta.dirname, 'test', 'output');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

let page: Page;
const cleanup: (() => unknown)[] = [];

beforeAll(async () => {
  const built = await buildDashboard();
  cleanup.push(built.dispose);
  const server = await serve(built.dir);
  cleanup.push(server.close);
  const browser = await launch();
  cleanup.push(browser.close);
  page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/gallery.html`);
  await page.waitForSelector('body[data-ready="true"]');
  expect(errors).toEqual([]);
});

afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

describe('chart snapshots (rendered in Chromium into a detached document)', () => {
  it('gallery lists every case', async () => {
    const names = await page.evaluate(() => window.__gallery!.names);
    expect(names).toEqual(CASES.map((c) => c.name));
    expect(await page.locator('.gallery-case svg.chart').count()).toBe(CASES.length);
  });

  for (const c of CASES) {
    it(`${c.name}: renders the committed SVG`, async () => {
      const svg = prettySvg(await page.evaluate((name) => window.__gallery!.render(name), c.name));
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).not.toMatch(/NaN|undefined|Infinity/);
      const file = join(OUTPUT, `${c.name}.svg`);
      if (UPDATE || !existsSync(file)) {
        mkdirSync(OUTPUT, { recursive: true });
        writeFileSync(file, svg);
      }
      expect(svg).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('credential scatter (issue 20): every point is a labelled tab stop in cost order; arrows and End move; credibility is shape + words', async () => {
    const result = await page.evaluate(() => {
      const host = document.querySelector('#credential-scatter svg')!;
      const marks = [...host.querySelectorAll<SVGGElement>('.point.mark')];
      const first = host.querySelector<SVGGElement>('.point.mark[tabindex="0"]')!;
      first.focus();
      first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      const moved = document.activeElement?.getAttribute('data-col');
      document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
      const last = document.activeElement?.getAttribute('data-col');
      const shapes = new Set(marks.map((m) => m.querySelector('path')!.getAttribute('d')));
      return { count: marks.length, tabStops: marks.filter((m) => m.getAttribute('tabindex') === '0').length, moved, last, labels: marks.map((m) => m.getAttribute('aria-label') ?? ''), shapes: shapes.size, legend: host.querySelector('.legend')!.textContent };
    });
    expect(result.count).toBe(11);
    expect(result.tabStops).toBe(1);
    expect(result.moved).toBe('1');
    expect(result.last).toBe('10');
    expect(result.shapes).toBe(3);
    expect(result.legend).toBe('Verified issuer, recognition statedVerified issuerIssuer not verified');
    for (const l of result.labels) expect(l).toMatch(/covers \d+% of demand; (free|cost unknown|\$[\d,]+); .*; (verified issuer|issuer not verified)/);
    expect(result.labels.filter((l) => l.includes('cost unknown'))).toHaveLength(2);
    expect(result.labels.filter((l) => /; free;/.test(l))).toHaveLength(2);
  });

  it('heatmap: Enter on a focused row label calls onRowSelect (drill-down), arrows move between cells', async () => {
    const result = await page.evaluate(async () => {
      const { names } = window.__gallery!;
      void names;
      const host = document.querySelector('#heatmap-gap-sort svg')!;
      const label = host.querySelector<SVGGElement>('.row-label.mark')!;
      const cell = host.querySelector<SVGGElement>('.cell.mark[data-row="0"][data-col="0"]')!;
      cell.focus();
      cell.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      const moved = document.activeElement?.getAttribute('data-col');
      return { labelRole: label.getAttribute('role'), labelTab: label.getAttribute('tabindex'), moved, aria: cell.getAttribute('aria-label') };
    });
    expect(result.labelRole).toBe('button');
    expect(result.labelTab).toBe('0');
    expect(result.moved).toBe('1');
    expect(result.aria).toMatch(/demand \d+%/);
  });
});
