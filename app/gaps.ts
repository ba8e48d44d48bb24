import { createGapAnalytics } from '../engine/analytics/gap-analytics.ts';
import type { GapDimension, GapRow, SkillTrend, TimeWindow, WhatIfResult } from '../engine/analytics/types.ts';
import { checkWindow, DEFAULT_WINDOW_MONTHS, resolveWindow } from '../engine/analytics/window.ts';
import { requireRole } from './access.ts';
import { engineCall } from './engine-call.ts';
import { NotFoundError } from './errors.ts';
import type { JobPosting } from '../taxonomy/model/types.ts';
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
  /** Suppress aggregates over fewer than k people (default: the engine's, 5). */
  readonly k?: number;
  /** Also: the same report if `people` more people held `credentialId`. */
  readonly whatIf?: { readonly credentialId: string; readonly people: number } | null;
}

export interface GapReport {
  readonly by: GapDimension;
  readonly window: TimeWindow;
  readonly rows: GapRow[];
  readonly trends: SkillTrend[];
  readonly whatIf: WhatIfResult | null;
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
 * k-anonymous), the demand trends, and optionally a what-if. Admins, planners and employers.
 */
export function gaps(ws: Workspace, principal: Principal | null, input: GapsInput, now: Date): GapReport {
  requireRole(principal, ['admin', 'planner', 'employer'], 'gap analytics');
  const window = gapWindow(now, input);
  const analytics = input.k === undefined ? ws.analytics : createGapAnalytics(ws.scorer, { k: input.k });
  const day = now.toISOString().slice(0, 10);
  const postings = (): JobPosting[] => [...ws.records.postings.values()];
  const rows = ws.cached(['gaps', input.by, window, input.k ?? null, day], () =>
    engineCall(() => analytics.gaps({ cohort: ws.cohort(now), postings: postings(), window }, input.by), 'window'),
  );
  const trends = ws.cached(['trends', window], () => engineCall(() => analytics.trends({ postings: postings(), window }), 'window'));
  let whatIf: WhatIfResult | null = null;
  if (input.whatIf) {
    const { credentialId, people } = input.whatIf;
    const credential = ws.records.credentials.get(credentialId);
    if (!credential) throw new NotFoundError('Credential', credentialId);
    whatIf = ws.cached(['whatIf', credentialId, people, input.by, window, input.k ?? null, day], () =>
      engineCall(() => analytics.whatIf({ cohort: ws.cohort(now), postings: postings(), window, credential, count: people, by: input.by }), 'whatIf'),
    );
  }
  return { by: input.by, window, rows, trends, whatIf };
}
