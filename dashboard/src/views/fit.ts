import type { FitResult, FitResultConnection, RequirementFit, VerificationStatus } from '../../generated/schema-types.ts';
import { FIT_SEGMENTS, fitBars } from '../charts/fit-bars.ts';
import { legend } from '../charts/legend.ts';
import { toFitBar } from './shape.ts';
import { chartSlot, h, latest, onResize, select, showChart, showEmpty, showError, showLoading, widthOf } from './ui.ts';
import type { View } from './view.ts';

const PAGE = 20;

const VERIFICATION: Record<VerificationStatus, { icon: string; text: string; cls: string }> = {
  VERIFIED: { icon: '✔', text: 'verified signature', cls: 'ok' },
  HOSTED_VERIFIED: { icon: '✔', text: 'hosted, verified', cls: 'ok' },
  UNVERIFIED: { icon: '?', text: 'unverified', cls: 'warn' },
  SELF_CLAIMED: { icon: '✎', text: 'self-claimed', cls: 'warn' },
  INVALID: { icon: '✖', text: 'invalid', cls: 'bad' },
  EXPIRED: { icon: '⌛', text: 'expired', cls: 'bad' },
  UNVERIFIABLE: { icon: '–', text: 'unverifiable', cls: 'warn' },
};

function verificationBadge(v: VerificationStatus | null): HTMLElement {
  if (!v) return h('span', { class: 'badge none' }, '— no credential');
  const info = VERIFICATION[v];
  return h('span', { class: `badge ${info.cls}` }, h('span', { 'aria-hidden': 'true' }, `${info.icon} `), info.text);
}

function requirementRow(q: RequirementFit): HTMLElement {
  const cov = Math.round(q.coverage * 100);
  const chain = q.evidence.length
    ? h(
        'ol',
        { class: 'chain' },
        ...q.evidence.map((e) =>
          h(
            'li',
            {},
            h('span', { class: 'link-src' }, e.credential ? `🎓 ${e.credential.name}` : e.kind === 'CLAIM' ? 'self-claimed' : e.kind.toLowerCase()),
            h('span', { class: 'arrow', 'aria-hidden': 'true' }, ' → '),
            e.source ? h('q', { class: 'sentence' }, e.source) : null,
            h('span', { class: 'arrow', 'aria-hidden': 'true' }, ' → '),
            h('span', {}, q.skill.label),
            ' ',
            verificationBadge(e.verification),
            h('span', { class: 'conf' }, ` confidence ${Math.round(e.confidence * 100)}%`),
          ),
        ),
      )
    : h('p', { class: 'missing' }, 'No evidence.');
  return h(
    'li',
    { class: `req ${q.coverage > 0 ? 'covered' : 'uncovered'}` },
    h(
      'div',
      { class: 'req-head' },
      h('strong', {}, q.skill.label),
      h('span', { class: `tag ${q.essential ? 'essential' : 'optional'}` }, q.essential ? 'essential' : 'optional'),
      h('span', { class: 'weight' }, `weight ${q.weight.toFixed(2)}`),
      h('meter', { min: 0, max: 100, value: cov, 'aria-label': `coverage ${cov}%` }),
      h('span', {}, `${cov}%`),
    ),
    chain,
  );
}

/** Role fit: pick a role, see ranked candidates; pick one to see the evidence chain of every requirement. */
export const fitView: View = (root, ctx) => {
  let roleId = ctx.params.get('role') ?? '';
  let selectedId = ctx.params.get('candidate');
  let results: FitResult[] = [];
  let page: FitResultConnection['pageInfo'] | null = null;
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
    const reqs = [...fit.requirements].sort((a, b) => Number(b.essential) - Number(a.essential) || b.weight - a.weight || a.skill.label.localeCompare(b.skill.label));
    detail.replaceChildren(
      h('h3', {}, `${fit.candidate.name} — fit ${Math.round(fit.score * 100)}%`),
      h('p', {}, `${fit.essentialCovered} essential and ${fit.optionalCovered} optional requirements covered.`),
      ...(fit.missingEssentials.length ? [h('p', { class: 'missing' }, `Missing essentials: ${fit.missingEssentials.map((s) => s.label).join(', ')}`)] : []),
      h('ul', { class: 'reqs' }, ...reqs.map(requirementRow)),
    );
  };

  const draw = (): void => {
    if (!roleId) return showEmpty(slot, 'Pick a role.');
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
  };

  const load = async (append: boolean): Promise<void> => {
    if (!roleId) return draw();
    if (!append) showLoading(slot, 'ranking');
    try {
      const conn = await loads.run((signal) => ctx.api.rankCandidates(roleId, PAGE, append ? (page?.endCursor ?? null) : null, signal));
      if (!conn) return;
      results = append ? [...results, ...conn.edges.map((e) => e.node)] : conn.edges.map((e) => e.node);
      page = conn.pageInfo;
      draw();
      drawDetail();
    } catch (e) {
      showError(slot, e, () => void load(append));
    }
  };

  ctx.api
    .pickers()
    .then((p) => {
      if (!roleId && p.roles[0]) roleId = p.roles[0].id;
      roleBox.replaceChildren(
        select('Role', 'fit-role', p.roles.map((r) => ({ value: r.id, text: r.title })), roleId, (v) => {
          roleId = v;
          selectedId = null;
          ctx.setParams({ role: v, candidate: null });
          void load(false);
        }),
      );
      void load(false);
    })
    .catch((e) => showError(roleBox, e));
  showLoading(slot, 'ranking');
  const stop = onResize(slot, draw);
  return () => {
    stop();
    loads.abort();
  };
};
