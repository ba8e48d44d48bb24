import { TopK } from '../embedding/top-k.ts';
import { charNgrams } from './char-ngrams.ts';

/**
 * Character 3–5-gram TF-IDF over label texts with an inverted index (CSR postings), for lexical
 * cosine similarity of a query against every label. Sublinear tf, smooth idf, L2-normalised rows.
 */
export interface TfidfIndex {
  readonly rows: number;
  /** Cosine of `text` against every row, written into `out` (length rows). */
  scores(text: string, out?: Float32Array): Float32Array;
  /** Cosine of `text` against the rows `rowIds` only (forward index; cost ∝ their grams), into `out[i]`. */
  scoresFor(text: string, rowIds: Int32Array, out?: Float32Array): Float32Array;
  /**
   * Candidate rows for `text` without touching common grams: rows sharing the query's grams of
   * document frequency ≤ `maxDf`, ranked by that partial cosine; the best `k` (row ids, best first).
   * Rows that share only common grams have low cosine, so this finds the top rows at a fraction of
   * `scores`' cost (measured in bench/linking.ts).
   */
  topRows(text: string, k: number, maxDf: number): Int32Array;
  /** A scorer over the rows `rowIds` only, built once (gram → rows): for many short queries against the same few rows. */
  restrict(rowIds: Int32Array): RestrictedTfidf;
}

export interface RestrictedTfidf {
  /** Cosine of `text` to each row of `rowIds` (same order), into `out`. */
  scores(text: string, out?: Float32Array): Float32Array;
}

/** The arrays of a built TF-IDF index (what a snapshot stores): vocabulary, idf, CSR postings by gram, forward rows. */
export interface TfidfData {
  readonly minN: number;
  readonly maxN: number;
  /** Rows (texts) indexed. */
  readonly n: number;
  /** Gram strings by id. */
  readonly vocab: readonly string[];
  readonly idf: Float32Array;
  /** Postings of gram g: `postRow/postW[start[g] .. start[g+1])`. */
  readonly start: Int32Array;
  readonly postRow: Int32Array;
  readonly postW: Float32Array;
  /** Grams of row r: `fwdId/fwdW[rowStart[r] .. rowStart[r+1])`. */
  readonly rowStart: Int32Array;
  readonly fwdId: Int32Array;
  readonly fwdW: Float32Array;
}

export function buildTfidfIndex(texts: readonly string[], minN = 3, maxN = 5): TfidfIndex {
  return tfidfFromData(buildTfidfData(texts, minN, maxN));
}

/** Builds the arrays of a TF-IDF index over `texts` (the costly part: every text's grams). */
export function buildTfidfData(texts: readonly string[], minN = 3, maxN = 5): TfidfData {
  const vocab = new Map<string, number>();
  const docs: [Int32Array, Float32Array][] = [];
  const df: number[] = [];
  for (const t of texts) {
    const grams = charNgrams(t, minN, maxN);
    const ids = new Int32Array(grams.size);
    const tf = new Float32Array(grams.size);
    let k = 0;
    for (const [g, c] of grams) {
      let id = vocab.get(g);
      if (id === undefined) {
        id = df.length;
        vocab.set(g, id);
        df.push(0);
      }
      df[id]!++;
      ids[k] = id;
      tf[k++] = 1 + Math.log(c);
    }
    docs.push([ids, tf]);
  }
  const n = texts.length;
  const idf = new Float32Array(df.length);
  df.forEach((d, i) => (idf[i] = Math.log((n + 1) / (d + 1)) + 1));
  // CSR postings by gram.
  const start = new Int32Array(df.length + 1);
  for (let i = 0; i < df.length; i++) start[i + 1] = start[i]! + df[i]!;
  const fill = start.slice(0, df.length);
  const postRow = new Int32Array(start[df.length]!);
  const postW = new Float32Array(start[df.length]!);
  docs.forEach(([ids, tf], row) => {
    let norm = 0;
    for (let k = 0; k < ids.length; k++) {
      const w = tf[k]! * idf[ids[k]!]!;
      tf[k] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < ids.length; k++) {
      const p = fill[ids[k]!]!++;
      postRow[p] = row;
      postW[p] = tf[k]! / norm;
    }
  });

  // Forward index (row → its grams and weights) for scoring a few rows.
  const rowStart = new Int32Array(n + 1);
  docs.forEach(([ids], row) => (rowStart[row + 1] = rowStart[row]! + ids.length));
  const fwdId = new Int32Array(rowStart[n]!);
  const fwdW = new Float32Array(rowStart[n]!);
  docs.forEach(([ids, w], row) => {
    let norm = 0;
    for (let k = 0; k < ids.length; k++) norm += w[k]! * w[k]!;
    norm = Math.sqrt(norm) || 1;
    fwdId.set(ids, rowStart[row]!);
    for (let k = 0; k < ids.length; k++) fwdW[rowStart[row]! + k] = w[k]! / norm;
  });
  return { minN, maxN, n, vocab: [...vocab.keys()], idf, start, postRow, postW, rowStart, fwdId, fwdW };
}

/** Query texts whose loaded gram weights a TF-IDF index keeps (`loadQuery`). */
const QUERY_CACHE = 20_000;

/** A TF-IDF index over built (or snapshotted) arrays. */
export function tfidfFromData(data: TfidfData): TfidfIndex {
  const { minN, maxN, n, idf, start, postRow, postW, rowStart, fwdId, fwdW } = data;
  const vocab = new Map<string, number>();
  data.vocab.forEach((g, i) => vocab.set(g, i));
  /** Dense query buffer by gram id (zeroed after each use) — faster than a Map in the row loop. */
  const qDense = new Float32Array(idf.length);

  /**
   * Recent queries' known gram ids and normalised weights by text: a posting's segment and phrase texts are
   * loaded several times (candidate pool, base signals, phrase TF-IDF), and common phrases recur across postings.
   * Bounded: cleared when it reaches QUERY_CACHE texts.
   */
  const queryCache = new Map<string, { readonly ids: number[]; readonly w: Float32Array } | null>();

  /** The query's known gram ids, their L2-normalised weights written into `qDense`; null when empty. */
  function loadQuery(text: string): number[] | null {
    const cached = queryCache.get(text);
    if (cached !== undefined) {
      if (cached === null) return null;
      for (let i = 0; i < cached.ids.length; i++) qDense[cached.ids[i]!] = cached.w[i]!;
      return cached.ids;
    }
    const ids = computeQuery(text);
    if (queryCache.size >= QUERY_CACHE) queryCache.clear();
    queryCache.set(text, ids === null ? null : { ids, w: Float32Array.from(ids, (id) => qDense[id]!) });
    return ids;
  }

  function computeQuery(text: string): number[] | null {
    const grams = charNgrams(text, minN, maxN);
    const ids: number[] = [];
    let norm = 0;
    for (const [g, c] of grams) {
      const id = vocab.get(g);
      // Unknown grams still count in the query norm (idf of an unseen gram).
      const w = (1 + Math.log(c)) * (id === undefined ? Math.log(n + 1) + 1 : idf[id]!);
      norm += w * w;
      if (id !== undefined) {
        ids.push(id);
        qDense[id] = w;
      }
    }
    if (norm === 0) return null;
    norm = Math.sqrt(norm);
    for (const id of ids) qDense[id] = qDense[id]! / norm;
    return ids;
  }

  /** `restrict` tables: chain heads by gram id, valid where headGen equals the table's generation. */
  const headOf = new Int32Array(idf.length);
  const headGen = new Int32Array(idf.length);
  let generation = 0;
  /** Dense partial-score buffer over rows for `topRows` (only touched rows are reset). */
  const acc = new Float32Array(n);

  return {
    rows: n,
    topRows(text, k, maxDf) {
      const ids = loadQuery(text);
      if (!ids) return new Int32Array(0);
      const touched: number[] = [];
      for (const id of ids) {
        if (start[id + 1]! - start[id]! > maxDf) continue;
        const w = qDense[id]!;
        for (let p = start[id]!; p < start[id + 1]!; p++) {
          const r = postRow[p]!;
          if (acc[r] === 0) touched.push(r);
          acc[r] = acc[r]! + w * postW[p]!;
        }
      }
      for (const id of ids) qDense[id] = 0;
      const heap = new TopK(k);
      for (const r of touched) {
        if (acc[r]! > heap.threshold) heap.push(r, acc[r]!);
        acc[r] = 0;
      }
      return Int32Array.from(heap.sorted(), (x) => x.index);
    },
    restrict(rowIds) {
      // gram id → chain of (position in rowIds, forward-index slot), in typed arrays over the whole
      // vocabulary; a generation stamp marks which heads belong to this table (no reset per call).
      let gen = 0;
      let head = new Int32Array(0);
      let next = new Int32Array(0);
      let pos = new Int32Array(0);
      let slot = new Int32Array(0);
      const build = () => {
        gen = ++generation;
        let total = 0;
        for (let i = 0; i < rowIds.length; i++) total += rowStart[rowIds[i]! + 1]! - rowStart[rowIds[i]!]!;
        head = headOf;
        next = new Int32Array(total);
        pos = new Int32Array(total);
        slot = new Int32Array(total);
        let e = 0;
        for (let i = 0; i < rowIds.length; i++) {
          const r = rowIds[i]!;
          for (let p = rowStart[r]!; p < rowStart[r + 1]!; p++, e++) {
            const g = fwdId[p]!;
            next[e] = headGen[g] === gen ? head[g]! : -1;
            headGen[g] = gen;
            head[g] = e;
            pos[e] = i;
            slot[e] = p;
          }
        }
      };
      build();
      return {
        scores(text, out = new Float32Array(rowIds.length)) {
          // Another table was built since: this one's heads were overwritten, rebuild (rare).
          if (gen !== generation) build();
          out.fill(0);
          const ids = loadQuery(text);
          if (!ids) return out;
          for (const id of ids) {
            if (headGen[id] === gen) {
              const w = qDense[id]!;
              for (let e = head[id]!; e >= 0; e = next[e]!) out[pos[e]!] = out[pos[e]!]! + w * fwdW[slot[e]!]!;
            }
            qDense[id] = 0;
          }
          return out;
        },
      };
    },
    scoresFor(text, rowIds, out = new Float32Array(rowIds.length)) {
      out.fill(0);
      const ids = loadQuery(text);
      if (!ids) return out;
      for (let i = 0; i < rowIds.length; i++) {
        const r = rowIds[i]!;
        let acc = 0;
        for (let p = rowStart[r]!; p < rowStart[r + 1]!; p++) acc += qDense[fwdId[p]!]! * fwdW[p]!;
        out[i] = acc;
      }
      for (const id of ids) qDense[id] = 0;
      return out;
    },
    scores(text, out = new Float32Array(n)) {
      out.fill(0);
      const ids = loadQuery(text);
      if (!ids) return out;
      for (const id of ids) {
        const w = qDense[id]!;
        for (let p = start[id]!; p < start[id + 1]!; p++) out[postRow[p]!] = out[postRow[p]!]! + w * postW[p]!;
        qDense[id] = 0;
      }
      return out;
    },
  };
}
