/** The role and candidate pickers of the fit and pathway views: type-ahead over the server's search. */
import type { DashboardApi } from '../data/queries.ts';
import type { RoleOption } from '../data/model.ts';
import { typeahead, type PickOption } from './typeahead.ts';

const KIND: Record<RoleOption['kind'], string> = { ROLE: 'role', POSTING: 'posting', OCCUPATION: 'occupation' };

export function roleOption(r: RoleOption): PickOption {
  const detail = [KIND[r.kind], r.code, r.matched ? `“${r.matched}”` : ''].filter(Boolean).join(' · ');
  return { value: r.id, text: r.title, detail };
}

export function rolePicker(api: DashboardApi, id: string, label: string, initial: PickOption | null, onPick: (id: string, option: PickOption) => void): HTMLElement {
  return typeahead({
    label,
    id,
    placeholder: 'Type a role, posting or occupation (ESCO / O*NET)…',
    initial,
    search: async (text, signal) => (await api.searchRoles(text, signal)).map(roleOption),
    onPick: (o) => onPick(o.value, o),
  });
}

export function candidatePicker(api: DashboardApi, id: string, initial: PickOption | null, onPick: (id: string) => void): HTMLElement {
  return typeahead({
    label: 'Candidate',
    id,
    placeholder: 'Type a name or id…',
    initial,
    search: async (text, signal) => (await api.searchCandidates(text, signal)).map((c) => ({ value: c.id, text: c.name, detail: c.id })),
    onPick: (o) => onPick(o.value),
  });
}

/** The default role when the URL names none: the first stored role, else the largest posting group's occupation. */
export async function defaultRole(api: DashboardApi): Promise<PickOption | null> {
  const [p, demand] = await Promise.all([api.pickers(), api.postingDemand().catch(() => null)]);
  const role = p.roles[0];
  if (role) return { value: role.id, text: role.title };
  const occ = demand?.profiles.find((x) => x.id.startsWith('occupation:'));
  return occ ? { value: occ.id.slice('occupation:'.length), text: occ.title.replace(/ \(\d+ postings?\)$/, '') } : null;
}
