/**
 * A fixed-window request counter per caller (API key id, or client address without a key).
 * In-process: each API replica limits on its own (documented in the README).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a request; returns the ms to wait when over the limit, else 0. */
  hit(caller: string, nowMs: number): number {
    const w = this.windows.get(caller);
    if (!w || nowMs - w.start >= this.windowMs) {
      this.windows.set(caller, { start: nowMs, count: 1 });
      if (this.windows.size > 10_000) this.sweep(nowMs);
      return 0;
    }
    w.count += 1;
    return w.count > this.limit ? w.start + this.windowMs - nowMs : 0;
  }

  private sweep(nowMs: number): void {
    for (const [k, w] of this.windows) if (nowMs - w.start >= this.windowMs) this.windows.delete(k);
  }
}
