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

/**
 * The address a request counts against when it has no API key: the socket's peer address; the
 * `X-Forwarded-For` chain only when the peer is a configured trusted proxy, and then the right-most
 * address that is not itself a trusted proxy (the left part of the header is what the client wrote).
 */
export function clientAddress(peer: string | null | undefined, forwardedFor: string | null, trustedProxies: ReadonlySet<string>): string {
  const socket = normaliseAddress(peer ?? '') || 'unknown';
  if (!forwardedFor || !trustedProxies.has(socket)) return socket;
  const hops = forwardedFor.split(',').map((h) => normaliseAddress(h.trim())).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trustedProxies.has(hops[i]!)) return hops[i]!;
  return hops[0] ?? socket;
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are one address. */
function normaliseAddress(a: string): string {
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

/** Trusted proxies from a comma-separated list (`$SKILLGRAPH_TRUSTED_PROXIES`). */
export function parseTrustedProxies(list: string | undefined): Set<string> {
  return new Set((list ?? '').split(',').map((s) => normaliseAddress(s.trim())).filter(Boolean));
}
