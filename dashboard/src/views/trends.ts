import type { Trend } from '../data/model.ts';
import { trendLines } from '../charts/trends.ts';
import { toTrendSeries } from './shape.ts';
import { chartSlot, h, latest, onResize, select, showChart, showEmpty, showError, showLoading, widthOf } from './ui.ts';
import type { View } from './view.ts';

/** Demand trends: top rising and falling skills by month. */
export const trendsView: View = (root, ctx) => {
  let top = Number(ctx.params.get('top') ?? 5) || 5;
  let smooth = Number(ctx.params.get('smooth') ?? 3) || 3;
  let trends: readonly Trend[] = [];
  const loads = latest();
  const slot = chartSlot(window.innerWidth < 700 ? 580 : 300, 'Demand trends');
  const note = h('p', { class: 'summary', 'aria-live': 'polite' });
  root.append(
    h('header', { class: 'view-head' }, h('h2', {}, 'Demand trends'), h('p', { class: 'hint' }, 'Share of postings requiring each skill, by month; the steepest rising and falling skills (least-squares slope).')),
    h('div', { class: 'controls' }, select('Show', 'trend-top', [3, 5, 8].map((n) => ({ value: String(n), text: `top ${n}` })), String(top), (v) => {
      top = Number(v);
      ctx.setParams({ top: v });
      draw();
    }), select('Smoothing', 'trend-smooth', [1, 3, 6].map((n) => ({ value: String(n), text: n === 1 ? 'monthly' : `${n}-month average` })), String(smooth), (v) => {
      smooth = Number(v);
      ctx.setParams({ smooth: v });
      draw();
    })),
    note,
    slot,
  );
  const draw = (): void => {
    if (trends.length === 0) return showEmpty(slot, 'No dated postings: import postings with datePosted to see trends.');
    showChart(slot, trendLines(trends.map(toTrendSeries), { width: widthOf(slot), top, smooth, title: 'Top rising and falling skills', onSelect: (id) => {
      const t = trends.find((x) => x.skillId === id);
      if (t) note.textContent = `${t.label}: ${t.points.map((p) => `${p.month} ${Math.round(p.demand * 100)}%`).join(', ')}`;
    } }));
    note.textContent ||= `${trends.length} skills with demand over ${new Set(trends.flatMap((t) => t.points.map((p) => p.month))).size} months.`;
  };
  const load = async (): Promise<void> => {
    showLoading(slot, 'trends');
    try {
      const report = await loads.run((signal) => ctx.api.gaps(null, signal));
      if (!report) return;
      trends = report.trends;
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
  };
};
