import type { Skill } from '../../taxonomy/model/types.ts';
import { evalError } from './errors.ts';
import { mean, reciprocalRank, rPrecisionAtK } from './metrics.ts';

/** One benchmark row (Decorte format: `sentence,span,sub_span,label` or `sentence,label`). */
export interface LinkingRow {
  readonly sentence: string;
  readonly label: string;
}

/** Labels that are not targets. */
export const NON_TARGET_LABELS: ReadonlySet<string> = new Set(['LABEL NOT PRESENT', 'UNDERSPECIFIED']);

export interface LinkingQuery {
  readonly sentence: string;
  /** Gold skill ids. */
  readonly relevant: ReadonlySet<string>;
}

/**
 * One query per distinct sentence; relevant = its distinct labels other than LABEL NOT PRESENT and
 * UNDERSPECIFIED, matched VERBATIM against skill preferred labels (padding included). Sentences
 * with no target label are dropped. An unknown label is an error (UNKNOWN_LABEL).
 */
export function linkingQueries(rows: readonly LinkingRow[], skills: readonly Skill[]): LinkingQuery[] {
  const byLabel = new Map<string, string>();
  for (const s of skills) if (!byLabel.has(s.preferredLabel)) byLabel.set(s.preferredLabel, s.id);
  const bySentence = new Map<string, Set<string>>();
  rows.forEach((r, i) => {
    if (typeof r.sentence !== 'string' || typeof r.label !== 'string') throw evalError('INVALID_ROW', { row: i + 1, problem: 'needs sentence and label' }, `rows[${i}]`);
    let set = bySentence.get(r.sentence);
    if (!set) bySentence.set(r.sentence, (set = new Set()));
    if (NON_TARGET_LABELS.has(r.label)) return;
    const id = byLabel.get(r.label);
    if (!id) throw evalError('UNKNOWN_LABEL', { row: i + 1, label: JSON.stringify(r.label) }, `rows[${i}].label`);
    set.add(id);
  });
  return [...bySentence].filter(([, rel]) => rel.size > 0).map(([sentence, relevant]) => ({ sentence, relevant }));
}

export interface LinkingMetrics {
  readonly queries: number;
  readonly pairs: number;
  readonly rp1: number;
  readonly rp5: number;
  readonly rp10: number;
  readonly mrr: number;
}

/** A ranker: all skill ids for a sentence, best first (as `Linker.rankSkills`). */
export type SkillRanker = (sentence: string) => Promise<readonly string[]>;

/** Runs a ranker over the benchmark and averages R-Precision@1/5/10 and MRR over queries. */
export async function evalLinking(rows: readonly LinkingRow[], skills: readonly Skill[], rank: SkillRanker): Promise<LinkingMetrics> {
  const queries = linkingQueries(rows, skills);
  if (queries.length === 0) throw evalError('EMPTY_BENCHMARK', { reason: 'the benchmark has no sentence with a target label' });
  const rp1: number[] = [];
  const rp5: number[] = [];
  const rp10: number[] = [];
  const rr: number[] = [];
  for (const q of queries) {
    const ranked = await rank(q.sentence);
    rp1.push(rPrecisionAtK(ranked, q.relevant, 1));
    rp5.push(rPrecisionAtK(ranked, q.relevant, 5));
    rp10.push(rPrecisionAtK(ranked, q.relevant, 10));
    rr.push(reciprocalRank(ranked, q.relevant));
  }
  return {
    queries: queries.length,
    pairs: queries.reduce((n, q) => n + q.relevant.size, 0),
    rp1: mean(rp1),
    rp5: mean(rp5),
    rp10: mean(rp10),
    mrr: mean(rr),
  };
}
