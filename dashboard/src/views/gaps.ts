import type { GapData, Pickers, RoleProfile } from '../data/model.ts';
import { heatmap, type HeatmapCell, type HeatmapSort } from '../charts/heatmap.ts';
import { legend } from '../charts/legend.ts';
import { buildTree, type SkillTree, type TreeNode } from '../charts/tree.ts';
import { gapMatrix, topRows } from './gap-matrix.ts';
import { chartSlot, h, latest, onResize, select, showChart, showEmpty, showError, showLoading, widthOf } from './ui.ts';
import type { View } from './view.ts';

function shortage(cells: readonly HeatmapCell[]): number {
  return cells.reduce((s, c) => s + (c.gap === null ? 0 : Math.max(0, c.gap)), 0);
}

/** Keeps rows that some role needs. */
function withDemand(cells: HeatmapCell[]): HeatmapCell[] {
  const rows = new Set(cells.filter((c) => c.demand > 0).map((c) => c.rowId));
  return cells.filter((c) => rows.has(c.rowId));
}

/** Gap heatmap: skill groups × roles; drill into a group's children; what-if a credential for N people. */
export const gapsView: View = (root, ctx) => {
  let sort: HeatmapSort = ctx.params.get('sort') === 'label' ? 'label' : 'gap';
  let groupId = ctx.params.get('group');
  const initialCredential = ctx.params.get('credential');
  let whatIf: { credentialId: string; people: number } | null = initialCredential ? { credentialId: initialCredential, people: Number(ctx.params.get('people') ?? 10) || 10 } : null;
  let data: { gaps: GapData; tree: SkillTree; pickers: Pickers; columns: readonly RoleProfile[]; fromPostings: boolean } | null = null;
  const loads = latest();

  const crumbs = h('nav', { class: 'crumbs', 'aria-label': 'Drill-down path' });
  const summary = h('p', { class: 'summary', 'aria-live': 'polite' });
  const slot = chartSlot(440, 'Gap heatmap');
  const legendSlot = h('div', { class: 'legend-slot' });
  const whatIfBox = h('form', { class: 'whatif', 'aria-label': 'What-if' });
  root.append(
    h('header', { class: 'view-head' }, h('h2', {}, 'Skill gaps by role'), h('p', { class: 'hint' }, 'Each cell: share of the role’s requirement weight in the skill group (demand) minus the cohort’s supply of those skills. Brown = shortage, teal = surplus. Click a group (or focus it, Enter) to drill down.')),
    h('div', { class: 'controls' }, select('Sort', 'gap-sort', [{ value: 'gap', text: 'Largest gap first' }, { value: 'label', text: 'Alphabetical' }], sort, (v) => {
      sort = v === 'label' ? 'label' : 'gap';
      ctx.setParams({ sort });
      draw();
    })),
    whatIfBox,
    crumbs,
    summary,
    slot,
    legendSlot,
  );

  const rowsFor = (tree: SkillTree): TreeNode[] => {
    const g = groupId ? tree.byId.get(groupId) : undefined;
    return g && g.children.length ? g.children : topRows(tree);
  };

  const draw = (): void => {
    if (!data) return;
    const { tree, gaps, columns, fromPostings } = data;
    const focus = groupId ? tree.byId.get(groupId) : undefined;
    drawCrumbs(focus);
    const rows = rowsFor(tree);
    const before = withDemand(gapMatrix(tree, columns, gaps.cells, rows));
    if (before.length === 0) return showEmpty(slot, columns.length ? 'No role needs skills in this group.' : 'No roles and no job postings with skills: import roles or postings (with --link) to see gaps.');
    const after = gaps.whatIf ? withDemand(gapMatrix(tree, columns, gaps.whatIf.after, rows)) : null;
    const maxAbsGap = Math.max(0.01, ...before.map((c) => Math.abs(c.gap ?? 0)));
    const shown = after ?? before;
    const drillable = (id: string): boolean => (tree.byId.get(id)?.children.length ?? 0) > 0;
    const chart = heatmap(shown, {
      width: widthOf(slot),
      sort,
      maxAbsGap,
      title: `${focus ? focus.label : 'Skill groups'} × roles: gap${after ? ' after the what-if' : ''}`,
      onRowSelect: rows.some((r) => drillable(r.id))
        ? (rowId) => {
            if (!drillable(rowId)) return;
            groupId = rowId;
            ctx.setParams({ group: rowId });
            draw();
            slot.querySelector<SVGElement>('.row-label.mark')?.focus();
          }
        : undefined,
    });
    showChart(slot, chart);
    legendSlot.replaceChildren(
      legend({ kind: 'gap', maxAbsGap }, { width: Math.min(360, widthOf(legendSlot)) }),
      legend({ kind: 'swatches', items: [{ label: 'suppressed (fewer than k people)', color: '#eee', hatched: true }] }, { width: 280 }),
    );
    const b = shortage(before);
    summary.textContent = after
      ? `What-if: ${gaps.whatIf?.people ?? 0} people earn the credential. Total shortage ${b.toFixed(2)} → ${shortage(after).toFixed(2)} (colours keep the scale of “before”).`
      : `${columns.length} ${fromPostings ? 'posting groups (by occupation)' : 'roles'}; postings ${gaps.from} to ${gaps.to}. Total shortage ${b.toFixed(2)}.`;
  };

  const drawCrumbs = (focus: TreeNode | undefined): void => {
    const path: TreeNode[] = [];
    for (let n = focus ?? null; n && n.parent; n = n.parent) path.unshift(n);
    crumbs.replaceChildren(
      h('button', { type: 'button', class: 'crumb', onclick: () => {
        groupId = null;
        ctx.setParams({ group: null });
        draw();
      } }, 'All skill groups'),
      ...path.flatMap((n, i) => [
        h('span', { 'aria-hidden': 'true' }, '›'),
        i === path.length - 1
          ? h('span', { class: 'crumb current', 'aria-current': 'page' }, n.label)
          : h('button', { type: 'button', class: 'crumb', onclick: () => {
              groupId = n.id;
              ctx.setParams({ group: n.id });
              draw();
            } }, n.label),
      ]),
    );
  };

  const load = async (): Promise<void> => {
    showLoading(slot, 'gaps');
    try {
      const result = await loads.run((signal) => Promise.all([ctx.api.gaps(whatIf, signal), ctx.api.skillTree(signal), ctx.api.pickers(signal), ctx.api.postingDemand(signal)]));
      if (!result) return;
      const [gaps, nodes, pickers, demand] = result;
      // a store with postings but no stored roles: the columns are the postings grouped by occupation
      const columns = pickers.roles.length > 0 ? pickers.roles : demand.profiles;
      data = { gaps, tree: buildTree(nodes), pickers, columns, fromPostings: pickers.roles.length === 0 };
      fillCredentials(pickers);
      draw();
    } catch (e) {
      showError(slot, e, () => void load());
    }
  };

  // what-if form
  const credSel = h('select', { id: 'whatif-credential', name: 'credential' }, h('option', { value: '' }, 'Loading credentials…'));
  const people = h('input', { id: 'whatif-people', name: 'people', type: 'number', min: 1, max: 1000000, step: 1, value: String(whatIf?.people ?? 50), inputmode: 'numeric' });
  const fillCredentials = (p: Pickers): void => {
    if (credSel.options.length > 1) return;
    credSel.replaceChildren(h('option', { value: '' }, '— credential —'), ...p.credentials.map((c) => h('option', { value: c.id }, c.name)));
    if (whatIf) credSel.value = whatIf.credentialId;
  };
  whatIfBox.append(
    h('strong', {}, 'What if'),
    h('label', { class: 'field', for: 'whatif-people' }, people, h('span', {}, 'people')),
    h('label', { class: 'field', for: 'whatif-credential' }, h('span', {}, 'earn'), credSel),
    h('button', { type: 'submit' }, 'Apply'),
    h('button', { type: 'button', onclick: () => {
      whatIf = null;
      credSel.value = '';
      ctx.setParams({ credential: null, people: null });
      void load();
    } }, 'Clear'),
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

  void load();
  const stop = onResize(slot, draw);
  return () => {
    stop();
    loads.abort();
  };
};
