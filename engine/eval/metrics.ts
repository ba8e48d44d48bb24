/**
 * Ranking metrics over one query: `ranked` is the system's ranking (ids, best first), `relevant` the
 * gold set. Each returns a value in [0, 1]; averaging over queries is the caller's (see `mean`).
 */

/** R-Precision@k: relevant items in the top k, divided by min(k, |relevant|) (Decorte et al.). */
export function rPrecisionAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i]!)) hits++;
  return hits / Math.min(k, relevant.size);
}

/** Reciprocal rank of the first relevant item (0 when none is ranked), as WorkRB's MRR. */
export function reciprocalRank(ranked: readonly string[], relevant: ReadonlySet<string>): number {
  for (let i = 0; i < ranked.length; i++) if (relevant.has(ranked[i]!)) return 1 / (i + 1);
  return 0;
}

/** 1 when any relevant item is in the top k, else 0 (accuracy@k / top-k hit). */
export function accuracyAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i]!)) return 1;
  return 0;
}

/** Mean of per-query reciprocal ranks. */
export function mrr(queries: readonly { readonly ranked: readonly string[]; readonly relevant: ReadonlySet<string> }[]): number {
  return mean(queries.map((q) => reciprocalRank(q.ranked, q.relevant)));
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
