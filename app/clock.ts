/**
 * The one source of "now" of the running application, injected into every use-case (STYLE.md §2):
 * adapters read it once per request or command and pass the instant down. Tests pass a fixed clock.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock stopped at `iso` (tests, `--as-of`). */
export function fixedClock(iso: string): Clock {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`invalid instant: ${iso}`);
  return () => new Date(t);
}

/**
 * The instant profiles are built at: the start of `now`'s UTC day. Recency counts days anyway, and
 * one instant per day keeps scores (hence ranking cursors) stable between calls and equal between
 * the API and the CLI on the same day.
 */
export function profileDay(now: Date): string {
  return `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;
}
