import { systemClock } from '../../app/clock.ts';
import { UsageError } from './usage-error.ts';

/** `--as-of <date>`: the instant a reading command answers for (profiles, windows); default now. */
export function asOf(value: string | undefined): Date {
  if (value === undefined) return systemClock();
  const t = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(t)) throw new UsageError(`invalid --as-of: ${value} (expected an ISO 8601 date)`);
  return new Date(t);
}

export function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`invalid ${name}: ${value} (expected a whole number ≥ 1)`);
  return n;
}
