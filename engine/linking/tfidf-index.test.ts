import { describe, expect, it } from 'vitest';
import { seededRandom } from '../ports/random.ts';
import { charNgrams } from './char-ngrams.ts';
import { buildTfidfData, buildTfidfIndex, tfidfFromData, type TfidfData } from './tfidf-index.ts';

const WORDS = [
  'weld', 'welding', 'metal', 'steel', 'pipes', 'manage', 'management', 'budgets', 'budget', 'Python', 'programming',
  'customer', 'service', 'care', 'teach', 'teaching', 'mathematics', 'drive', 'truck', 'forklift', 'operate',
  'machinery', 'C++', 'Node.js', 'cook', 'bread', 'bake', 'pastry', 'nursing', 'patients', 'records', 'financial',
  'analysis', 'data', 'database', 'SQL', 'design', 'logo', 'graphic', 'marketing', 'sales', 'negotiate', 'contracts',
  'café', 'résumé', 'écriture', 'Straße', 'xylophone',
];

/** Seeded label texts of 1–4 words (with repeats: several rows share a text). */
function labels(n: number, seed: number): string[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => WORDS[Math.floor(rnd() * WORDS.length)]!).join(' '));
}

const TEXTS = labels(400, 1);
const idx = buildTfidfIndex(TEXTS);
const QUERIES = [
  ...labels(40, 2),
  'I weld steel pipes and manage the budgets of a bakery',
  'xylophone',
  'zzzz qqqq',
  'PYTHON programming!!',
  'Straße café',
  'a',
  TEXTS[7]!,
];

/** Document frequency of every gram over TEXTS. */
const DF = new Map<string, number>();
for (const t of TEXTS) for (const g of charNgrams(t).keys()) DF.set(g, (DF.get(g) ?? 0) + 1);

describe('buildTfidfIndex', () => {
  it('scores() gives cosine 1 to a row with the same text and values in [0, 1]', () => {
    const s = idx.scores(TEXTS[7]!);
    expect(s[7]).toBeCloseTo(1, 5);
    for (const v of s) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1 + 1e-5);
    }
  });

  it('topRows() with maxDf = rows equals the top-k of scores() (positive scores, ties allowed)', () => {
    for (const text of QUERIES) {
      const all = idx.scores(text);
      const positive = Array.from(all).filter((v) => v > 0).sort((a, b) => b - a);
      for (const k of [1, 5, 20]) {
        const got = Array.from(idx.topRows(text, k, idx.rows));
        expect(got).toHaveLength(Math.min(k, positive.length));
        expect(new Set(got).size).toBe(got.length);
        got.forEach((r, i) => expect(all[r]!, `${text} #${i}`).toBeCloseTo(positive[i]!, 5));
      }
    }
  });

  it('topRows() with a small maxDf returns only rows sharing one of the query\'s uncommon grams, all of them when k allows', () => {
    for (const maxDf of [1, 3, 10]) {
      for (const text of QUERIES) {
        const rare = [...charNgrams(text).keys()].filter((g) => (DF.get(g) ?? Infinity) <= maxDf);
        const want = new Set<number>();
        TEXTS.forEach((t, r) => {
          const grams = charNgrams(t);
          if (rare.some((g) => grams.has(g))) want.add(r);
        });
        const got = idx.topRows(text, idx.rows, maxDf);
        expect(new Set(got), `${text} maxDf ${maxDf}`).toEqual(want);
        // Best first by the partial cosine: a prefix of k is the k best of the full list.
        const few = Array.from(idx.topRows(text, 3, maxDf));
        expect(few).toEqual(Array.from(got.subarray(0, few.length)));
      }
    }
  });

  it('topRows() returns nothing for empty, whitespace-only or punctuation-only text, or k = 0', () => {
    for (const t of ['', '   ', '\n\t', '!!! ---']) expect(idx.topRows(t, 5, idx.rows)).toHaveLength(0);
    expect(idx.topRows('welding', 0, idx.rows)).toHaveLength(0);
  });

  it('restrict(rowIds).scores() equals scoresFor() on the same rows, also after another restrict() was built in between', () => {
    const rnd = seededRandom(4);
    const pick = (n: number) => Int32Array.from({ length: n }, () => Math.floor(rnd() * TEXTS.length));
    const a = pick(60);
    const b = pick(25);
    const withDuplicates = Int32Array.of(3, 3, 10, 0, 399, 10);
    const ra = idx.restrict(a);
    const check = (r: ReturnType<typeof idx.restrict>, ids: Int32Array, text: string) => {
      const got = r.scores(text);
      const want = idx.scoresFor(text, ids);
      expect(got).toHaveLength(ids.length);
      for (let i = 0; i < ids.length; i++) expect(Math.abs(got[i]! - want[i]!), `${text} [${i}]`).toBeLessThan(1e-6);
    };
    for (const text of QUERIES) check(ra, a, text);
    const rb = idx.restrict(b); // overwrites the shared gram heads: ra must rebuild itself
    for (const text of QUERIES) check(ra, a, text);
    const rd = idx.restrict(withDuplicates);
    // Alternate between three tables, each call after the others were used.
    for (const text of QUERIES) {
      check(rb, b, text);
      check(ra, a, text);
      check(rd, withDuplicates, text);
    }
  });

  it('restrict(rowIds, texts) scores its texts bit-identically to restrict(rowIds), rebuilds for another text, and survives tables built in between', () => {
    const rnd = seededRandom(9);
    const rows = Int32Array.from({ length: 80 }, () => Math.floor(rnd() * TEXTS.length));
    const texts = QUERIES.slice(0, 20);
    const full = idx.restrict(rows);
    const want = texts.map((t) => Array.from(full.scores(t)));
    const hinted = idx.restrict(rows, texts);
    texts.forEach((t, i) => expect(Array.from(hinted.scores(t))).toEqual(want[i]));
    idx.restrict(rows.slice(0, 10), ['weld']); // makes `hinted` stale
    texts.forEach((t, i) => expect(Array.from(hinted.scores(t))).toEqual(want[i]));
    const other = QUERIES[25]!;
    expect(Array.from(hinted.scores(other))).toEqual(Array.from(idx.restrict(rows).scores(other)));
    texts.forEach((t, i) => expect(Array.from(hinted.scores(t))).toEqual(want[i]));
  });

  it('restrict().scores() and scoresFor() equal scores() on the chosen rows', () => {
    const ids = Int32Array.of(7, 0, 123, 42, 399);
    const r = idx.restrict(ids);
    for (const text of QUERIES) {
      const all = idx.scores(text);
      const some = r.scores(text);
      ids.forEach((row, i) => expect(some[i]!).toBeCloseTo(all[row]!, 5));
    }
  });

  it('restrict().scores() handles a query with more grams than its scratch buffer (long text)', () => {
    const rnd = seededRandom(9);
    const noise = Array.from({ length: 400 }, () => Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(rnd() * 26))).join('')).join(' ');
    const long = `${labels(100, 9).join(' ')} ${noise}`;
    expect(charNgrams(long).size).toBeGreaterThan(4096);
    const ids = Int32Array.from({ length: 50 }, (_, i) => i * 8);
    const got = idx.restrict(ids).scores(long);
    const want = idx.scoresFor(long, ids);
    for (let i = 0; i < ids.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-6);
    expect(got.some((v) => v > 0)).toBe(true);
  });

  it('restrict().scores() overwrites a reused out buffer and gives zeros for empty or whitespace text', () => {
    const ids = Int32Array.of(1, 2, 3);
    const r = idx.restrict(ids);
    const out = Float32Array.of(9, 9, 9);
    for (const t of ['', '   ', '?!']) {
      expect(Array.from(r.scores(t, out))).toEqual([0, 0, 0]);
      out.fill(9);
      expect(Array.from(idx.scoresFor(t, ids, out))).toEqual([0, 0, 0]);
      out.fill(9);
      expect(Array.from(idx.scores(t)).every((v) => v === 0)).toBe(true);
    }
    const first = Array.from(r.scores(TEXTS[2]!, out));
    expect(first).toEqual(Array.from(idx.restrict(ids).scores(TEXTS[2]!)));
    expect(idx.restrict(new Int32Array(0)).scores('welding')).toHaveLength(0);
  });

  it('a query loaded again (from the per-text cache, in any order and through every method) scores bit-identically to a fresh index', () => {
    const fresh = () => buildTfidfIndex(TEXTS);
    const rows = Int32Array.from({ length: 50 }, (_, i) => i * 7);
    const warm = fresh();
    // warm the cache with every query through one method, then read them all back through the others
    for (const q of QUERIES) warm.scores(q);
    for (const q of [...QUERIES].reverse()) {
      const cold = fresh();
      expect(Array.from(warm.scores(q))).toEqual(Array.from(cold.scores(q)));
      expect(Array.from(warm.scoresFor(q, rows))).toEqual(Array.from(cold.scoresFor(q, rows)));
      expect(Array.from(warm.restrict(rows).scores(q))).toEqual(Array.from(cold.restrict(rows).scores(q)));
      expect(Array.from(warm.topRows(q, 10, 1000))).toEqual(Array.from(cold.topRows(q, 10, 1000)));
    }
    // an empty query (no grams) stays empty when it comes from the cache too
    expect(warm.topRows('', 5, 1000)).toHaveLength(0);
    expect(Array.from(warm.scores('')).every((x) => x === 0)).toBe(true);
    expect(warm.topRows('', 5, 1000)).toHaveLength(0);
  });

  it('the grams of a query found by hash give bit-identically the scores of the definition (charNgrams counted in a Map, vocabulary looked up by string)', () => {
    /** The definition: every row's cosine to `text`, as the index computed it before its gram table. */
    const reference = (d: TfidfData, text: string): Float32Array => {
      const vocab = new Map(d.vocab.map((g, i) => [g, i]));
      const q = new Float32Array(d.idf.length);
      const ids: number[] = [];
      let norm = 0;
      for (const [g, c] of charNgrams(text, d.minN, d.maxN)) {
        const id = vocab.get(g);
        const w = (1 + Math.log(c)) * (id === undefined ? Math.log(d.n + 1) + 1 : d.idf[id]!);
        norm += w * w;
        if (id !== undefined) {
          ids.push(id);
          q[id] = w;
        }
      }
      const out = new Float32Array(d.n);
      if (norm === 0) return out;
      norm = Math.sqrt(norm);
      for (const id of ids) q[id] = q[id]! / norm;
      for (const id of ids) for (let p = d.start[id]!; p < d.start[id + 1]!; p++) out[d.postRow[p]!] = out[d.postRow[p]!]! + q[id]! * d.postW[p]!;
      return out;
    };
    const extra = ['banana banana banana', 'aaaaaaaaaa', 'weld weld welding', 'café Café CAFÉ', 'ÉCRITURE – écriture', '   ', 'x', 'xy', 'C++ C++ c++', 'zzzzzz welding zzzzzz'];
    for (const [minN, maxN] of [[3, 5], [2, 4], [4, 4]] as const) {
      const d = buildTfidfData(TEXTS, minN, maxN);
      const index = tfidfFromData(d);
      for (const q of [...QUERIES, ...extra]) expect([q, Array.from(index.scores(q))]).toEqual([q, Array.from(reference(d, q))]);
    }
  });

  it('buildTfidfIndex() of no texts scores nothing', () => {
    const empty = buildTfidfIndex([]);
    expect(empty.rows).toBe(0);
    expect(empty.scores('welding')).toHaveLength(0);
    expect(empty.topRows('welding', 5, 10)).toHaveLength(0);
  });
});
