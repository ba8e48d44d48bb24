/**
 * Issue 20: the comparison view's pure parts — wording of costs, value rates and credibility, the
 * table's sort, and the URL params ↔ filter / order / scope mapping. No DOM here (unit-tested).
 */
import { CREDIBILITY_STYLE, type Credibility } from '../charts/credential-scatter.ts';
import type { CredentialFilter, CredentialOrder, CredentialPoint, DemandScope } from '../data/model.ts';

export const pctText = (x: number): string => `${Math.round(x * 1000) / 10}%`;
export const moneyText = (v: number): string => `$${Math.round(v).toLocaleString('en-US')}`;

export function costText(p: { readonly cost: number | null; readonly free: boolean }): string {
  if (p.free) return 'free';
  return p.cost === null ? 'cost unknown' : moneyText(p.cost);
}

export function hoursText(h: number | null): string {
  return h === null ? 'hours unknown' : `${Math.round(h * 10) / 10} h`;
}

/** Demand covered per $100 (valuePerCost is per USD), in percentage points; free and unknown said in words. */
export function perCostText(p: { readonly valuePerCost: number | null; readonly free: boolean }): string {
  if (p.free) return 'free (no cost)';
  return p.valuePerCost === null ? 'cost unknown' : `${pctText(p.valuePerCost * 100)} per $100`;
}

/** Demand covered per 10 hours. */
export function perHourText(valuePerHour: number | null): string {
  return valuePerHour === null ? 'hours unknown' : `${pctText(valuePerHour * 10)} per 10 h`;
}

export function credibilityText(level: Credibility): string {
  return CREDIBILITY_STYLE[level].text;
}

/** The credibility cell's words: the level, then what the document states (recognition, assessment). */
export function credibilityDetail(p: Pick<CredentialPoint, 'level' | 'recognition' | 'assessment'>): string {
  const parts = [credibilityText(p.level)];
  if (p.recognition) parts.push(`${p.recognition} recognition${p.recognition === 1 ? '' : 's'} stated`);
  if (p.assessment) parts.push(`assessment stated`);
  return parts.join('; ');
}

export type SortKey = 'rank' | 'name' | 'credibility' | 'cost' | 'hours' | 'value' | 'valuePerCost';
export type SortDir = 'ascending' | 'descending';

const LEVEL_RANK: Record<Credibility, number> = { VERIFIED_RECOGNISED: 2, VERIFIED: 1, UNVERIFIED: 0 };

/** The sort value of a row for a key; null sorts last whatever the direction (unknown cost is not cheap). */
function sortValue(p: CredentialPoint, key: Exclude<SortKey, 'rank' | 'name'>): number | null {
  switch (key) {
    case 'credibility':
      return LEVEL_RANK[p.level];
    case 'cost':
      return p.free ? 0 : p.cost;
    case 'hours':
      return p.hours;
    case 'value':
      return p.value;
    case 'valuePerCost':
      // a free credential that covers demand is the best buy; free and covering nothing ranks with zero
      return p.free ? (p.value > 0 ? Number.POSITIVE_INFINITY : 0) : p.valuePerCost;
  }
}

/** Sorted copy: `rank` keeps the API's order (reversed when descending); ties keep the API's order. */
export function sortPoints(rows: readonly CredentialPoint[], key: SortKey, dir: SortDir): CredentialPoint[] {
  const indexed = rows.map((p, i) => ({ p, i }));
  const sign = dir === 'ascending' ? 1 : -1;
  indexed.sort((a, b) => {
    if (key === 'rank') return sign * (a.i - b.i);
    if (key === 'name') return sign * a.p.name.localeCompare(b.p.name) || a.i - b.i;
    const va = sortValue(a.p, key);
    const vb = sortValue(b.p, key);
    if (va === null || vb === null) return va === vb ? a.i - b.i : va === null ? 1 : -1;
    return va === vb ? a.i - b.i : sign * (va < vb ? -1 : 1);
  });
  return indexed.map((x) => x.p);
}

/** The direction a column sorts in when first picked (bigger is better for value and credibility). */
export function defaultDir(key: SortKey): SortDir {
  return key === 'value' || key === 'valuePerCost' || key === 'credibility' ? 'descending' : 'ascending';
}

export interface ComparisonState {
  readonly order: CredentialOrder;
  readonly filter: CredentialFilter;
  readonly scope: DemandScope;
}

export const ORDERS: readonly { readonly value: CredentialOrder; readonly text: string }[] = [
  { value: 'VALUE', text: 'Demand covered' },
  { value: 'VALUE_PER_COST', text: 'Demand covered per dollar' },
  { value: 'NAME', text: 'Name' },
];

/** A limit from an input: null when empty, 'invalid' when not a number ≥ 0. */
export function parseLimit(value: string | null): number | null | 'invalid' {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : 'invalid';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** URL params → state; a bad param is dropped (the view starts from "any"), never sent to the API. */
export function stateFromParams(params: URLSearchParams): ComparisonState {
  const order = ORDERS.some((o) => o.value === params.get('order')) ? (params.get('order') as CredentialOrder) : 'VALUE';
  const limit = (k: string): number | null => {
    const v = parseLimit(params.get(k));
    return v === 'invalid' ? null : v;
  };
  const date = (k: string): string | null => (DATE.test(params.get(k) ?? '') ? params.get(k) : null);
  return {
    order,
    filter: { skill: params.get('skill') || null, maxCost: limit('maxCost'), maxHours: limit('maxHours'), verifiedIssuer: params.get('verified') === '1' },
    scope: { from: date('from'), to: date('to'), occupationId: params.get('occupation') || null, organisationId: params.get('org') || null },
  };
}

/** State → URL params (defaults left out). */
export function paramsFromState(s: ComparisonState): Record<string, string | null> {
  return {
    order: s.order === 'VALUE' ? null : s.order,
    skill: s.filter.skill ?? null,
    maxCost: s.filter.maxCost === null || s.filter.maxCost === undefined ? null : String(s.filter.maxCost),
    maxHours: s.filter.maxHours === null || s.filter.maxHours === undefined ? null : String(s.filter.maxHours),
    verified: s.filter.verifiedIssuer ? '1' : null,
    ...scopeParams(s.scope),
  };
}

/** The demand scope as URL params (also carried by the links to a credential's report). */
export function scopeParams(scope: DemandScope): Record<string, string | null> {
  return { from: scope.from ?? null, to: scope.to ?? null, occupation: scope.occupationId ?? null, org: scope.organisationId ?? null };
}

/** The scope in words: "all postings you may see", or its period, occupation and organisation. */
export function scopeText(scope: DemandScope, occupationLabel?: string | null): string {
  const parts: string[] = [];
  if (scope.from || scope.to) parts.push(`dated ${scope.from ?? '…'} to ${scope.to ?? '…'}`);
  if (scope.occupationId) parts.push(`for ${occupationLabel || scope.occupationId}`);
  if (scope.organisationId) parts.push(`of ${scope.organisationId}`);
  return parts.length ? `postings ${parts.join(', ')}` : 'all postings you may see';
}

/** The holder count as released: its number and how it was released (exact, noised, suppressed). */
export function holdersText(h: { readonly count: number | null; readonly exact: boolean; readonly suppressed: boolean }): { readonly count: string; readonly release: string } {
  if (h.suppressed || h.count === null) return { count: 'suppressed', release: 'fewer holders than the privacy threshold' };
  return h.exact ? { count: String(Math.round(h.count)), release: 'exact' } : { count: `≈ ${Math.round(h.count)}`, release: 'noised (differential privacy)' };
}
