import type { FitRow, RequirementRow } from '../data/model.ts';
import { FIT_SEGMENTS, fitBars } from '../charts/fit-bars.ts';
import { legend } from '../charts/legend.ts';
import { toFitBar } from './shape.ts';
import { defaultRole, rolePicker } from './pickers.ts';
import type { PickOption } from './typeahead.ts';
import { chartSlot, h, latest, onResize, showChart, showEmpty, showError, showLoading, widthOf } from './ui.ts';
import type { View } from './view.ts';

const PAGE = 20;

/** Verification status → icon + words (never colour alone). */
const VERIFICATION: Record<string, { icon: string; text: string; cls: string }> = {
  verified: { icon: '✔', text: 'verified signature', cls: 'ok' },
  'hosted-verified': { icon: '✔', text: 'hosted, verified', cls: 'ok' },
  unverified: { icon: '?', text: 'unverified', cls: 'warn' },
  'self-claimed': { icon: '✎', text: 'self-claimed', cls: 'warn' },
  invalid: { icon: '✖', text: 'invalid', cls: 'bad' },
  expired: { icon: '⌛', text: 'expired', cls: 'bad' },
  unverifiable: { icon: '–', text: 'unverifiable', cls: 'warn' },
};

function verificationBadge(v: string | null): HTMLElement {
  const info = v ? VERIFICATION[v] : undefined;
  if (!info) return h('span', { class: 'badge none' }, v ?? 'no status');
  return h('span', { class: `badge ${info.cls}` }, h('span', { 'aria-hidden': 'true' }, `${info.icon} `), info.text);
}

function requirementRow(q: RequirementRow): HTMLElement {
  const cov = Math.round(q.coverage * 100);
  const b = q.best;
  const chain = b
    ? h(
        'p',
        { class: 'chain' },
        h('span', { class: 'link-src' }, b.credentialName ? `credential “${b.credentialName}”` : b.evidenceKind === 'claim' ? 'self-claimed' : (b.evidenceKind ?? 'evidence')),
        b.source ? h('span', {}, h('span', { class: 'arrow', 'aria-hidden': 'true' }, ' → '), h('q', { class: 'sentence' }, b.source)) : null,
        h('span', { class: 'arrow', 'aria-hidden': 'true' }, ' → '),
        h('span', {}, b.heldSkillLabel ?? q.label),
        b.match !== 'exact' ? h('small', {}, ` (${b.match} match)`) : null,
        h('span', { class: 'arrow', 'aria-hidden': 'true' }, ' → '),
        h('span', {}, `requirement “${q.label}” `),
        verificationBadge(b.verification),
        b.confidence !== null ? h('span', { class: 'conf' }, ` confidence ${Math.round(b.confidence * 100)}%`) : null,
      )
    : h('p', { class: 'missing' }, 'No evidence.');
  return h(
    'li',
    { class: `req ${q.missing ? 'uncovered' : 'covered'}` },
    h(
      'div',
      { class: 'req-head' },
      h('strong', {}, q.label),
      h('span', { class: `tag ${q.essential ? 'essential' : 'optional'}` }, q.essential ? 'essential' : 'optional'),
      h('span', { class: 'weight' }, `weight ${q.weight.toFixed(2)}`),
      h('meter', { min: 0, max: 100, value: cov, 'aria-label': `coverage ${cov}%` }),
      h('span', {}, `${cov}%`),
      q.verifiedCoverage < q.coverage ? h('span', { class: 'weight' }, `(verified ${Math.round(q.verifiedCoverage * 100)}%)`) : null,
    ),
    chain,
  );
}

/** Role fit: pick a role, see ranked candidates; pick one to see the evidence chain of every requirement. */
export const fitView: View = (root, ctx) => {
  let roleId = ctx.params.get('role') ?? '';
  let selectedId = ctx.params.get('candidate');
  let results: FitRow[] = [];
  let page: { hasNextPage: boolean; endCursor: string | null; totalCount: number } | null = null;
  const loads = latest();
  const roleBox = h('div', { class: 'controls' }, h('span', { class: 'state loading' }, 'Loading roles…'));
  const slot = chartSlot(360, 'Ranked candidates');
  const more = h('button', { type: 'button', class: 'more', hidden: true, onclick: () => void load(true) }, 'Load more candidates');
  const detail = h('section', { class: 'detail', 'aria-live': 'polite', 'aria-label': 'Evidence' });
  root.append(
    h('header', { class: 'view-head' }, h('h2', {}, 'Role fit'), h('p', { class: 'hint' }, 'Bars: share of the role’s requirement weight covered by essential skills, optional skills, and missing. Select a candidate for the evidence behind each requirement.')),
    roleBox,
    h('div', { class: 'split' }, h('div', { class: 'pane' }, slot, more, h('div', { class: 'legend-slot' }, legend({ kind: 'swatches', items: FIT_SEGMENTS.map((s) => ({ label: s.label, color: s.color })) }, { width: 420 }))), detail),
  );

  const drawDetail = (): void => {
    const fit = results.find((r) => r.candidate.id === selectedId);
    if (!fit) {
      detail.replaceChildren(h('p', { class: 'hint' }, results.length ? 'Select a candidate to see the evidence.' : ''));
      return;
    }
    const reqs = [...fit.requirements].sort((a, b) => Number(b.essential) - Number(a.essential) || b.weight - a.weight || a.label.localeCompare(b.label));
    detail.replaceChildren(
      h('h3', {}, `${fit.candidate.name} — fit ${Math.round(fit.fit * 100)}%`),
      h('p', {}, `Covered: ${Math.round(fit.essentialCovered * 100)}% of the weight through essential requirements, ${Math.round(fit.optionalCovered * 100)}% through optional ones. Ranking score ${fit.score.toFixed(3)}.`),
      ...(fit.missingEssentials.length ? [h('p', { class: 'missing' }, `Missing essentials: ${fit.missingEssentials.map((s) => s.label).join(', ')}`)] : []),
      h('ul', { class: 'reqs' }, ...reqs.map(requirementRow)),
    );
  };

  const draw = (): void => {
    if (!roleId) return showEmpty(slot, 'No role picked: type a stored role, a job posting or an ESCO / O*NET occupation above (with an API key that may see them).');
    if (results.length === 0) return showEmpty(slot, 'No candidates share their profile with you for this role.');
    const chart = fitBars(results.map(toFitBar), {
      width: widthOf(slot),
      selectedId,
      title: 'Ranked candidates',
      onSelect: (id) => {
        selectedId = id;
        ctx.setParams({ candidate: id });
        draw();
        slot.querySelector<SVGElement>(`.bar[data-id="${CSS.escape(id)}"]`)?.focus();
        drawDetail();
      },
    });
    showChart(slot, chart);
    more.hidden = !page?.hasNextPage;
    more.textContent = `Load more (${results.length} of ${page?.totalCount ?? results.length})`;
  };

  const load = async (append: boolean): Promise<void> => {
    if (!roleId) return draw();
    if (!append) showLoading(slot, 'ranking');
    try {
      const conn = await loads.run((signal) => ctx.api.rankCandidates(roleId, PAGE, append ? (page?.endCursor ?? null) : null, signal));
      if (!conn) return;
      results = append ? [...results, ...conn.rows] : [...conn.rows];
      page = { hasNextPage: conn.hasNextPage, endCursor: conn.endCursor, totalCount: conn.totalCount };
      draw();
      drawDetail();
    } catch (e) {
      showError(slot, e, () => void load(append));
    }
  };

  const mountPicker = (initial: PickOption | null): void => {
    roleBox.replaceChildren(
      rolePicker(ctx.api, 'fit-role', 'Role', initial, (v) => {
        roleId = v;
        selectedId = null;
        ctx.setParams({ role: v, candidate: null });
        void load(false);
      }),
    );
  };
  if (roleId) {
    mountPicker({ value: roleId, text: roleId });
    void load(false);
  } else {
    defaultRole(ctx.api)
      .then((d) => {
        if (d && !roleId) roleId = d.value;
        mountPicker(d);
        void load(false);
      })
      .catch((e) => {
        mountPicker(null);
        showError(slot, e);
      });
  }
  showLoading(slot, 'ranking');
  const stop = onResize(slot, draw);
  return () => {
    stop();
    loads.abort();
  };
};
