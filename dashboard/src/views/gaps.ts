import type { GapCell, GapReport, WhatIfInput } from '../../generated/schema-types.ts';
import { heatmap, type HeatmapCell, type HeatmapSort } from '../charts/heatmap.ts';
import { legend } from '../charts/legend.ts';
import { chartSlot, h, latest, onResize, select, showChart, showEmpty, showError, showLoading, widthOf } from './ui.ts';
import type { View } from './view.ts';

const toCell = (c: GapCell): HeatmapCell => ({ ...c });

function totalGap(cells: readonly GapCell[]): number {
  return cells.reduce((s, c) => s + (c.suppressed || c.gap === null ? 0 : Math.max(0, c.gap)), 0);
}

/** Gap heatmap: skill groups × occupations/roles; drill into a group's skills; what-if a credential. */
export const gapsView: View = (root, ctx) => {
  let sort: HeatmapSort = ctx.params.get('sort') === 'label' ? 'label' : 'gap';
  let groupId = ctx.params.get('group');
  let groupLabel = ctx.params.get('groupLabel') ?? groupId ?? '';
  let whatIf: WhatIfInput | null = ctx.params.get('credential') ? { credentialId: ctx.params.get('credential')!, people: Number(ctx.params.get('people') ?? 10) || 10 } : null;
  let baseline: GapReport | null = null;
  let report: GapReport | null = null;
  const loads = latest();

  const crumbs = h('nav', { class: 'crumbs', 'aria-label': 'Drill-down path' });
  const summary = h('p', { class: 'summary', 'aria-live': 'polite' });
  const slot = chartSlot(420, 'Gap heatmap');
  const legendSlot = h('div', { class: 'legend-slot' });
  const whatIfBox = h('form', { class: 'whatif', 'aria-label': 'What-if' });
  const controls = h('div', { class: 'controls' });
  root.append(
    h('header', { class: 'view-head' }, h('h2', {}, 'Skill gaps'), h('p', { class: 'hint' }, 'Colour = demand − supply (weighted by postings). Brown: shortage; teal: surplus. Click a group (or focus it and press Enter) to see its skills.')),
    controls,
    whatIfBox,
    crumbs,
    summary,
    slot,
    legendSlot,
  );
  controls.append(
    select('Sort', 'gap-sort', [{ value: 'gap', text: 'Largest gap first' }, { value: 'label', text: 'Alphabetical' }], sort, (v) => {
      sort = v === 'label' ? 'label' : 'gap';
      ctx.setParams({ sort });
      draw();
    }),
  );

  const draw = (): void => {
    if (!report) return;
    if (report.cells.length === 0) return showEmpty(slot, 'No demand in this window: import postings to see gaps.');
    const maxAbsGap = Math.max(...(baseline ?? report).cells.map((c) => Math.abs(c.gap ?? 0)), 0.01);
    const chart = heatmap(report.cells.map(toCell), {
      width: widthOf(slot),
      sort,
      maxAbsGap,
      title: groupId ? `Skills of ${groupLabel}: gap by occupation` : 'Skill groups: gap by occupation',
      onRowSelect: groupId ? undefined : (rowId) => {
        const cell = report?.cells.find((c) => c.rowId === rowId);
        groupId = rowId;
        groupLabel = cell?.rowLabel ?? rowId;
        ctx.setParams({ group: groupId, groupLabel });
        void load();
      },
    });
    showChart(slot, chart);
    legendSlot.replaceChildren(
      legend({ kind: 'gap', maxAbsGap }, { width: Math.min(360, widthOf(legendSlot)) }),
      legend({ kind: 'swatches', items: [{ label: 'suppressed (fewer than k people)', color: '#eee', hatched: true }] }, { width: 300 }),
    );
    const before = baseline ? totalGap(baseline.cells) : null;
    const after = totalGap(report.cells);
    summary.textContent = whatIf && before !== null
      ? `What-if: ${whatIf.people} people earn the credential. Total shortage ${before.toFixed(2)} → ${after.toFixed(2)} (${(((after - before) / (before || 1)) * 100).toFixed(0)}%).`
      : `Total shortage across cells: ${after.toFixed(2)}.`;
  };

  const drawCrumbs = (): void => {
    crumbs.replaceChildren(
      h('button', { type: 'button', class: 'crumb', 'aria-current': groupId ? null : 'page', onclick: () => {
        groupId = null;
        ctx.setParams({ group: null, groupLabel: null });
        void load();
      } }, 'All skill groups'),
      ...(groupId ? [h('span', { 'aria-hidden': 'true' }, ' › '), h('span', { class: 'crumb current', 'aria-current': 'page' }, groupLabel)] : []),
    );
  };

  const load = async (): Promise<void> => {
    drawCrumbs();
    showLoading(slot, 'gaps');
    try {
      const result = await loads.run((signal) => {
        const by = groupId ? 'SKILL' : 'GROUP';
        return Promise.all([ctx.api.gaps(by, groupId, null, signal), whatIf ? ctx.api.gaps(by, groupId, whatIf, signal) : Promise.resolve(null)]);
      });
      if (!result) return;
      const [base, after] = result;
      baseline = after ? base : null;
      report = after ?? base;
      draw();
    } catch (e) {
      showError(slot, e, () => void load());
    }
  };

  // what-if form
  const credSel = h('select', { id: 'whatif-credential', name: 'credential' }, h('option', { value: '' }, 'Loading credentials…'));
  const people = h('input', { id: 'whatif-people', name: 'people', type: 'number', min: 1, max: 100000, step: 1, value: String(whatIf?.people ?? 10), inputmode: 'numeric' });
  const apply = h('button', { type: 'submit' }, 'Apply what-if');
  const clear = h('button', { type: 'button', onclick: () => {
    whatIf = null;
    credSel.value = '';
    ctx.setParams({ credential: null, people: null });
    void load();
  } }, 'Clear');
  whatIfBox.append(
    h('strong', {}, 'What if '),
    h('label', { class: 'field', for: 'whatif-people' }, h('span', {}, 'people'), people),
    h('label', { class: 'field', for: 'whatif-credential' }, h('span', {}, 'earn'), credSel),
    apply,
    clear,
  );
  whatIfBox.addEventListener('submit', (e) => {
    e.preventDefault();
    const n = Number(people.value);
    if (!credSel.value || !Number.isInteger(n) || n < 1) {
      summary.textContent = 'Pick a credential and a whole number of people (≥ 1).';
      return;
    }
    whatIf = { credentialId: credSel.value, people: n };
    ctx.setParams({ credential: whatIf.credentialId, people: String(n) });
    void load();
  });
  ctx.api
    .pickers()
    .then((p) => {
      credSel.replaceChildren(h('option', { value: '' }, '— credential —'), ...p.credentials.map((c) => h('option', { value: c.id }, c.name)));
      if (whatIf) credSel.value = whatIf.credentialId;
    })
    .catch(() => credSel.replaceChildren(h('option', { value: '' }, '(credentials unavailable)')));

  void load();
  const stop = onResize(slot, draw);
  return () => {
    stop();
    loads.abort();
  };
};
