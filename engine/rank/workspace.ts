/**
 * The ranking index's query workspace: one interleaved record per candidate — [key, cov, vcov, total] —
 * so a posting costs one cache line, not five scattered arrays; key = queryBase + requirement j, and
 * `queryBase` grows by 2^16 per query, so a key below it means "not touched yet in this query".
 * Shared by an index and every index derived from it by `withChanges` (queries are synchronous, so
 * only one uses it at a time and `queryBase` only grows), which keeps an update from allocating it again.
 */
export class Workspace {
  acc = new Float64Array(0);
  touched = new Int32Array(0);
  touchedAll = new Int32Array(0);
  queryBase = 0;

  /** Room for `n` candidates (grows by at least 1/8 so one-by-one inserts do not reallocate each time). */
  fit(n: number): void {
    if (this.touched.length >= n) return;
    const size = Math.max(n, Math.ceil(this.touched.length * 1.125));
    // fresh zero keys are below every queryBase a query uses (≥ 2^16): untouched
    this.acc = new Float64Array(4 * size);
    this.touched = new Int32Array(size);
    this.touchedAll = new Int32Array(size);
  }

  bytes(): number {
    return this.acc.byteLength + this.touched.byteLength + this.touchedAll.byteLength;
  }
}
