import { icicle } from '../charts/icicle.ts';
import { legend } from '../charts/legend.ts';
import { buildTree, pathTo, searchTree, type SkillTree } from '../charts/tree.ts';
import { withGaps } from './shape.ts';
import { chartSlot, h, latest, onResize, select, showChart, showError, showLoading, widthOf } from './ui.ts';
import type { View } from './view.ts';

/** Taxonomy explorer: zoomable icicle over the whole hierarchy (only visible levels are drawn), search, breadcrumb. */
export const taxonomyView: View = (root, ctx) => {
  let tree: SkillTree | null = null;
  let focusId = ctx.params.get('focus');
  let highlightId = ctx.params.get('hit');
  let levels = Number(ctx.params.get('levels') ?? 3) || 3;
  const loads = latest();
  const height = (): number => (window.innerWidth < 600 ? 440 : 540);
  const slot = chartSlot(height(), 'Skill hierarchy');
  const status = h('p', { class: 'summary', 'aria-live': 'polite' });
  const search = h('input', { type: 'search', id: 'tax-search', name: 'q', placeholder: 'Search skills and groups…', autocomplete: 'off', 'aria-controls': 'tax-results' });
  const results = h('ul', { id: 'tax-results', class: 'results', role: 'listbox', 'aria-label': 'Search results' });
  const legendSlot = h('div', { class: 'legend-slot' });
  root.append(
    h('header', { class: 'view-head' }, h('h2', {}, 'Taxonomy explorer'), h('p', { class: 'hint' }, 'Height = demand (or number of skills when there is no demand); colour = gap. Enter or click zooms in; the first column or a breadcrumb zooms out; arrow keys move.')),
    h(
      'div',
      { class: 'controls' },
      h('label', { class: 'field grow', for: 'tax-search' }, h('span', {}, 'Search'), search),
      select('Levels', 'tax-levels', [2, 3, 4].map((n) => ({ value: String(n), text: String(n) })), String(levels), (v) => {
        levels = Number(v);
        ctx.setParams({ levels: v });
        draw();
      }),
    ),
    results,
    status,
    slot,
    legendSlot,
  );

  const zoom = (id: string): void => {
    focusId = id;
    ctx.setParams({ focus: id });
    draw();
    slot.querySelector<SVGElement>('.node.mark[tabindex="0"]')?.focus();
  };

  const draw = (): void => {
    if (!tree) return;
    const t0 = performance.now();
    const focus = (focusId && tree.byId.get(focusId)) || tree.root;
    const chart = icicle(tree, { width: widthOf(slot), height: height(), levels, focusId: focus.id, highlightId, onZoom: zoom, title: `Skill hierarchy: ${focus.label}` });
    showChart(slot, chart);
    const ms = performance.now() - t0;
    slot.dataset.renderMs = ms.toFixed(1);
    status.textContent = `${tree.count.toLocaleString('en-US')} nodes; showing ${pathTo(focus).map((n) => n.label).join(' › ')} (${chart.querySelectorAll('.node').length} blocks drawn).`;
    legendSlot.replaceChildren(legend({ kind: 'gap', maxAbsGap: Number(chart.dataset.maxAbsGap ?? 1) }, { width: Math.min(360, widthOf(legendSlot)) }));
  };

  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      if (!tree) return;
      const hits = searchTree(tree, search.value, 12);
      results.replaceChildren(
        ...hits.map((n) =>
          h(
            'li',
            { role: 'option' },
            h('button', { type: 'button', class: 'hit', onclick: () => {
              highlightId = n.id;
              ctx.setParams({ hit: n.id });
              results.replaceChildren();
              zoom(n.parent?.id ?? n.id);
            } }, n.label, h('small', {}, ` — ${pathTo(n).slice(1, -1).map((p) => p.label).join(' › ') || 'top level'}`)),
          ),
        ),
      );
      if (search.value.trim() && hits.length === 0) results.replaceChildren(h('li', { class: 'none' }, 'No skill matches.'));
    }, 120);
  });

  const load = async (): Promise<void> => {
    showLoading(slot, 'the skill hierarchy');
    try {
      const result = await loads.run((signal) => Promise.all([ctx.api.skillTree(signal), ctx.api.gaps(null, signal)]));
      if (!result) return;
      const [nodes, gaps] = result;
      tree = buildTree(withGaps(nodes, gaps.cells));
      draw();
    } catch (e) {
      showError(slot, e, () => void load());
    }
  };
  void load();
  const stop = onResize(slot, draw);
  return () => {
    stop();
    loads.abort();
    clearTimeout(searchTimer);
  };
};
