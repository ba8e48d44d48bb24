/**
 * Job-title normalisation as a product feature (`skillgraph title`, GraphQL `normalizeTitle`, occupation
 * inference for postings imported without `occupationalCategory`): a free-text title → the occupations
 * of the store (ESCO, O*NET) best first, each with a confidence. The ranking is the one `eval titles`
 * measures on the JobBERT dev set: the title's embedding against every occupation's preferred and
 * alternative labels (O*NET alternate titles included), per occupation the max cosine.
 *
 * Confidence: a softmax over the cosines of the `pool` best occupations at temperature `temperature`
 * (default 0.03), i.e. the share of the plausible candidates this one takes — high when one occupation
 * stands out, low when several labels fit equally well ("manager"). It is reported beside the raw cosine.
 */
import type { Occupation } from '../../taxonomy/model/types.ts';
import type { Embedder } from '../ports/embedder.ts';
import { invalidOption } from './errors.ts';
import { RowKind } from './label-rows.ts';
import { buildOccupationIndex } from './occupation-index.ts';
import type { RowScorerFactory, SkillIndex } from './skill-index.ts';

export interface TitleMatch {
  readonly occupationId: string;
  readonly label: string;
  readonly source: string;
  readonly code: string;
  /** Max cosine of the title to the occupation's labels. */
  readonly similarity: number;
  /** Softmax share among the best `pool` occupations (see the file comment). */
  readonly confidence: number;
}

export interface TitleNormalizerOptions {
  readonly occupations: readonly Occupation[];
  readonly embedder: Embedder;
  readonly scorer?: RowScorerFactory;
  readonly onProgress?: (done: number, total: number) => void;
  /** Softmax temperature over cosines (default 0.03). */
  readonly temperature?: number;
  /** Occupations the confidence is shared among (default 10). */
  readonly pool?: number;
}

export interface TitleNormalizer {
  /** The `k` best occupations of each title, in input order (ties by occupation id). */
  normalize(titles: readonly string[], k: number): Promise<TitleMatch[][]>;
  /** Every occupation id ranked for each title (the evaluation's input). */
  rankAll(titles: readonly string[]): Promise<string[][]>;
  dispose(): Promise<void>;
}

const KINDS = new Set<RowKind>([RowKind.Preferred, RowKind.Alternative]);
const BATCH = 64;

export async function createTitleNormalizer(opts: TitleNormalizerOptions): Promise<TitleNormalizer> {
  const temperature = opts.temperature ?? 0.03;
  const pool = opts.pool ?? 10;
  if (!(temperature > 0)) throw invalidOption('temperature', temperature, 'a number > 0');
  if (!Number.isInteger(pool) || pool < 1) throw invalidOption('pool', pool, 'an integer >= 1');
  const index: SkillIndex = await buildOccupationIndex(opts.occupations, opts.embedder, {
    ...(opts.scorer ? { scorer: opts.scorer } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  return titleNormalizerOver(index, opts.occupations, opts.embedder, { temperature, pool });
}

/** A normaliser over an occupation index built by the caller (`buildOccupationIndex`); `dispose` releases it. */
export function titleNormalizerOver(index: SkillIndex, occupations: readonly Occupation[], embedder: Embedder, opts: { temperature?: number; pool?: number } = {}): TitleNormalizer {
  const temperature = opts.temperature ?? 0.03;
  const pool = opts.pool ?? 10;
  const occ = index.skills;
  const byId = new Map(occupations.map((o) => [o.id, o] as const));

  const scores = async (titles: readonly string[]): Promise<Float32Array[]> => {
    const vectors = await embedder.embed(titles.map((t) => t.trim()));
    const out: Float32Array[] = [];
    for (let i = 0; i < vectors.length; i += BATCH) out.push(...(await index.skillScoresBatch(vectors.slice(i, i + BATCH), KINDS)));
    return out;
  };
  const order = (s: Float32Array): number[] => Array.from(s.keys()).sort((a, b) => s[b]! - s[a]! || (occ[a]!.id < occ[b]!.id ? -1 : 1));
  /** The first n of `order(s)` without sorting them all: only the occupations scoring at least the n-th best score are sorted. */
  const first = (s: Float32Array, n: number): number[] => {
    if (n >= s.length) return order(s);
    const at = Float32Array.from(s).sort()[s.length - n]!;
    const keep: number[] = [];
    for (let i = 0; i < s.length; i++) if (s[i]! >= at) keep.push(i);
    return keep.sort((a, b) => s[b]! - s[a]! || (occ[a]!.id < occ[b]!.id ? -1 : 1)).slice(0, n);
  };

  return {
    async normalize(titles, k) {
      if (titles.length === 0) return [];
      return (await scores(titles)).map((s) => {
        const top = first(s, Math.max(k, pool));
        const best = s[top[0]!]!;
        const weights = top.slice(0, pool).map((i) => Math.exp((s[i]! - best) / temperature));
        const total = weights.reduce((a, b) => a + b, 0);
        return top.slice(0, k).map((i, j) => {
          const o = byId.get(occ[i]!.id)!;
          return { occupationId: o.id, label: o.preferredLabel.trim(), source: o.source, code: o.code, similarity: s[i]!, confidence: j < pool ? weights[j]! / total : 0 };
        });
      });
    },
    async rankAll(titles) {
      return (await scores(titles)).map((s) => order(s).map((i) => occ[i]!.id));
    },
    dispose: () => index.dispose(),
  };
}
