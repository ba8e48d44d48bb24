import type { Skill } from '../../taxonomy/model/types.ts';
import { TopK, type Scored } from '../embedding/top-k.ts';
import type { Embedder } from '../ports/embedder.ts';
import type { IndexSnapshot } from '../ports/index-snapshot.ts';
import { createJsRowScorer, type RowScorer, type TopRows } from '../embedding/row-scorer.ts';
import { memoTopRows } from '../embedding/top-rows-memo.ts';
import { boolean, integerIn } from '../../taxonomy/model/option-check.ts';
import { checkLinkingOption as check, linkingError } from './errors.ts';
import { labelRows, labelTexts, RowKind, type LabelRow } from './label-rows.ts';

export interface SkillIndexOptions {
  /** Add a `label. description` row per skill (default true). */
  readonly descriptions?: boolean;
  /** Add hidden labels (default true). */
  readonly hiddenLabels?: boolean;
  /** Progress callback while embedding (done, total texts). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Texts sent to the embedder per call (default 4,096). */
  readonly chunkSize?: number;
  /** Builds the scorer for many-query scoring (default: plain JS; the ORT adapter is ~100x faster). */
  readonly scorer?: RowScorerFactory;
  /** Reads the whole label matrix from one snapshot when one matches the rows (warm start), and writes it after embedding (default none). */
  readonly snapshot?: IndexSnapshot;
}

export type RowScorerFactory = (matrix: Float32Array, rows: number, dim: number) => Promise<RowScorer>;

/**
 * Embeddings of every skill's labels in one contiguous Float32Array (rows × dim) with a row → skill
 * map. Rows of one skill are contiguous: `skillStart[s] .. skillStart[s+1]`.
 */
export interface SkillIndex {
  readonly modelId: string;
  readonly skills: readonly Skill[];
  readonly dim: number;
  readonly rows: number;
  readonly matrix: Float32Array;
  readonly rowSkill: Int32Array;
  readonly rowKind: Uint8Array;
  readonly rowText: readonly string[];
  readonly skillStart: Int32Array;
  /** Per skill, the max cosine over its rows of kinds in `kinds` (default all). Writes into `out`. */
  skillScores(query: Float32Array, out?: Float32Array, kinds?: ReadonlySet<RowKind>): Float32Array;
  /** Per-skill max cosine for several queries at once (one matrix product through the row scorer). */
  skillScoresBatch(queries: readonly Float32Array[], kinds?: ReadonlySet<RowKind>): Promise<Float32Array[]>;
  /** Raw cosine of each query to every row (q × rows, query-major), through the row scorer. */
  rowScores(queries: readonly Float32Array[]): Promise<Float32Array>;
  /** Cosines of each query to the rows `rowIds` only: rowIds.length × q, row-major (candidate search). */
  scoreRows(queries: readonly Float32Array[], rowIds: Int32Array): Promise<Float32Array>;
  /** One pass over `scores[offset .. offset + rows)`: per-skill max over label rows into `label`, over description rows into `described` (-1 = none). */
  maxPerSkillSplit(scores: Float32Array, offset: number, label: Float32Array, described: Float32Array): void;
  /** Per-skill max over rows of `kinds` of row scores `scores[offset .. offset + rows)`, into `out`. */
  maxPerSkill(scores: Float32Array, offset: number, kinds: ReadonlySet<RowKind> | undefined, out: Float32Array): Float32Array;
  /** The k best rows of each query (the product stays in the scorer; only q × k leaves it). */
  topRowsBatch(queries: readonly Float32Array[], k: number): Promise<TopRows>;
  /** The k best skills of each query by cosine to their PREFERRED label only (`rows` holds skill indices). */
  topPreferred(queries: readonly Float32Array[], k: number): Promise<TopRows>;
  /** Releases the row scorers. */
  dispose(): Promise<void>;
  /** Exact top-k rows for a query (bounded heap, no full sort). */
  topRows(query: Float32Array, k: number): Scored[];
  /** Exact top-k skills by max over their rows. */
  topSkills(query: Float32Array, k: number): Scored[];
}

/** Kinds as a lookup table by kind number (cheaper than Set.has in the hot loop). */
function kindMask(kinds: ReadonlySet<RowKind>): Uint8Array {
  const m = new Uint8Array(8);
  for (const k of kinds) m[k] = 1;
  return m;
}

/** Builds the index: embeds all label rows through `embedder` (wrap it in a cached embedder to embed once). */
export async function buildSkillIndex(skills: readonly Skill[], embedder: Embedder, opts: SkillIndexOptions = {}): Promise<SkillIndex> {
  const descriptions = check('descriptions', opts.descriptions ?? true, boolean);
  const hiddenLabels = check('hiddenLabels', opts.hiddenLabels ?? true, boolean);
  const chunkSize = check('chunkSize', opts.chunkSize ?? 4096, integerIn(1));
  if (skills.length === 0) throw linkingError('EMPTY_TAXONOMY', {});
  const rows = labelRows(skills, { descriptions, hiddenLabels });
  const dim = embedder.dimensions;
  const texts = opts.snapshot ? labelTexts(rows) : [];
  let matrix = opts.snapshot ? await opts.snapshot.load(embedder.modelId, texts, dim) : null;
  if (matrix) opts.onProgress?.(rows.length, rows.length);
  else {
    matrix = new Float32Array(rows.length * dim);
    for (let i = 0; i < rows.length; i += chunkSize) {
      const vectors = await embedder.embed(rows.slice(i, i + chunkSize).map((r) => r.text));
      vectors.forEach((v, j) => matrix!.set(v, (i + j) * dim));
      opts.onProgress?.(Math.min(rows.length, i + chunkSize), rows.length);
    }
    await opts.snapshot?.save(embedder.modelId, texts, matrix);
  }
  const factory: RowScorerFactory = opts.scorer ?? (async (m, r, d) => createJsRowScorer(m, r, d));
  const scorer = await factory(matrix, rows.length, dim);
  const pref = preferredMatrix(rows, matrix, dim, skills.length);
  return fromRows(embedder.modelId, skills, rows, matrix, dim, scorer, await factory(pref, skills.length, dim));
}

/** One row per skill: its preferred label's vector (zeros for a skill without one), in skill order. */
function preferredMatrix(rows: readonly LabelRow[], matrix: Float32Array, dim: number, nSkills: number): Float32Array {
  const out = new Float32Array(nSkills * dim);
  rows.forEach((r, i) => {
    if (r.kind === RowKind.Preferred) out.set(matrix.subarray(i * dim, (i + 1) * dim), r.skill * dim);
  });
  return out;
}

/** Assembles an index from rows and their vectors (rows must be grouped by skill, in skill order). */
export function fromRows(
  modelId: string,
  skills: readonly Skill[],
  rows: readonly LabelRow[],
  matrix: Float32Array,
  dim: number,
  scorer: RowScorer = createJsRowScorer(matrix, rows.length, dim),
  preferred: RowScorer = createJsRowScorer(preferredMatrix(rows, matrix, dim, skills.length), skills.length, dim),
): SkillIndex {
  const n = rows.length;
  const rowSkill = new Int32Array(n);
  const rowKind = new Uint8Array(n);
  const skillStart = new Int32Array(skills.length + 1);
  rows.forEach((r, i) => {
    rowSkill[i] = r.skill;
    rowKind[i] = r.kind;
  });
  let s = 0;
  for (let i = 0; i < n; i++) while (s <= rowSkill[i]!) skillStart[s++] = i;
  while (s <= skills.length) skillStart[s++] = n;
  const rowText = rows.map((r) => r.text);

  function rowScores(query: Float32Array, kinds: ReadonlySet<RowKind> | undefined, visit: (row: number, score: number) => void): void {
    for (let r = 0; r < n; r++) {
      if (kinds && !kinds.has(rowKind[r] as RowKind)) continue;
      const off = r * dim;
      let acc = 0;
      for (let i = 0; i < dim; i++) acc += query[i]! * matrix[off + i]!;
      visit(r, acc);
    }
  }

  function pack(queries: readonly Float32Array[]): Float32Array {
    const packed = new Float32Array(queries.length * dim);
    queries.forEach((v, j) => packed.set(v.subarray(0, dim), j * dim));
    return packed;
  }

  // Bulk linking asks the same segment and phrase vectors again and again: answered from memory (exact).
  const topRowsBatch = memoTopRows((queries, k) => scorer.topRows(pack(queries), queries.length, k));
  const topPreferred = memoTopRows((queries, k) => preferred.topRows(pack(queries), queries.length, k));

  const index: SkillIndex = {
    modelId,
    skills,
    dim,
    rows: n,
    matrix,
    rowSkill,
    rowKind,
    rowText,
    skillStart,
    skillScores(query, out = new Float32Array(skills.length), kinds) {
      out.fill(-1);
      rowScores(query, kinds, (r, score) => {
        const sk = rowSkill[r]!;
        if (score > out[sk]!) out[sk] = score;
      });
      return out;
    },
    async rowScores(queries) {
      const q = queries.length;
      const packed = new Float32Array(q * dim);
      queries.forEach((v, j) => packed.set(v.subarray(0, dim), j * dim));
      return scorer.score(packed, q);
    },
    async scoreRows(queries, rowIds) {
      const q = queries.length;
      const packed = new Float32Array(q * dim);
      queries.forEach((v, j) => packed.set(v.subarray(0, dim), j * dim));
      return scorer.scoreRows(packed, q, rowIds);
    },
    maxPerSkillSplit(scores, offset, label, described) {
      label.fill(-1);
      described.fill(-1);
      for (let r = 0; r < n; r++) {
        const v = scores[offset + r]!;
        const sk = rowSkill[r]!;
        const out = rowKind[r] === RowKind.Described ? described : label;
        if (v > out[sk]!) out[sk] = v;
      }
    },
    maxPerSkill(scores, offset, kinds, out) {
      out.fill(-1);
      const mask = kinds ? kindMask(kinds) : null;
      for (let r = 0; r < n; r++) {
        if (mask && mask[rowKind[r]!] === 0) continue;
        const v = scores[offset + r]!;
        const sk = rowSkill[r]!;
        if (v > out[sk]!) out[sk] = v;
      }
      return out;
    },
    async skillScoresBatch(queries, kinds) {
      const scores = await index.rowScores(queries);
      return queries.map((_, j) => index.maxPerSkill(scores, j * n, kinds, new Float32Array(skills.length)));
    },
    topRowsBatch,
    topPreferred,
    async dispose() {
      await scorer.dispose();
      await preferred.dispose();
    },
    topRows(query, k) {
      const heap = new TopK(k);
      rowScores(query, undefined, (r, score) => {
        if (score > heap.threshold) heap.push(r, score);
      });
      return heap.sorted();
    },
    topSkills(query, k) {
      const per = index.skillScores(query);
      const heap = new TopK(k);
      for (let i = 0; i < per.length; i++) if (per[i]! > heap.threshold) heap.push(i, per[i]!);
      return heap.sorted();
    },
  };
  return index;
}

export { RowKind };
