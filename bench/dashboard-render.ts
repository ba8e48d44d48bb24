/**
 * First render of the taxonomy explorer's icicle on the full ESCO v1.1.1 hierarchy (13,896 skills +
 * 640 groups), in the system Chromium. Baseline in the same run: the naive approach, a d3.partition
 * of every node drawn as one rect each.
 *
 *   npx tsx bench/dashboard-render.ts [--runs 15]
 *
 * Demand per skill is real (share of ESCO occupations needing it, essential or optional); supply is a
 * deterministic stand-in (hash of the id) because ESCO has no cohort, so only the colours depend on it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import type { FlatTreeNode } from '../dashboard/src/charts/tree.ts';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import type { TaxonomyData } from '../taxonomy/model/types.ts';

const REPO = resolve(import.meta.dirname, '..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`invalid runs: ${process.argv[runsArg + 1]}`);

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 0xffffffff;
}

/** ESCO → the flat node list the dashboard's data layer produces (first broader edge = tree parent). */
export function escoTreeNodes(data: TaxonomyData): FlatTreeNode[] {
  const occupations = new Set(data.occupations.map((o) => o.id));
  const needed = new Map<string, number>();
  for (const r of data.occupationSkills) needed.set(r.skillId, (needed.get(r.skillId) ?? 0) + 1);
  const parent = new Map<string, string>();
  for (const e of data.broader) if (!parent.has(e.childId)) parent.set(e.childId, e.parentId);
  const nodes: FlatTreeNode[] = [];
  for (const g of data.groups) nodes.push({ id: g.id, label: g.preferredLabel, parentId: parent.get(g.id) ?? null, isGroup: true, demand: 0, gap: null });
  for (const s of data.skills) {
    const demand = (needed.get(s.id) ?? 0) / Math.max(1, occupations.size);
    const supply = demand * 2 * fnv(s.id);
    nodes.push({ id: s.id, label: s.preferredLabel, parentId: parent.get(s.id) ?? null, isGroup: false, demand, gap: demand - supply });
  }
  return nodes;
}

interface Timing {
  readonly buildTreeMs: number;
  readonly firstRenderMs: number;
  readonly warm: readonly number[];
  readonly zoomWarm: readonly number[];
  readonly levels4Warm: readonly number[];
  readonly naiveFirstMs: number;
  readonly naiveWarm: readonly number[];
  readonly drawn: number;
  readonly naiveDrawn: number;
  readonly nodes: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main(): Promise<void> {
  const t0 = performance.now();
  const data = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
  const loadMs = performance.now() - t0;
  const nodes = escoTreeNodes(data);

  const out = mkdtempSync(join(tmpdir(), 'skillgraph-bench-'));
  const profile = mkdtempSync(join(tmpdir(), 'skillgraph-bench-chromium-'));
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      build: { outDir: out, emptyOutDir: true, minify: true, lib: { entry: join(REPO, 'dashboard', 'src', 'charts', 'index.ts'), name: 'Charts', formats: ['iife'], fileName: () => 'charts.js' } },
    });
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 800 },
    });
    try {
      const page = await context.newPage();
      await page.setContent('<!doctype html><html><body style="margin:0"><div id="host" style="width:1200px"></div></body></html>');
      // tsx (esbuild) names the arrow functions passed to page.evaluate with a __name helper
      await page.addScriptTag({ content: 'window.__name = (f) => f;' });
      await page.addScriptTag({ content: readFileSync(join(out, 'charts.js'), 'utf8') });
      const timing = await page.evaluate(
        ({ nodes, runs }) => {
          type Charts = typeof import('../dashboard/src/charts/index.ts');
          const C = (window as unknown as { Charts: Charts }).Charts;
          const host = document.getElementById('host')!;
          const time = (fn: () => SVGSVGElement): { ms: number; drawn: number } => {
            const t = performance.now();
            const svg = fn();
            host.replaceChildren(svg);
            host.getBoundingClientRect(); // force style + layout
            void document.body.offsetHeight;
            return { ms: performance.now() - t, drawn: svg.querySelectorAll('rect').length };
          };
          const tb = performance.now();
          const tree = C.buildTree(nodes);
          const buildTreeMs = performance.now() - tb;
          const first = time(() => C.icicle(tree, { width: 1200, height: 540, levels: 3 }));
          const warm: number[] = [];
          for (let i = 0; i < runs; i++) warm.push(time(() => C.icicle(tree, { width: 1200, height: 540, levels: 3 })).ms);
          // zoom into the group with most skills below it
          const big = [...tree.root.children].sort((a, b) => b.size - a.size)[0]!;
          const zoomWarm: number[] = [];
          for (let i = 0; i < runs; i++) zoomWarm.push(time(() => C.icicle(tree, { width: 1200, height: 540, levels: 3, focusId: big.id })).ms);
          const levels4Warm: number[] = [];
          for (let i = 0; i < runs; i++) levels4Warm.push(time(() => C.icicle(tree, { width: 1200, height: 540, levels: 4 })).ms);
          // baseline: draw every node (d3.partition over the whole tree)
          const naive = C.naiveIcicle;
          const nf = time(() => naive(tree, 1200, 540));
          const naiveWarm: number[] = [];
          for (let i = 0; i < Math.min(runs, 5); i++) naiveWarm.push(time(() => naive(tree, 1200, 540)).ms);
          return { buildTreeMs, firstRenderMs: first.ms, warm, zoomWarm, levels4Warm, naiveFirstMs: nf.ms, naiveWarm, drawn: first.drawn, naiveDrawn: nf.drawn, nodes: tree.count };
        },
        { nodes, runs: RUNS },
      ) as Timing;
      const row = (name: string, ms: number, note = ''): string => `| ${name} | ${ms.toFixed(1)} | ${note} |`;
      console.log(`ESCO v1.1.1 loaded in ${(loadMs / 1000).toFixed(1)} s: ${timing.nodes} nodes (${data.skills.length} skills, ${data.groups.length} groups); Chromium ${context.browser()?.version() ?? ''}`);
      console.log('| step | ms | note |\n|---|---|---|');
      console.log(row('buildTree (flat → tree, aggregates)', timing.buildTreeMs, `${timing.nodes} nodes`));
      console.log(row('icicle first render (root, 3 levels)', timing.firstRenderMs, `${timing.drawn} rects drawn (incl. breadcrumb)`));
      console.log(row(`icicle re-render, median of ${RUNS}`, median(timing.warm)));
      console.log(row(`icicle zoomed into the largest pillar, median of ${RUNS}`, median(timing.zoomWarm)));
      console.log(row(`icicle 4 levels, median of ${RUNS}`, median(timing.levels4Warm)));
      console.log(row('baseline: every node drawn (d3.partition), first', timing.naiveFirstMs, `${timing.naiveDrawn} rects`));
      console.log(row(`baseline: every node drawn, median of ${timing.naiveWarm.length}`, median(timing.naiveWarm)));
      console.log(`ratio baseline / icicle (first render): ${(timing.naiveFirstMs / timing.firstRenderMs).toFixed(1)}×; warm medians: ${(median(timing.naiveWarm) / median(timing.warm)).toFixed(1)}×`);
    } finally {
      await context.close();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

await main();
