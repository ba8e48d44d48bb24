/**
 * Results of read-only engine calls (a ranking page, a gap report) kept until the next write. Bounded
 * in entries and in approximate bytes (issue 17: one request must not pin hundreds of MB): past either
 * bound the oldest entries go; a single result larger than a quarter of the byte bound is returned
 * but not kept. Every write to the services clears it.
 */
/** Default byte bound of a result cache (api/limits.ts states it as the API's limit). */
export const RESULT_CACHE_BYTES = 64 * 2 ** 20;

export class ResultCache {
  private readonly entries = new Map<string, { value: unknown; bytes: number }>();
  private bytes = 0;

  constructor(
    private readonly max = 1_000,
    private readonly maxBytes = RESULT_CACHE_BYTES,
  ) {}

  get<T>(key: string, compute: () => T): T {
    const hit = this.entries.get(key);
    if (hit) return hit.value as T;
    const value = compute();
    const bytes = approxBytes(value) + key.length * 2;
    if (bytes > this.maxBytes / 4) return value;
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    while (this.entries.size > this.max || this.bytes > this.maxBytes) {
      const [oldest, e] = this.entries.entries().next().value as [string, { bytes: number }];
      this.entries.delete(oldest);
      this.bytes -= e.bytes;
    }
    return value;
  }

  /** Approximate bytes held (tests, diagnostics). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

/**
 * Approximate heap bytes of a result: strings 2 per character, numbers 8, objects 16 + their fields;
 * arrays, maps and sets longer than 16 are estimated from 16 evenly spaced samples. Depth-limited, so
 * the cost is bounded whatever the value.
 */
export function approxBytes(v: unknown, depth = 0): number {
  if (typeof v === 'string') return 16 + 2 * v.length;
  if (typeof v !== 'object' || v === null) return 8;
  if (depth > 8) return 64;
  const sampled = (items: readonly unknown[], n: number): number => {
    if (n === 0) return 0;
    const step = Math.max(1, Math.floor(n / 16));
    let sum = 0;
    let k = 0;
    for (let i = 0; i < n && k < 16; i += step, k++) sum += approxBytes(items[i], depth + 1);
    return (sum / k) * n;
  };
  if (Array.isArray(v)) return 16 + 8 * v.length + sampled(v, v.length);
  if (ArrayBuffer.isView(v)) return v.byteLength;
  if (v instanceof Map || v instanceof Set) {
    const first: unknown[] = [];
    for (const x of v instanceof Map ? v.entries() : v.values()) if (first.push(x) >= 16) break;
    return 32 + (first.length === 0 ? 0 : (first.reduce<number>((s, x) => s + approxBytes(x, depth + 1), 0) / first.length) * v.size);
  }
  let sum = 16;
  for (const [k, x] of Object.entries(v)) sum += 8 + k.length + approxBytes(x, depth + 1);
  return sum;
}
