import { analyticsError } from './errors.ts';
import type { TimeWindow } from './types.ts';

const DATE = /^\d{4}-\d{2}-\d{2}/;

/** The one default analytics window of the CLI and the API: the last 12 whole months (this one included). */
export const DEFAULT_WINDOW_MONTHS = 12;

/** The `months` whole months ending with the month of `now` (ISO), as [from, to). */
export function windowEndingAt(now: string, months = DEFAULT_WINDOW_MONTHS): TimeWindow {
  if (!DATE.test(now)) throw analyticsError('INVALID_WINDOW', { field: 'now', value: now, reason: 'expected an ISO date' }, 'now');
  const y = Number(now.slice(0, 4));
  const m = Number(now.slice(5, 7)) - 1;
  const end = new Date(Date.UTC(y, m + 1, 1));
  const start = new Date(Date.UTC(y, m + 1 - months, 1));
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}

/**
 * A window from optional bounds: both given → as given; none → `windowEndingAt(now, months)`; only `to`
 * → the `months` whole months before it; only `from` → up to the end of the month of `now`.
 */
export function resolveWindow(now: string, bounds: { readonly from?: string | null; readonly to?: string | null; readonly months?: number } = {}): TimeWindow {
  const months = bounds.months ?? DEFAULT_WINDOW_MONTHS;
  const base = windowEndingAt(bounds.to ?? now, months);
  if (bounds.to) {
    const to = bounds.to;
    const y = Number(to.slice(0, 4));
    const m = Number(to.slice(5, 7)) - 1;
    return { from: bounds.from ?? new Date(Date.UTC(y, m - months, 1)).toISOString().slice(0, 10), to };
  }
  return { from: bounds.from ?? base.from, to: base.to };
}

export function checkWindow(w: TimeWindow): void {
  if (!w || !DATE.test(w.from) || !DATE.test(w.to) || w.from >= w.to) {
    throw analyticsError('INVALID_WINDOW', { field: 'window', value: JSON.stringify(w), reason: 'expected ISO dates with from < to' }, 'window');
  }
}

export function inWindow(date: string, w: TimeWindow): boolean {
  const d = date.slice(0, 10);
  return d >= w.from.slice(0, 10) && d < w.to.slice(0, 10);
}

/** Every 'YYYY-MM' the window touches, in order. */
export function monthsOf(w: TimeWindow): string[] {
  const out: string[] = [];
  let y = Number(w.from.slice(0, 4));
  let m = Number(w.from.slice(5, 7));
  const last = w.to.slice(0, 7);
  const lastIncluded = w.to.slice(8, 10) === '01' ? null : last;
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last || (key === last && lastIncluded === null)) break;
    out.push(key);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
