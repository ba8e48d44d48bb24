import { evalError } from './errors.ts';
import { accuracyAtK, mean, reciprocalRank } from './metrics.ts';

/** One JobBERT row: a vacancy title and its gold occupation id (ESCO concept URI). */
export interface TitleRow {
  readonly title: string;
  readonly occupationId: string;
}

/** Rankings of occupation ids (best first), one per title, in input order. */
export type OccupationRanker = (titles: readonly string[]) => Promise<readonly (readonly string[])[]>;

export interface TitleMetrics {
  readonly queries: number;
  readonly mrr: number;
  readonly top1: number;
  readonly top5: number;
  /** Rows whose gold occupation is not in the taxonomy (skipped). */
  readonly skipped: number;
}

/** Title → occupation: MRR and top-1 / top-5 accuracy over every row whose gold id is known. */
export async function evalTitles(rows: readonly TitleRow[], knownOccupations: ReadonlySet<string>, rank: OccupationRanker, batch = 512): Promise<TitleMetrics> {
  const kept = rows.filter((r) => knownOccupations.has(r.occupationId));
  if (kept.length === 0) throw evalError('EMPTY_BENCHMARK', { reason: 'no title row has a gold occupation in the taxonomy' });
  const rr: number[] = [];
  const t1: number[] = [];
  const t5: number[] = [];
  for (let i = 0; i < kept.length; i += batch) {
    const chunk = kept.slice(i, i + batch);
    const ranked = await rank(chunk.map((r) => r.title));
    chunk.forEach((r, j) => {
      const rel = new Set([r.occupationId]);
      rr.push(reciprocalRank(ranked[j]!, rel));
      t1.push(accuracyAtK(ranked[j]!, rel, 1));
      t5.push(accuracyAtK(ranked[j]!, rel, 5));
    });
  }
  return { queries: kept.length, mrr: mean(rr), top1: mean(t1), top5: mean(t5), skipped: rows.length - kept.length };
}
