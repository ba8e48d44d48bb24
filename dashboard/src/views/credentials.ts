/**
 * Issue 20: `#/credentials` compares credentials — cost against the share of demand they cover, as a
 * scatter and its table twin (sortable), credibility as shape + words; filters (skill, max cost, max
 * hours, verified issuer only), order (value, value per cost) and the postings in scope (period).
 * `#/credentials/<id>` shows one credential's report (./credential-report.ts).
 */
import { credentialScatter, type ScatterPoint } from '../charts/credential-scatter.ts';
import type { CredentialPoint } from '../data/model.ts';
import { itemHash } from '../router.ts';
import { credibilityIcon } from './credential-icon.ts';
import { credentialReportView } from './credential-report.ts';
import {
  costText,
  credibilityDetail,
  defaultDir,
  hoursText,
  ORDERS,
  paramsFromState,
  parseLimit,
  pctText,
  perCostText,
  scopeParams,
  scopeText,
  sortPoints,
  stateFromParams,
  type ComparisonState,
  type SortDir,
  type SortKey,
} from './credential-format.ts';
import { roleOption } from './pickers.ts';
import { typeahead } from './typeahead.ts';
import { chartSlot, h, latest, onResize, select, showChart, showEmpty, showError, showLoading, widthOf } from './ui.ts';
import type { View } from './view.ts';

const toScatter = (p: CredentialPoint): ScatterPoint => ({ id: p.id, name: p.name, cost: p.cost, hours: p.hours, free: p.free, value: p.value, credibility: p.level });

const COLUMNS: readonly { readonly key: SortKey; readonly text: string }[] = [
  { key: 'rank', text: '#' },
  { key: 'name', text: 'Credential' },
  { key: 'credibility', text: 'Credibility' },
  { key: 'cost', text: 'Cost' },
  { key: 'hours', text: 'Hours' },
  { key: 'value', text: 'Demand covered' },
  { key: 'valuePerCost', text: 'Covered per $100' },
];

export const credentialsView: View = (root, ctx) => {
  if (ctx.item) return credentialReportView(root, ctx);
  let state: ComparisonState = stateFromParams(ctx.params);
  let rows: CredentialPoint[] = [];
  let truncated = false;
  let sortKey: SortKey = 'rank';
  let sortDir: SortDir = 'ascending';
  const loads = latest();
  const reportHref = (id: string): string => itemHash('credentials', id, scopeParams(state.scope));
  let occupationLabel: string | null = null;

  const costIn = h('input', { id: 'cred-max-cost', name: 'maxCost', type: 'number', min: 0, step: 50, placeholder: 'any', inputmode: 'decimal', value: state.filter.maxCost === null || state.filter.maxCost === undefined ? '' : String(state.filter.maxCost) });
  const hoursIn = h('input', { id: 'cred-max-hours', name: 'maxHours', type: 'number', min: 0, step: 5, placeholder: 'any', inputmode: 'decimal', value: state.filter.maxHours === null || state.filter.maxHours === undefined ? '' : String(state.filter.maxHours) });
  const verifiedIn = h('input', { id: 'cred-verified', name: 'verified', type: 'checkbox' });
  verifiedIn.checked = state.filter.verifiedIssuer === true;
  const fromIn = h('input', { id: 'cred-from', name: 'from', type: 'date', value: state.scope.from ?? '' });
  const toIn = h('input', { id: 'cred-to', name: 'to', type: 'date', value: state.scope.to ?? '' });
  const orgIn = h('input', { id: 'cred-org', name: 'org', type: 'text', placeholder: 'any', value: state.scope.organisationId ?? '', size: 14 });
  const occupationPicker = typeahead({
    label: 'Occupation',
    id: 'cred-occupation',
    placeholder: 'any (type an occupation…)',
    initial: state.scope.occupationId ? { value: state.scope.occupationId, text: state.scope.occupationId } : null,
    search: async (text, signal) => (await ctx.api.searchRoles(text, signal)).filter((r) => r.kind === 'OCCUPATION').map(roleOption),
    onPick: (o) => {
      occupationLabel = o.text;
      update({ scope: { ...state.scope, occupationId: o.value } });
    },
  });
  const clearOccupation = h('button', { type: 'button', class: 'clear-occupation', hidden: !state.scope.occupationId, 'aria-label': 'Clear the occupation' }, 'Any occupation');
  const clearSkill = h('button', { type: 'button', class: 'clear-skill', hidden: !state.filter.skill, 'aria-label': 'Clear the skill filter' }, 'Any skill');
  const skillPicker = typeahead({
    label: 'Teaches skill',
    id: 'cred-skill',
    placeholder: 'Type a skill…',
    initial: state.filter.skill ? { value: state.filter.skill, text: state.filter.skill } : null,
    search: async (text, signal) => {
      const nodes = await ctx.api.skillTree(signal);
      const t = text.toLowerCase();
      const hits = nodes.filter((n) => !n.isGroup && n.label.toLowerCase().includes(t));
      hits.sort((a, b) => Number(!a.label.toLowerCase().startsWith(t)) - Number(!b.label.toLowerCase().startsWith(t)) || a.label.length - b.label.length);
      return hits.slice(0, 12).map((n) => ({ value: n.id, text: n.label.trim() }));
    },
    onPick: (o) => update({ filter: { ...state.filter, skill: o.value } }),
  });
  const note = h('p', { class: 'summary', 'aria-live': 'polite' });
  const slot = chartSlot(window.innerWidth < 620 ? 380 : 420, 'Credential comparison chart');
  const table = h('div', { class: 'steps cred-table' });
  root.append(
    h(
      'header',
      { class: 'view-head' },
      h('h2', {}, 'Compare credentials'),
      h('p', { class: 'hint' }, 'Cost against the share of the postings’ skill demand each credential covers. Shape and words show credibility: ★ verified issuer with recognition stated, ● verified issuer, △ issuer not verified. Enter or click opens a credential’s report; arrow keys move between points.'),
    ),
    h(
      'form',
      { class: 'controls cred-filters', 'aria-label': 'Filter and order credentials', onsubmit: (e: Event) => e.preventDefault() },
      skillPicker,
      clearSkill,
      h('label', { class: 'field', for: 'cred-max-cost' }, h('span', {}, 'Max cost (USD)'), costIn),
      h('label', { class: 'field', for: 'cred-max-hours' }, h('span', {}, 'Max hours'), hoursIn),
      h('label', { class: 'field check', for: 'cred-verified' }, verifiedIn, h('span', {}, 'Verified issuer only')),
    ),
    h(
      'div',
      { class: 'controls cred-order' },
      select('Order', 'cred-order', ORDERS, state.order, (v) => update({ order: v as ComparisonState['order'] })),
      h(
        'fieldset',
        { class: 'scope' },
        h('legend', {}, 'Demand from postings (empty: all you may see)'),
        h('label', { class: 'field', for: 'cred-from' }, h('span', {}, 'From'), fromIn),
        h('label', { class: 'field', for: 'cred-to' }, h('span', {}, 'To'), toIn),
        occupationPicker,
        clearOccupation,
        h('label', { class: 'field', for: 'cred-org' }, h('span', {}, 'Organisation id'), orgIn),
      ),
    ),
    note,
    slot,
    table,
  );

  // the skill filter shows the skill's label once the hierarchy is loaded
  if (state.filter.skill) {
    const id = state.filter.skill;
    ctx.api
      .skillTree()
      .then((nodes) => {
        const n = nodes.find((x) => x.id === id);
        const input = skillPicker.querySelector('input');
        if (n && input && input.value === id) input.value = n.label.trim();
      })
      .catch(() => undefined);
  }
  clearSkill.addEventListener('click', () => {
    const input = skillPicker.querySelector('input');
    if (input) input.value = '';
    update({ filter: { ...state.filter, skill: null } });
  });

  const drawTable = (): void => {
    if (rows.length === 0) {
      table.replaceChildren();
      return;
    }
    const sorted = sortPoints(rows, sortKey, sortDir);
    const rank = new Map(rows.map((p, i) => [p.id, i + 1]));
    const head = h(
      'tr',
      {},
      ...COLUMNS.map((c) => {
        const active = c.key === sortKey;
        const btn = h('button', { type: 'button', class: 'sort', 'data-key': c.key, onclick: () => {
          sortDir = active ? (sortDir === 'ascending' ? 'descending' : 'ascending') : c.key === 'rank' ? 'ascending' : defaultDir(c.key);
          sortKey = c.key;
          drawTable();
          table.querySelector<HTMLButtonElement>(`button.sort[data-key="${c.key}"]`)?.focus();
        } }, c.text, h('span', { 'aria-hidden': 'true' }, active ? (sortDir === 'ascending' ? ' ▲' : ' ▼') : ''));
        return h('th', { scope: 'col', 'aria-sort': active ? sortDir : 'none' }, btn);
      }),
    );
    const body = sorted.map((p) =>
      h(
        'tr',
        { 'data-id': p.id, class: `level-${p.level.toLowerCase()}` },
        h('td', {}, String(rank.get(p.id))),
        h('th', { scope: 'row' }, h('a', { href: reportHref(p.id) }, p.name), h('small', { class: 'issuer' }, ` ${p.issuerName}`)),
        h('td', { class: 'credibility' }, credibilityIcon(p.level), ` ${credibilityDetail(p)}`),
        h('td', {}, costText(p)),
        h('td', {}, hoursText(p.hours)),
        h('td', {}, pctText(p.value)),
        h('td', {}, perCostText(p)),
      ),
    );
    const orderText = ORDERS.find((o) => o.value === state.order)?.text ?? state.order;
    table.replaceChildren(
      h(
        'table',
        { 'aria-label': 'Credentials compared' },
        h('caption', {}, `${rows.length} credentials, ranked by ${orderText.toLowerCase()}${sortKey === 'rank' ? '' : `; sorted by ${COLUMNS.find((c) => c.key === sortKey)!.text.toLowerCase()} (${sortDir})`}. Column headers sort.`),
        h('thead', {}, head),
        h('tbody', {}, ...body),
      ),
    );
  };

  const draw = (): void => {
    if (rows.length === 0) return;
    showChart(slot, credentialScatter(rows.map(toScatter), { width: widthOf(slot), title: 'Credentials: cost against demand covered', onSelect: (id) => (location.hash = reportHref(id)) }));
  };

  const describe = (): string => {
    const f = state.filter;
    const parts: string[] = [];
    if (f.skill) parts.push('teaching the chosen skill');
    if (f.maxCost !== null && f.maxCost !== undefined) parts.push(`costing at most $${f.maxCost}`);
    if (f.maxHours !== null && f.maxHours !== undefined) parts.push(`at most ${f.maxHours} h`);
    if (f.verifiedIssuer) parts.push('from verified issuers');
    return `${parts.length ? ` ${parts.join(', ')}` : ''}; demand from ${scopeText(state.scope, occupationLabel)}`;
  };

  const load = async (): Promise<void> => {
    showLoading(slot, 'the credentials');
    try {
      const r = await loads.run((signal) => ctx.api.credentialValues(state.order, state.filter, state.scope, signal));
      if (!r) return;
      rows = r.rows;
      truncated = r.truncated;
      const free = rows.filter((p) => p.free).length;
      const unknown = rows.filter((p) => !p.free && p.cost === null).length;
      note.textContent = `${rows.length}${truncated ? '+ (first 1,000 shown)' : ''} credential${rows.length === 1 ? '' : 's'}${describe()}.${free ? ` ${free} free (at “free” on the cost axis).` : ''}${unknown ? ` ${unknown} of unknown cost (in the “cost unknown” strip).` : ''}`;
      if (rows.length === 0) {
        table.replaceChildren();
        return showEmpty(slot, 'No credential matches these filters.');
      }
      draw();
      drawTable();
    } catch (e) {
      table.replaceChildren();
      showError(slot, e, () => void load());
    }
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = (patch: Partial<ComparisonState>): void => {
    state = { ...state, ...patch };
    clearSkill.hidden = !state.filter.skill;
    clearOccupation.hidden = !state.scope.occupationId;
    ctx.setParams(paramsFromState(state));
    sortKey = 'rank';
    sortDir = 'ascending';
    clearTimeout(timer);
    timer = setTimeout(() => void load(), 200);
  };
  const onLimits = (): void => {
    const c = parseLimit(costIn.value);
    const hh = parseLimit(hoursIn.value);
    costIn.setAttribute('aria-invalid', String(c === 'invalid'));
    hoursIn.setAttribute('aria-invalid', String(hh === 'invalid'));
    if (c === 'invalid' || hh === 'invalid') {
      note.textContent = 'Max cost and max hours must be numbers ≥ 0 (or empty for no limit).';
      return;
    }
    update({ filter: { ...state.filter, maxCost: c, maxHours: hh } });
  };
  costIn.addEventListener('input', onLimits);
  hoursIn.addEventListener('input', onLimits);
  verifiedIn.addEventListener('change', () => update({ filter: { ...state.filter, verifiedIssuer: verifiedIn.checked } }));
  const onScope = (): void => update({ scope: { ...state.scope, from: fromIn.value || null, to: toIn.value || null, organisationId: orgIn.value.trim() || null } });
  fromIn.addEventListener('change', onScope);
  toIn.addEventListener('change', onScope);
  orgIn.addEventListener('change', onScope);
  clearOccupation.addEventListener('click', () => {
    const input = occupationPicker.querySelector('input');
    if (input) input.value = '';
    occupationLabel = null;
    update({ scope: { ...state.scope, occupationId: null } });
  });

  void load();
  const stop = onResize(slot, draw);
  return () => {
    stop();
    loads.abort();
    clearTimeout(timer);
  };
};
