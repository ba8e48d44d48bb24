import type { Recommendation } from '../data/model.ts';
import { itemHash } from '../router.ts';
import { legend } from '../charts/legend.ts';
import { PATHWAY_STYLES, pathwayChart } from '../charts/pathway.ts';
import { toPathwayData } from './shape.ts';
import { candidatePicker, defaultRole, rolePicker } from './pickers.ts';
import { chartSlot, h, latest, onResize, showChart, showEmpty, showError, showLoading, widthOf } from './ui.ts';
import type { View } from './view.ts';

const money = (v: number | null): string => (v === null ? '—' : `$${Math.round(v).toLocaleString('en-US')}`);

function parseLimit(value: string): number | null | 'invalid' {
  if (value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : 'invalid';
}

/** Learner pathway: candidate + target role + budget → the next credentials, with alternatives. */
export const pathwayView: View = (root, ctx) => {
  let candidateId = ctx.params.get('candidate') ?? '';
  let roleId = ctx.params.get('role') ?? '';
  let budget: number | null = ctx.params.get('budget') ? Number(ctx.params.get('budget')) : 1000;
  let hours: number | null = ctx.params.get('hours') ? Number(ctx.params.get('hours')) : null;
  let rec: Recommendation | null = null;
  const loads = latest();
  const pickers = h('div', { class: 'controls' }, h('span', { class: 'state loading' }, 'Loading…'));
  const budgetIn = h('input', { id: 'path-budget', name: 'budget', type: 'number', min: 0, step: 50, value: budget === null ? '' : String(budget), inputmode: 'decimal' });
  const hoursIn = h('input', { id: 'path-hours', name: 'hours', type: 'number', min: 0, step: 5, value: hours === null ? '' : String(hours), placeholder: 'any', inputmode: 'decimal' });
  const note = h('p', { class: 'summary', 'aria-live': 'polite' });
  const slot = chartSlot(window.innerWidth < 620 ? 540 : 280, 'Pathway chart');
  const steps = h('div', { class: 'steps' });
  const legendSlot = h('div', { class: 'legend-slot' });
  root.append(
    h('header', { class: 'view-head' }, h('h2', {}, 'Learner pathway'), h('p', { class: 'hint' }, 'Fit after each recommended credential against cumulative cost and hours; dashed lines are the alternatives. Enter or click on a step opens its credential’s value report.')),
    pickers,
    h('div', { class: 'controls' }, h('label', { class: 'field', for: 'path-budget' }, h('span', {}, 'Budget (USD)'), budgetIn), h('label', { class: 'field', for: 'path-hours' }, h('span', {}, 'Hours'), hoursIn)),
    note,
    slot,
    legendSlot,
    steps,
  );

  const drawSteps = (): void => {
    if (!rec) return;
    const p = rec.best;
    if (p.steps.length === 0) {
      steps.replaceChildren(h('p', {}, `No credential in the catalogue raises the fit (now ${Math.round(rec.fitBefore * 100)}%) within these limits.`));
      return;
    }
    steps.replaceChildren(
      h('h3', {}, 'Recommended steps'),
      h('p', { class: 'hint' }, 'Each credential opens its value report: demand covered, cost-effectiveness, credibility.'),
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, ...['#', 'Credential', 'Cost', 'Hours', 'Cumulative', 'Fit after', 'Gaps closed'].map((t) => h('th', { scope: 'col' }, t)))),
        h(
          'tbody',
          {},
          ...p.steps.map((s, i) =>
            h(
              'tr',
              {},
              h('td', {}, String(i + 1)),
              h('th', { scope: 'row' }, h('a', { href: itemHash('credentials', s.credential.id), class: 'credential-link', title: 'Open this credential’s value report' }, s.credential.name)),
              h('td', {}, money(s.credential.cost)),
              h('td', {}, s.credential.hours === null ? '—' : `${s.credential.hours} h`),
              h('td', {}, `${money(s.cumulativeCost)} · ${Math.round(s.cumulativeHours)} h`),
              h('td', {}, `${Math.round(s.fitAfter * 100)}%`),
              h('td', {}, s.gapsClosed.map((g) => `${g.label} (${Math.round(g.before * 100)}→${Math.round(g.after * 100)}%)`).join('; ') || '—'),
            ),
          ),
        ),
      ),
    );
  };

  const draw = (): void => {
    if (!rec) return;
    const data = toPathwayData(rec, budget, hours);
    // Enter or click on a step opens its credential's report (issue 20)
    const onSelect = (key: string, step: number): void => {
      const id = data.series.find((s) => s.key === key)?.steps[step]?.id;
      if (id) location.hash = itemHash('credentials', id);
    };
    showChart(slot, pathwayChart(data, { width: widthOf(slot), title: 'Fit vs cumulative cost and hours', onSelect }));
    const missing = (['cheapest', 'fastest'] as const).filter((k) => !rec?.[k]);
    legendSlot.replaceChildren(
      legend({ kind: 'swatches', items: data.series.map((s, i) => ({ label: s.label, color: PATHWAY_STYLES[i % PATHWAY_STYLES.length]!.color, dash: PATHWAY_STYLES[i % PATHWAY_STYLES.length]!.dash ?? '0', line: true })) }, { width: 420 }),
      ...(missing.length ? [h('p', { class: 'hint' }, `No ${missing.join(' or ')} pathway reaches the target fit (${Math.round((rec?.targetFit ?? 1) * 100)}%).`)] : []),
    );
    const last = rec.best.steps.at(-1);
    note.textContent = last
      ? `Fit ${Math.round(rec.fitBefore * 100)}% → ${Math.round(last.fitAfter * 100)}% with ${rec.best.steps.length} credential${rec.best.steps.length === 1 ? '' : 's'} for ${money(last.cumulativeCost)} and ${Math.round(last.cumulativeHours)} h.`
      : `Fit stays at ${Math.round(rec.fitBefore * 100)}%.`;
    drawSteps();
  };

  const load = async (): Promise<void> => {
    if (!candidateId || !roleId) {
      rec = null;
      steps.replaceChildren();
      legendSlot.replaceChildren();
      note.textContent = '';
      return showEmpty(slot, !candidateId ? 'Pick a candidate above (type a name).' : 'Pick a target role above: a stored role, a job posting, or an ESCO / O*NET occupation.');
    }
    showLoading(slot, 'the pathway');
    try {
      const r = await loads.run((signal) => ctx.api.recommend(candidateId, roleId, budget, hours, signal));
      if (!r) return;
      rec = r;
      draw();
    } catch (e) {
      showError(slot, e, () => void load());
    }
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const onLimits = (): void => {
    const b = parseLimit(budgetIn.value);
    const hh = parseLimit(hoursIn.value);
    budgetIn.setAttribute('aria-invalid', String(b === 'invalid'));
    hoursIn.setAttribute('aria-invalid', String(hh === 'invalid'));
    if (b === 'invalid' || hh === 'invalid') {
      note.textContent = 'Budget and hours must be numbers ≥ 0 (or empty for no limit).';
      return;
    }
    budget = b;
    hours = hh;
    ctx.setParams({ budget: b === null ? null : String(b), hours: hh === null ? null : String(hh) });
    clearTimeout(timer);
    timer = setTimeout(() => void load(), 250);
  };
  budgetIn.addEventListener('input', onLimits);
  hoursIn.addEventListener('input', onLimits);

  const mountPickers = (candidate: { value: string; text: string } | null, role: { value: string; text: string } | null): void => {
    pickers.replaceChildren(
      candidatePicker(ctx.api, 'path-candidate', candidate, (v) => {
        candidateId = v;
        ctx.setParams({ candidate: v });
        void load();
      }),
      rolePicker(ctx.api, 'path-role', 'Target role', role, (v) => {
        roleId = v;
        ctx.setParams({ role: v });
        void load();
      }),
    );
  };
  Promise.all([
    candidateId ? Promise.resolve({ value: candidateId, text: candidateId }) : ctx.api.searchCandidates('').then((c) => (c[0] ? { value: c[0].id, text: c[0].name } : null)),
    roleId ? Promise.resolve({ value: roleId, text: roleId }) : defaultRole(ctx.api),
  ])
    .then(([c, r]) => {
      if (c && !candidateId) candidateId = c.value;
      if (r && !roleId) roleId = r.value;
      mountPickers(c, r);
      void load();
    })
    .catch((e) => {
      mountPickers(candidateId ? { value: candidateId, text: candidateId } : null, roleId ? { value: roleId, text: roleId } : null);
      showError(slot, e, () => void load());
    });
  showLoading(slot, 'the pathway');
  const stop = onResize(slot, draw);
  return () => {
    stop();
    loads.abort();
    clearTimeout(timer);
  };
};
