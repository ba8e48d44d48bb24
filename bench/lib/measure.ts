import { collectGarbage, startPeakMeter } from './peak-memory.ts';

export interface Measurement<T> {
  readonly value: T;
  /** Wall time in milliseconds. */
  readonly ms: number;
  /** Peak RSS in bytes during the call. */
  readonly peakRss: number;
  /** RSS in bytes when the call started (after the GC). */
  readonly startRss: number;
}

/** Times one call (wall clock) and its peak RSS, after a GC. */
export async function measure<T>(fn: () => Promise<T> | T): Promise<Measurement<T>> {
  collectGarbage();
  const startRss = process.memoryUsage().rss;
  const meter = startPeakMeter();
  const start = performance.now();
  const value = await fn();
  const ms = performance.now() - start;
  return { value, ms, peakRss: meter.stop(), startRss };
}

/** The median of a non-empty list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
