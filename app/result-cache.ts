/**
 * Results of read-only engine calls (a ranking page, a gap report) kept until the next write. Bounded:
 * past `max` entries the oldest is dropped. Every write to the services clears it.
 */
export class ResultCache {
  private readonly entries = new Map<string, unknown>();

  constructor(private readonly max = 1_000) {}

  get<T>(key: string, compute: () => T): T {
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
