/**
 * Issue 20: `#/credentials/<id>` — one credential's value report: every figure with its value, the
 * data it rests on and its method; demand (skills, roles served), cost (rank among comparable,
 * equivalents linked to their reports), credibility (issuer identity, recognition, assessment, how its
 * skills were established) and holders (as released under the privacy rules: exact, noised or suppressed).
 */
import type { CredentialReport } from '../data/model.ts';
import { itemHash } from '../router.ts';
import { costText, credibilityText, holdersText, hoursText, pctText, perCostText, perHourText, scopeParams, scopeText, stateFromParams } from './credential-format.ts';
import { credibilityIcon } from './credential-icon.ts';
import { chartSlot, h, latest, showChart, showError, showLoading } from './ui.ts';
import type { View } from './view.ts';

type Cell = Node | string;

function table(caption: string, head: readonly string[], rows: readonly Cell[][], cls = ''): HTMLTableElement {
  return h(
    'table',
    { class: cls },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c)))))),
  );
}

const yes = (b: boolean): string => (b ? 'yes' : 'no');
const section = (id: string, title: string, ...children: (Node | null)[]): HTMLElement => h('section', { class: 'report-section', 'aria-labelledby': id }, h('h3', { id }, title), ...children);

/** The report's body (pure DOM from the report; `href` makes a credential's link, keeping the scope). */
export function renderReport(r: CredentialReport, href: (id: string) => string): HTMLElement {
  const c = r.credibility;
  const holders = holdersText(r.holders);
  const summary = h(
    'dl',
    { class: 'facts' },
    h('dt', {}, 'Demand covered'),
    h('dd', { class: 'fact-value' }, `${pctText(r.value)} of the skill demand in ${r.demand.postings} posting${r.demand.postings === 1 ? '' : 's'}`),
    h('dt', {}, 'Cost'),
    h('dd', {}, `${costText({ cost: r.cost.cost, free: r.free })} · ${hoursText(r.cost.hours)}`),
    h('dt', {}, 'Per cost'),
    h('dd', {}, `${perCostText(r)} · ${perHourText(r.valuePerHour)}`),
    h('dt', {}, 'Credibility'),
    h('dd', { class: 'credibility' }, credibilityIcon(c.level), ` ${credibilityText(c.level)}`),
    h('dt', {}, 'Holders'),
    h('dd', {}, `${holders.count} (${holders.release})`),
  );
  const figures = section(
    'fig-h',
    'Figures, their data and method',
    r.figures.length
      ? table('Every figure of this report: nothing here is a hidden score.', ['Figure', 'Value', 'Data', 'Method'], r.figures.map((f) => [f.name, f.value, f.data, f.method]), 'figures')
      : h('p', {}, 'The API returned no figures.'),
  );
  const demand = section(
    'demand-h',
    'Demand',
    h('p', {}, `Covers ${pctText(r.demand.covered)} of the weighted skill demand in ${r.demand.postings} postings (${r.demand.postingsWithSkills} with linked skills).${r.demand.fitGain === null ? ' It serves no role in the store.' : ` A typical holder’s fit toward the roles it serves moves by ${pctText(r.demand.fitGain)} on average.`}`),
    r.demand.skills.length
      ? table('Its skills that postings demand', ['Skill', 'Share of demand', 'Postings'], r.demand.skills.map((s) => [s.label, pctText(s.share), String(s.postings)]), 'demand-skills')
      : h('p', {}, 'None of its skills is demanded by the postings in scope.'),
    r.demand.rolesServed.length
      ? table(`Roles it serves best (of the ${r.demand.rolesConsidered} ${r.demand.roleSource} in scope)`, ['Role', 'Requirements it covers', 'Typical fit before', 'after', 'Gain'], r.demand.rolesServed.map((x) => [x.title, pctText(x.coverage), pctText(x.fitBefore), pctText(x.fitAfter), `+${pctText(x.gain)}`]), 'roles-served')
      : null,
  );
  const cost = section(
    'cost-h',
    'Cost-effectiveness',
    h(
      'p',
      {},
      `Compared with ${r.cost.comparable} comparable credential${r.cost.comparable === 1 ? '' : 's'} (${r.cost.comparableType === null ? 'all types' : `type ${r.cost.comparableType}`}): `,
      r.cost.valuePerCostRank === null ? 'no rank per cost (cost unknown or free)' : `rank ${r.cost.valuePerCostRank} by demand covered per dollar`,
      '; ',
      r.cost.valuePerHourRank === null ? 'no rank per hour (hours unknown)' : `rank ${r.cost.valuePerHourRank} by demand covered per hour`,
      '.',
    ),
    r.cost.equivalents.length
      ? table(
          'Equivalents: cheaper or shorter credentials covering the same demanded skills',
          ['Credential', 'Cost', 'Hours', 'Skills in common', 'Issuer', 'Why'],
          r.cost.equivalents.map((e) => [
            h('a', { href: href(e.id) }, e.name),
            costText({ cost: e.cost, free: e.cost === 0 }),
            hoursText(e.hours),
            e.sameSkills ? `all (${e.shared})` : String(e.shared),
            e.verifiedIssuer ? 'verified' : 'not verified',
            [e.cheaper ? 'cheaper' : '', e.shorter ? 'shorter' : ''].filter(Boolean).join(', ') || '—',
          ]),
          'equivalents',
        )
      : h('p', {}, 'No cheaper or shorter credential covers the same demanded skills.'),
  );
  const basis = c.skillBasis;
  const credibility = section(
    'cred-h',
    'Credibility',
    table(
      'Issuer identity',
      ['Issuer', 'Verified issuer', 'Awards', 'Awards verified', 'Share verified'],
      [[`${c.issuerName} (${c.issuerId})`, yes(c.verifiedIssuer), String(c.awards), String(c.verifiedAwards), c.verifiedShare === null ? '— (no awards)' : pctText(c.verifiedShare)]],
      'issuer',
    ),
    c.recognition.length
      ? table('Recognition stated in the credential’s document', ['Kind', 'Agent', 'Proof', 'Source field'], c.recognition.map((x) => [x.kind, x.agentName || x.agentId || '(unnamed)', x.verification, x.source]), 'recognition')
      : h('p', { class: 'recognition-none' }, 'No recognition (accreditation, approval, endorsement) is stated in its document.'),
    c.assessment.length
      ? table('Assessment stated', ['Kind', 'Description', 'Source field'], c.assessment.map((x) => [x.kind, x.description, x.source]), 'assessment')
      : h('p', { class: 'assessment-none' }, 'No assessment is stated in its document.'),
    h(
      'p',
      { class: 'skill-basis' },
      `Skill basis: ${basis.aligned} aligned explicitly, ${basis.linked} linked from text${basis.meanLinkedConfidence === null ? '' : ` (mean confidence ${pctText(basis.meanLinkedConfidence)})`}, ${basis.catalogue} from catalogue tags, ${basis.other} other.`,
    ),
  );
  const holdersSection = section('holders-h', 'Holders', h('p', { class: 'holders' }, `${holders.count} — ${holders.release}. ${r.holders.note}`));
  return h('div', { class: 'report' }, summary, figures, demand, cost, credibility, holdersSection);
}

export const credentialReportView: View = (root, ctx) => {
  const id = ctx.item;
  const scope = stateFromParams(ctx.params).scope;
  const linkParams = scopeParams(scope);
  const back = h('a', { href: `#/credentials${ctx.params.toString() ? `?${ctx.params.toString()}` : ''}`, class: 'back' }, '← Compare credentials');
  const title = h('h2', {}, 'Credential report');
  const sub = h('p', { class: 'hint' }, id);
  const slot = chartSlot(360, 'Credential report');
  root.append(h('header', { class: 'view-head' }, back, title, sub), slot);
  const loads = latest();
  const load = async (): Promise<void> => {
    showLoading(slot, 'the credential report');
    try {
      const r = await loads.run((signal) => ctx.api.credentialValue(id, scope, signal));
      if (!r) return;
      title.textContent = r.name;
      sub.textContent = `${r.credentialType} · issued by ${r.issuerName} · demand from ${scopeText(scope)}`;
      document.title = `${r.name} · skillgraph`;
      showChart(slot, renderReport(r, (other) => itemHash('credentials', other, linkParams)));
    } catch (e) {
      showError(slot, e, () => void load());
    }
  };
  void load();
  return () => loads.abort();
};
