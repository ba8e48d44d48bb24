import { TopK } from '../embedding/top-k.ts';
import { normaliseLabel } from '../../taxonomy/model/normalise.ts';
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
  /**
   * A scorer over the rows `rowIds` only, built once (gram → rows): for many short queries against the same
   * few rows. With `texts` (the queries to come) it indexes only their grams: smaller and faster to build;
   * asked about another text, it rebuilds itself over every gram. Only the current scorer is fast: one built
   * later makes the earlier ones rebuild on their next use.
   */
  restrict(rowIds: Int32Array, texts?: readonly string[]): RestrictedTfidf;
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
  const grams = gramTable(data.vocab);
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
    let w: Float32Array | null = null;
    if (ids !== null) {
      w = new Float32Array(ids.length);
      for (let i = 0; i < ids.length; i++) w[i] = qDense[ids[i]!]!;
    }
    queryCache.set(text, ids === null || w === null ? null : { ids, w });
    return ids;
  }

  /** Per gram id, the query's count (valid where `seen` holds the current stamp). */
  const seen = new Int32Array(idf.length);
  const count = new Int32Array(idf.length);
  let stamp = 0;
  /** Per (size, position) of the current query: its gram id (-1 = not in the vocabulary) and hash. */
  let idAt = new Int32Array(0);
  let hashAt = new Int32Array(0);
  let order = new Int32Array(0);
  /** 1 + ln(c) for small counts c (the same doubles Math.log gives). */
  const LOG1 = Float64Array.from({ length: 64 }, (_, c) => (c === 0 ? 0 : 1 + Math.log(c)));
  const tf = (c: number): number => (c < 64 ? LOG1[c]! : 1 + Math.log(c));
  const unseenIdf = Math.log(n + 1) + 1;

  /**
   * The query's grams (those of `charNgrams`, in its order: by size, then position), each distinct gram
   * once with its count, weighted and normalised exactly as `charNgrams` + a Map of the vocabulary would —
   * without a string per gram: gram ids come from `grams` by the characters' hash.
   */
  function computeQuery(text: string): number[] | null {
    const key = ` ${normaliseLabel(text)} `;
    if (key.length <= 2) return null;
    const len = key.length;
    const sizes = maxN - minN + 1;
    if (idAt.length < sizes * len) {
      idAt = new Int32Array(sizes * len * 2);
      hashAt = new Int32Array(sizes * len * 2);
    }
    for (let i = 0; i + minN <= len; i++) {
      let h = FNV_OFFSET;
      for (let t = 0; t < maxN && i + t < len; t++) {
        h = Math.imul(h ^ key.charCodeAt(i + t), FNV_PRIME);
        if (t + 1 >= minN) {
          const at = (t + 1 - minN) * len + i;
          idAt[at] = grams.find(key, i, t + 1, h);
          hashAt[at] = h;
        }
      }
    }
    stamp++;
    // The distinct grams in first-seen order (unknown ones as -1 - their index), in a reused buffer.
    if (order.length < sizes * len) order = new Int32Array(sizes * len * 2);
    let nOrder = 0;
    // Grams outside the vocabulary (few per query): first position, size and count, found again by hash and characters.
    const unknownAt: number[] = [];
    const unknownCount: number[] = [];
    for (let size = minN; size <= maxN; size++) {
      const row = (size - minN) * len;
      for (let i = 0; i + size <= len; i++) {
        const id = idAt[row + i]!;
        if (id >= 0) {
          if (seen[id] !== stamp) {
            seen[id] = stamp;
            count[id] = 1;
            order[nOrder++] = id;
          } else count[id]!++;
          continue;
        }
        const h = hashAt[row + i]!;
        let u = 0;
        for (; u < unknownAt.length; u++) {
          const at = unknownAt[u]!;
          if (hashAt[at] !== h || at < row || at >= row + len) continue;
          const j = at - row;
          let t = 0;
          while (t < size && key.charCodeAt(j + t) === key.charCodeAt(i + t)) t++;
          if (t === size) break;
        }
        if (u < unknownAt.length) unknownCount[u]!++;
        else {
          order[nOrder++] = -1 - unknownAt.length;
          unknownAt.push(row + i);
          unknownCount.push(1);
        }
      }
    }
    const ids: number[] = [];
    let norm = 0;
    for (let o = 0; o < nOrder; o++) {
      const e = order[o]!;
      // Unknown grams still count in the query norm (idf of an unseen gram).
      const w = e >= 0 ? tf(count[e]!) * idf[e]! : tf(unknownCount[-1 - e]!) * unseenIdf;
      norm += w * w;
      if (e >= 0) {
        ids.push(e);
        qDense[e] = w;
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
  /** The chains of the current table (see `restrict`). */
  let chainNext = new Int32Array(0);
  let chainPos = new Int32Array(0);
  let chainSlot = new Int32Array(0);
  /** Grams of the current table's texts: those where `marked` holds the table's stamp. */
  const marked = new Int32Array(idf.length);
  let markStamp = 0;
  /** Dense partial-score buffer over rows for `topRows` (only touched rows are reset). */
  const acc = new Float32Array(n);
  /** The rows `topRows` touched, in first-touch order (a reused buffer: no array grown per call, issue 18). */
  const touched = new Int32Array(n);

  return {
    rows: n,
    topRows(text, k, maxDf) {
      const ids = loadQuery(text);
      if (!ids) return new Int32Array(0);
      let nTouched = 0;
      for (const id of ids) {
        if (start[id + 1]! - start[id]! > maxDf) continue;
        const w = qDense[id]!;
        for (let p = start[id]!; p < start[id + 1]!; p++) {
          const r = postRow[p]!;
          if (acc[r] === 0) touched[nTouched++] = r;
          acc[r] = acc[r]! + w * postW[p]!;
        }
      }
      for (const id of ids) qDense[id] = 0;
      const heap = new TopK(k);
      for (let t = 0; t < nTouched; t++) {
        const r = touched[t]!;
        if (acc[r]! > heap.threshold) heap.push(r, acc[r]!);
        acc[r] = 0;
      }
      return Int32Array.from(heap.sorted(), (x) => x.index);
    },
    restrict(rowIds, texts) {
      // gram id → chain of (position in rowIds, forward-index slot), in typed arrays over the whole
      // vocabulary; a generation stamp marks which heads belong to this table (no reset per call). The
      // chains live in scratch arrays shared by every table: building one makes the others stale (their
      // generation is no longer current), and a stale table rebuilds itself on its next use.
      let gen = 0;
      // With `texts`, only the grams they have enter the table (the others are never looked up for them).
      let allowed = texts ? new Set(texts) : null;
      let grams: Int32Array | null = null;
      if (texts) {
        const union: number[] = [];
        const mark = ++markStamp;
        for (const t of texts) {
          const ids = loadQuery(t);
          if (!ids) continue;
          for (const id of ids) {
            qDense[id] = 0;
            if (marked[id] !== mark) {
              marked[id] = mark;
              union.push(id);
            }
          }
        }
        grams = Int32Array.from(union);
      }
      const build = () => {
        gen = ++generation;
        const mark = ++markStamp;
        if (grams) for (const g of grams) marked[g] = mark;
        let total = 0;
        for (let i = 0; i < rowIds.length; i++) total += rowStart[rowIds[i]! + 1]! - rowStart[rowIds[i]!]!;
        if (chainNext.length < total) {
          chainNext = new Int32Array(total * 2);
          chainPos = new Int32Array(total * 2);
          chainSlot = new Int32Array(total * 2);
        }
        let e = 0;
        for (let i = 0; i < rowIds.length; i++) {
          const r = rowIds[i]!;
          for (let p = rowStart[r]!; p < rowStart[r + 1]!; p++) {
            const g = fwdId[p]!;
            if (grams && marked[g] !== mark) continue;
            chainNext[e] = headGen[g] === gen ? headOf[g]! : -1;
            headGen[g] = gen;
            headOf[g] = e;
            chainPos[e] = i;
            chainSlot[e] = p;
            e++;
          }
        }
      };
      build();
      return {
        scores(text, out = new Float32Array(rowIds.length)) {
          // A text outside the ones the table was built for: rebuild it with every gram (then any text is fine).
          if (allowed && !allowed.has(text)) {
            allowed = null;
            grams = null;
            gen = 0;
          }
          // Another table was built since: this one's heads were overwritten, rebuild.
          if (gen !== generation) build();
          out.fill(0);
          const ids = loadQuery(text);
          if (!ids) return out;
          for (const id of ids) {
            if (headGen[id] === gen) {
              const w = qDense[id]!;
              for (let e = headOf[id]!; e >= 0; e = chainNext[e]!) out[chainPos[e]!] = out[chainPos[e]!]! + w * fwdW[chainSlot[e]!]!;
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

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Gram strings → ids without a string per look-up: open addressing on an FNV-1a hash of the characters. */
function gramTable(vocab: readonly string[]): { find(key: string, at: number, size: number, hash: number): number } {
  let cap = 1;
  while (cap < vocab.length * 2) cap <<= 1;
  const mask = cap - 1;
  const slot = new Int32Array(cap).fill(-1);
  const slotHash = new Int32Array(cap);
  // The grams' characters back to back (compared without touching the strings).
  const from = new Int32Array(vocab.length + 1);
  vocab.forEach((g, id) => (from[id + 1] = from[id]! + g.length));
  const chars = new Uint16Array(from[vocab.length]!);
  const mix = (h: number): number => (h ^ (h >>> 15)) & mask;
  vocab.forEach((g, id) => {
    let h = FNV_OFFSET;
    for (let t = 0; t < g.length; t++) {
      chars[from[id]! + t] = g.charCodeAt(t);
      h = Math.imul(h ^ g.charCodeAt(t), FNV_PRIME);
    }
    let p = mix(h);
    // A repeated gram takes the later id, as a Map filled in id order would (built vocabularies have none).
    while (slot[p] !== -1 && vocab[slot[p]!] !== g) p = (p + 1) & mask;
    slot[p] = id;
    slotHash[p] = h;
  });
  return {
    find(key, at, size, hash) {
      for (let p = mix(hash); ; p = (p + 1) & mask) {
        const id = slot[p]!;
        if (id < 0) return -1;
        if (slotHash[p] !== hash) continue;
        const f = from[id]!;
        if (from[id + 1]! - f !== size) continue;
        let t = 0;
        while (t < size && chars[f + t] === key.charCodeAt(at + t)) t++;
        if (t === size) return id;
      }
    },
  };
}
