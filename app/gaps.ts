import { createGapAnalytics } from '../engine/analytics/gap-analytics.ts';
import type { GapDimension, GapRow, SkillTrend, TimeWindow, WhatIfResult } from '../engine/analytics/types.ts';
import { checkWindow, DEFAULT_WINDOW_MONTHS, resolveWindow } from '../engine/analytics/window.ts';
import { releaseGapRows, releaseWhatIf } from '../engine/privacy/release-gaps.ts';
import type { JobPosting } from '../taxonomy/model/types.ts';
import { requireRole } from './access.ts';
import { profileDay } from './clock.ts';
import { engineCall } from './engine-call.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';
import type { Principal } from './principal.ts';
import type { Workspace } from './workspace.ts';

/** The one default analytics window of the CLI and the API (the engine's): the last 12 whole months, this one included. */
export { DEFAULT_WINDOW_MONTHS };

export interface GapsInput {
  readonly by: GapDimension;
  /** Window start (ISO date, inclusive); default: `months` whole months before the end. */
  readonly from?: string | null;
  /** Window end (ISO date, exclusive); default: the first day of the month after `now` (`from` alone: the same). */
  readonly to?: string | null;
  /** Length of the default window in months (default DEFAULT_WINDOW_MONTHS, 12). */
  readonly months?: number;
  /** Suppress aggregates over fewer than k people (default: the engine's, 5); exact reports (admin) only. */
  readonly k?: number;
  /** Also: the same report if `people` more people held `credentialId`. */
  readonly whatIf?: { readonly credentialId: string; readonly people: number } | null;
}

/** A what-if as reported: `people` is the number of people moved (exact) or asked for (released). */
export type ReportedWhatIf = WhatIfResult & { readonly people: number };

export interface GapReport {
  readonly by: GapDimension;
  readonly window: TimeWindow;
  readonly rows: GapRow[];
  readonly trends: SkillTrend[];
  readonly whatIf: ReportedWhatIf | null;
  /** True when person counts were released under differential privacy (non-admin callers). */
  readonly private: boolean;
}

/**
 * The window of a gap report (`resolveWindow`): both bounds → as given; none → the `months` whole months
 * ending with `now`'s month; only `to` → the `months` whole months before it; only `from` → up to the end
 * of `now`'s month.
 */
export function gapWindow(now: Date, input: Pick<GapsInput, 'from' | 'to' | 'months'> = {}): TimeWindow {
  const window = engineCall(() => resolveWindow(now.toISOString(), { from: input.from ?? null, to: input.to ?? null, months: input.months ?? DEFAULT_WINDOW_MONTHS }), input.to ? 'to' : 'months');
  engineCall(() => checkWindow(window), input.from ? 'from' : 'to');
  return window;
}

/**
 * Skill gaps of the whole cohort against demand from postings in a window (aggregates only,
 * k-anonymous), the demand trends (postings only, not personal), and optionally a what-if. Admins,
 * planners and employers. Person counts released to planners and employers are differentially
 * private (`privateGaps`, `privateWhatIf`: noise keyed per release, a budget per key and period); an
 * admin key (a trusted operator) and the CLI (`localOperator`, which has the store anyway) get the
 * exact aggregates (docs/SECURITY.md).
 */
export async function gaps(ws: Workspace, principal: Principal | null, input: GapsInput, now: Date): Promise<GapReport> {
  const p = requireRole(principal, ['admin', 'planner', 'employer'], 'gap analytics');
  const window = gapWindow(now, input);
  const trends = ws.cached(['trends', window], () => engineCall(() => ws.analytics.trends({ postings: postingsOf(ws), window }), 'window'));
  if (p.role !== 'admin') {
    const rows = await privateGaps(ws, p, input.by, window, now);
    const whatIf = input.whatIf ? await privateWhatIf(ws, p, input.whatIf.credentialId, input.whatIf.people, input.by, window, now) : null;
    return { by: input.by, window, rows, trends, whatIf, private: true };
  }
  const analytics = input.k === undefined ? ws.analytics : createGapAnalytics(ws.scorer, { k: input.k });
  const day = now.toISOString().slice(0, 10);
  const rows = ws.cached(['gaps', input.by, window, input.k ?? null, day], () =>
    engineCall(() => analytics.gaps({ cohort: ws.cohort(now), postings: postingsOf(ws), window }, input.by), 'window'),
  );
  let whatIf: ReportedWhatIf | null = null;
  if (input.whatIf) {
    const { credentialId, people } = input.whatIf;
    const credential = ws.records.credentials.get(credentialId);
    if (!credential) throw new NotFoundError('Credential', credentialId);
    const exact = ws.cached(['whatIf', credentialId, people, input.by, window, input.k ?? null, day], () =>
      engineCall(() => analytics.whatIf({ cohort: ws.cohort(now), postings: postingsOf(ws), window, credential, count: people, by: input.by }), 'whatIf'),
    );
    whatIf = { ...exact, people: exact.chosen.length };
  }
  return { by: input.by, window, rows, trends, whatIf, private: false };
}

const postingsOf = (ws: Workspace): JobPosting[] => [...ws.records.postings.values()];

// ---- differentially private releases (engine/privacy, docs/SECURITY.md) ------------------------

/**
 * The canonical id of a release: what was asked, the process's nonce, the data version and the day
 * of the profiles it is computed on (fresh noise whenever the data can differ).
 */
export function releaseId(ws: Workspace, now: Date, parts: readonly (string | number)[]): string {
  return JSON.stringify([...parts, ws.privacy.nonce, ws.dataVersion, profileDay(now)]);
}

/** Charges a release to the caller's budget; ForbiddenError once it is spent for the period. */
export async function spend(ws: Workspace, principal: Principal, id: string, now: Date): Promise<void> {
  const budget = ws.privacy.budget;
  const c = await budget.spend(principal.keyId, id, now.getTime());
  if (!c.ok) throw new ForbiddenError(`privacy budget of this key is spent for the period (ρ ${c.spent.toFixed(3)} of ${budget.options.budget}); repeated queries stay free; it resets at ${new Date(c.resetsAt).toISOString()}`);
}

/** Exact counts (k = 1) for a release: never returned as they are. */
const rawAnalytics = (ws: Workspace) => createGapAnalytics(ws.scorer, { k: 1 });

/** The gap matrix as released: discrete Gaussian noise on every person count, k on the noisy counts. */
export async function privateGaps(ws: Workspace, principal: Principal, by: GapDimension, window: TimeWindow, now: Date): Promise<GapRow[]> {
  const prf = await ws.privacy.prf(); // before charging: no await between the last id check and the compute
  const ask = (): string => releaseId(ws, now, ['gaps', by, window.from, window.to]);
  let id = ask();
  await spend(ws, principal, id, now);
  // a change while charging makes it another release, charged in its turn
  while (id !== ask()) await spend(ws, principal, (id = ask()), now);
  return ws.cached(['dp-gaps', id], () => {
    const rows = engineCall(() => rawAnalytics(ws).gaps({ cohort: ws.cohort(now), postings: postingsOf(ws), window }, by), 'window');
    return releaseGapRows(rows, { prf, releaseId: id, rho: ws.privacy.rhoPerQuery, k: ws.analytics.options.k });
  });
}

/** A what-if on the noisy baseline (the released gap matrix of the same window), its change released with fresh noise. */
export async function privateWhatIf(ws: Workspace, principal: Principal, credentialId: string, count: number, by: GapDimension, window: TimeWindow, now: Date): Promise<ReportedWhatIf> {
  const ids = (): [string, string] => [releaseId(ws, now, ['gaps', by, window.from, window.to]), releaseId(ws, now, ['whatIf', by, window.from, window.to, credentialId, count])];
  if (!ws.records.credentials.has(credentialId)) throw new NotFoundError('Credential', credentialId);
  const prf = await ws.privacy.prf();
  let baselineId = '';
  let id = '';
  do {
    [baselineId, id] = ids();
    await spend(ws, principal, baselineId, now);
    await spend(ws, principal, id, now);
  } while (id !== ids()[1]);
  const credential = ws.records.credentials.get(credentialId);
  if (!credential) throw new NotFoundError('Credential', credentialId);
  const rho = ws.privacy.rhoPerQuery;
  return ws.cached(['dp-whatIf', id], () => {
    const raw = engineCall(() => rawAnalytics(ws).whatIf({ cohort: ws.cohort(now), postings: postingsOf(ws), window, credential, count, by }), 'whatIf');
    const released = releaseWhatIf(raw.before, raw.after, { prf, releaseId: id, rho, k: ws.analytics.options.k, baselineId, baselineRho: rho });
    return { credentialId, chosen: [], people: count, ...released };
  });
}
