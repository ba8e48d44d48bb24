/**
 * Exact top-k selection with a bounded min-heap: O(n log k), no full sort. Ties break on the smaller
 * index (deterministic).
 */
export interface Scored {
  readonly index: number;
  readonly score: number;
}

/** True when (sa, ia) ranks below (sb, ib): lower score, or equal score and larger index. */
function worse(sa: number, ia: number, sb: number, ib: number): boolean {
  return sa < sb || (sa === sb && ia > ib);
}

export class TopK {
  private readonly scores: Float64Array;
  private readonly ids: Int32Array;
  private n = 0;

  constructor(readonly k: number) {
    this.scores = new Float64Array(Math.max(0, k));
    this.ids = new Int32Array(Math.max(0, k));
  }

  get size(): number {
    return this.n;
  }

  /** Lowest score kept so far (-Infinity until the heap is full): cheap pre-filter for callers. */
  get threshold(): number {
    return this.n < this.k ? -Infinity : this.scores[0]!;
  }

  /** Would (index, score) enter the heap? A cheap pre-check that also honours the index tie-break. */
  admits(index: number, score: number): boolean {
    return this.k > 0 && (this.n < this.k || worse(this.scores[0]!, this.ids[0]!, score, index));
  }

  push(index: number, score: number): void {
    if (this.k <= 0 || Number.isNaN(score)) return;
    const { scores, ids } = this;
    if (this.n < this.k) {
      let i = this.n++;
      scores[i] = score;
      ids[i] = index;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(scores[i]!, ids[i]!, scores[p]!, ids[p]!)) break;
        this.swap(i, p);
        i = p;
      }
      return;
    }
    if (!worse(scores[0]!, ids[0]!, score, index)) return;
    scores[0] = score;
    ids[0] = index;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.n && worse(scores[l]!, ids[l]!, scores[m]!, ids[m]!)) m = l;
      if (r < this.n && worse(scores[r]!, ids[r]!, scores[m]!, ids[m]!)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  /** The kept items, best first. */
  sorted(): Scored[] {
    const out: Scored[] = [];
    for (let i = 0; i < this.n; i++) out.push({ index: this.ids[i]!, score: this.scores[i]! });
    return out.sort((a, b) => b.score - a.score || a.index - b.index);
  }

  private swap(a: number, b: number): void {
    const s = this.scores[a]!;
    this.scores[a] = this.scores[b]!;
    this.scores[b] = s;
    const t = this.ids[a]!;
    this.ids[a] = this.ids[b]!;
    this.ids[b] = t;
  }
}

/** Top k indices of `scores` (best first). */
export function topK(scores: ArrayLike<number>, k: number): Scored[] {
  const heap = new TopK(k);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (s > heap.threshold || heap.size < k) heap.push(i, s);
  }
  return heap.sorted();
}
