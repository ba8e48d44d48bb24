import { normaliseLabel } from '../../taxonomy/model/normalise.ts';
import type { Provenance } from '../../taxonomy/model/types.ts';
import type { SpanEmbedding, SpanRequest } from '../ports/embedder.ts';
import type { TopRows } from '../embedding/row-scorer.ts';
import { TopK } from '../embedding/top-k.ts';
import { isBoilerplate } from './boilerplate.ts';
import { calibrate } from './calibration.ts';
import { invalidOption } from './errors.ts';
import { RowKind } from './label-rows.ts';
import { resolveLinkerOptions, type LinkerOptions, type ResolvedLinkerOptions } from './options.ts';
import { candidatePhrases, tokenize, type Phrase } from './phrases.ts';
import { contentWords, F, FAMILY, FEATURES, N_FEATURES, putNeighbours, putRelative, type Feature } from './features.ts';
import { segmentText, type Segment } from './segment.ts';

/** A skill found in text. */
export interface LinkResult {
  readonly skillId: string;
  readonly label: string;
  /** Calibrated confidence in [0, 1]. */
  readonly confidence: number;
  /** kind 'text'; source = the sentence / list item; span = [start, end) of the phrase in the ORIGINAL text. */
  readonly provenance: Provenance & { readonly kind: 'text'; readonly span: readonly [number, number] };
  /** The text at `span` (a candidate phrase, or the whole sentence when no phrase carries the match). */
  readonly phrase: string;
  /** The fused score and its parts: Σ weight·feature over the lexical, embedding and taxonomy-prior features. */
  readonly scores: { readonly lexical: number; readonly embedding: number; readonly prior: number; readonly fused: number };
}

export interface RankedSkill {
  readonly skillId: string;
  /** Fused score (max over segments). */
  readonly score: number;
  /** Best candidate-phrase cosine to the skill's labels in that segment (the calibration's second feature). */
  readonly phrase: number;
}

export interface Linker {
  readonly options: ResolvedLinkerOptions;
  /** Skills found in `text` with at least the threshold confidence, best first, one result per skill. */
  link(text: string): Promise<LinkResult[]>;
  /** `link` over many texts, batched and pipelined for throughput (bulk imports); results in input order (see the q8 note at the implementation). */
  linkMany(texts: readonly string[], opts?: { readonly batchTexts?: number }): Promise<LinkResult[][]>;
  /**
   * Every skill the text's segments rank, with its feature vector (FEATURES order) from the segment
   * where its fused score is highest: the samples for fitting fusion weights (create the linker with
   * `allFeatures: true` so features at weight 0 are computed too).
   */
  candidateFeatures(text: string): Promise<{ readonly skillId: string; readonly features: Float32Array }[]>;
  /** All skills (or the top k) ranked by fused score over the whole text (for evaluation). */
  rankSkills(text: string, k?: number): Promise<RankedSkill[]>;
}

const LABEL_KINDS: ReadonlySet<RowKind> = new Set([RowKind.Preferred, RowKind.Alternative, RowKind.Hidden]);
const DESC_KINDS: ReadonlySet<RowKind> = new Set([RowKind.Described]);
/** Queries per matrix product (bounds the q × rows score buffer: 96 × 113k floats ≈ 43 MB for ESCO). */
const QUERY_CHUNK = 96;

/** Per-skill signals of one segment, plus what is needed to explain a match. */
interface SegmentSignals {
  readonly segment: Segment;
  readonly phrases: readonly Phrase[];
  readonly phraseVectors: readonly Float32Array[];
  /** Candidate search only: per candidate skill, its best label cosine for each phrase (already computed). */
  readonly phraseCos?: ReadonlyMap<number, Float32Array>;
  /** Exact label-match skills of each phrase, when already looked up. */
  readonly phraseExact?: readonly (readonly number[])[];
  /** The skills this segment ranks (skill indices); the arrays below are parallel to it. */
  readonly skills: Int32Array;
  /** Per ranked skill its feature vector (N_FEATURES values, FEATURES order), back to back. */
  readonly features: Float32Array;
  /** Per ranked skill Σ weight·feature. */
  readonly fused: Float32Array;
  /** Per ranked skill: best phrase cosine to its labels (0 when no phrase). */
  readonly phraseBest: Float32Array;
}

/** What the model step of the candidate search hands to the scoring step. */
interface EmbeddedSegments {
  readonly allPhrases: readonly (readonly Phrase[])[];
  readonly pooled: readonly SpanEmbedding[] | null;
  readonly sentVectors: readonly Float32Array[];
}

/** A short heading such as `Responsibilities:` or `About the role:` names no skill. */
function isHeading(text: string): boolean {
  return /:\s*$/.test(text) && text.split(/\s+/).length <= 5;
}

/** Cuts a long segment into windows of at most `maxWords` words (offsets stay exact). */
function windows(seg: Segment, maxWords: number): Segment[] {
  const tokens = tokenize(seg.text);
  if (tokens.length <= maxWords) return [seg];
  const out: Segment[] = [];
  for (let i = 0; i < tokens.length; i += maxWords) {
    const a = tokens[i]!.start;
    const b = tokens[Math.min(tokens.length, i + maxWords) - 1]!.end;
    out.push({ text: seg.text.slice(a, b), start: seg.start + a, end: seg.start + b });
  }
  return out;
}

/**
 * Creates a linker over a skill index: segments text into sentences / list items, drops boilerplate,
 * scores every skill per segment by a weighted sum of embedding signals (sentence and candidate phrases
 * vs label vectors) and lexical signals (char 3–5-gram TF-IDF, exact label match), calibrates the
 * fused score into a confidence and keeps the best phrase span as provenance.
 */
export function createLinker(opts: LinkerOptions): Linker {
  const o = resolveLinkerOptions(opts);
  const { index, lexical, embedder, weights: w } = o;
  const nSkills = index.skills.length;
  /** The weights as a vector in FEATURES order; a feature is computed when its weight is not 0 (or for fitting, always). */
  const wv = Float32Array.from(FEATURES, (f) => w[f]);
  const on = (f: Feature): boolean => o.allFeatures || w[f] !== 0;
  const priors = o.priors;
  /** Phrase vectors come from the segment's own pass (the resolved options guarantee `embedSpans`). */
  const pooledPhrases = o.phraseVectors === 'pooled' && on('phrase');
  /** Content words of each label row, computed on first use (coverage). */
  const rowWords: (readonly string[] | undefined)[] = [];
  /** Share of a label's content words present in the segment (max over the skill's label rows). */
  function coverage(segWords: ReadonlySet<string>, k: number): number {
    let best = 0;
    for (let r = index.skillStart[k]!; r < index.skillStart[k + 1]!; r++) {
      if (index.rowKind[r] === RowKind.Described) continue;
      const words = (rowWords[r] ??= contentWords(index.rowText[r]!));
      if (words.length === 0) continue;
      let hit = 0;
      for (const x of words) if (segWords.has(x)) hit++;
      if (hit / words.length > best) best = hit / words.length;
    }
    return best;
  }
  /** Writes skill k's prior features into row `at` of a feature matrix. */
  function putPriors(feats: Float32Array, at: number, k: number): void {
    if (!priors) return;
    feats[at + F.essential] = priors.essential[k]!;
    feats[at + F.knowledge] = priors.knowledge[k]!;
    feats[at + F.transversal] = priors.transversal[k]!;
    feats[at + F.occupationSpecific] = priors.occupationSpecific[k]!;
  }
  /** Σ weight·prior per skill (the prior part of the fused score, fixed per linker). */
  const priorScore = new Float64Array(nSkills);
  if (priors) {
    const row = new Float32Array(N_FEATURES);
    for (let k = 0; k < nSkills; k++) {
      putPriors(row, 0, k);
      let acc = 0;
      FEATURES.forEach((f, i) => (acc += w[f] * row[i]!));
      priorScore[k] = acc;
    }
  }
  /** Fused scores of n feature rows: Σ weight·feature. */
  function fuse(feats: Float32Array, n: number): Float32Array {
    const out = new Float32Array(n);
    for (let c = 0; c < n; c++) {
      let acc = 0;
      for (let f = 0; f < N_FEATURES; f++) acc += wv[f]! * feats[c * N_FEATURES + f]!;
      out[c] = acc;
    }
    return out;
  }
  const allSkills = Int32Array.from({ length: nSkills }, (_, k) => k);

  function segmentsOf(text: string): Segment[] {
    const out: Segment[] = [];
    for (const s of segmentText(text)) {
      if (isBoilerplate(s.text, o.boilerplate) || isHeading(s.text)) continue;
      out.push(...windows(s, o.maxSegmentWords));
    }
    return out;
  }

  /** Embeds texts once each (a posting repeats phrases), results in input order. */
  async function embedDistinct(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const at = new Map<string, number>();
    const distinct: string[] = [];
    const pos = texts.map((t) => {
      let i = at.get(t);
      if (i === undefined) at.set(t, (i = distinct.push(t) - 1));
      return i;
    });
    const vectors = await embedder.embed(distinct);
    return pos.map((i) => vectors[i]!);
  }

  /**
   * A phrase that IS a label (same match key) embedded alone would give that label's own vector, which
   * the index already holds: pooled mode uses it instead of the in-context pooled vector.
   */
  function labelVector(phrase: string, exactSkills: readonly number[]): Float32Array | null {
    if (exactSkills.length === 0) return null;
    const key = normaliseLabel(phrase);
    for (const k of exactSkills) {
      for (let r = index.skillStart[k]!; r < index.skillStart[k + 1]!; r++) {
        if (index.rowKind[r] !== RowKind.Described && normaliseLabel(index.rowText[r]!) === key) return index.matrix.subarray(r * index.dim, (r + 1) * index.dim);
      }
    }
    return null;
  }

  /** Segment and phrase vectors from one pass per distinct segment text (the embedder's `embedSpans`). */
  async function embedSpansDistinct(segments: readonly Segment[], phrases: readonly (readonly Phrase[])[]): Promise<SpanEmbedding[]> {
    const at = new Map<string, number>();
    const distinct: SpanRequest[] = [];
    const pos = segments.map((s, i) => {
      let k = at.get(s.text);
      if (k === undefined) at.set(s.text, (k = distinct.push({ text: s.text, spans: phrases[i]!.map((p) => [p.start, p.end] as const) }) - 1));
      return k;
    });
    const out = distinct.length > 0 ? await embedder.embedSpans!(distinct) : [];
    return pos.map((k) => out[k]!);
  }

  async function signals(segments: readonly Segment[]): Promise<SegmentSignals[]> {
    return o.phraseCandidates > 0 ? candidateSignals(segments) : exhaustiveSignals(segments);
  }

  /** Each vector's top `sentenceRows` rows, in products of ≤ QUERY_CHUNK queries (bounds the scorer's q × rows buffer). */
  async function topRowsChunked(vectors: readonly Float32Array[]): Promise<TopRows> {
    return chunkedTop(vectors, Math.min(o.sentenceRows, index.rows), index.topRowsBatch);
  }

  /** A top-k search in products of ≤ QUERY_CHUNK queries, results concatenated. */
  async function chunkedTop(vectors: readonly Float32Array[], k: number, search: (q: readonly Float32Array[], k: number) => Promise<TopRows>): Promise<TopRows> {
    const rows = new Int32Array(vectors.length * k);
    const scores = new Float32Array(vectors.length * k);
    if (k === 0) return { k: 0, rows, scores };
    for (let c = 0; c < vectors.length; c += QUERY_CHUNK) {
      const got = await search(vectors.slice(c, c + QUERY_CHUNK), k);
      rows.set(got.rows, c * k);
      scores.set(got.scores, c * k);
    }
    return { k, rows, scores };
  }

  /** Cosine of `v` to index row r (both unit length). */
  function rowDot(v: Float32Array, r: number): number {
    const off = r * index.dim;
    let acc = 0;
    for (let d = 0; d < index.dim; d++) acc += v[d]! * index.matrix[off + d]!;
    return acc;
  }

  /** Max cosine of `v` to skill k's label rows (preferred, alternative, hidden). */
  function labelMax(v: Float32Array, k: number): number {
    let best = -1;
    for (let r = index.skillStart[k]!; r < index.skillStart[k + 1]!; r++) if (index.rowKind[r] !== RowKind.Described) best = Math.max(best, rowDot(v, r));
    return best;
  }

  /** Cosine of `v` to skill k's description row (-1 when it has none). */
  function descScore(v: Float32Array, k: number): number {
    for (let r = index.skillStart[k]!; r < index.skillStart[k + 1]!; r++) if (index.rowKind[r] === RowKind.Described) return rowDot(v, r);
    return -1;
  }

  /**
   * TF-IDF of each phrase to the labels of `skills`: raises `best` (per skill, the max over the
   * phrases) and returns per phrase its best value over the skills (the pre-score that picks phrases).
   */
  function phraseTfidf(phrases: readonly Phrase[], skills: Int32Array, best: Map<number, number>): Float32Array {
    const pre = new Float32Array(phrases.length);
    if (phrases.length === 0 || skills.length === 0) return pre;
    const score = lexical.restrict(skills);
    const buf = new Float32Array(skills.length);
    phrases.forEach((p, j) => {
      score(p.text, buf);
      let m = 0;
      skills.forEach((k, c) => {
        if (buf[c]! > (best.get(k) ?? 0)) best.set(k, buf[c]!);
        if (buf[c]! > m) m = buf[c]!;
      });
      pre[j] = m;
    });
    return pre;
  }

  /** Indices 0..pre.length-1, at most `max` of them (0 = all) by highest pre-score (ties: lower index), in ascending order. */
  function bestPhrases(pre: ArrayLike<number>, max: number): number[] {
    const all = Array.from({ length: pre.length }, (_, j) => j);
    if (max === 0 || all.length <= max) return all;
    return all.sort((a, b) => pre[b]! - pre[a]! || a - b).slice(0, max).sort((a, b) => a - b);
  }

  /** The model step of the candidate search: phrases, segment vectors (and pooled phrase vectors). */
  async function embedSegments(segments: readonly Segment[]): Promise<EmbeddedSegments> {
    const allPhrases = segments.map((s) => candidatePhrases(s.text, o.maxPhraseWords));
    // Pooled: one model pass per segment gives its vector and every phrase's (from contextual tokens).
    const pooled = pooledPhrases ? await embedSpansDistinct(segments, allPhrases) : null;
    const sentVectors = pooled ? pooled.map((p) => p.vector) : await embedDistinct(segments.map((s) => s.text));
    return { allPhrases, pooled, sentVectors };
  }

  /**
   * Candidate search, sparse: no per-skill array over the whole taxonomy is filled per segment.
   * Stage 1 — a pool of skills per segment: those owning the segment's top `sentenceRows` label /
   * description rows (one top-k product for all segments, in the row scorer), the top
   * `lexicalCandidates` skills by TF-IDF over uncommon grams, and exact label matches of a phrase;
   * each pooled skill gets its exact sentence signals (label max, description, TF-IDF). Stage 2 — the
   * pool's top `phraseCandidates` by that partial score (plus the exact matches) are the candidates.
   * Phrases: pooled, every phrase has a vector from the segment's own pass and is scored against the
   * candidates, and phrase TF-IDF is computed for the `maxPhrases` with the best cosine; embedded, the
   * `maxPhrases` with the best TF-IDF to a candidate are embedded. With `phraseCoarse`, each segment's top
   * skills by kept-phrase cosine to the preferred labels join the candidates. Candidates get every
   * feature exactly; other skills are not ranked by that segment.
   */
  async function candidateSignals(segments: readonly Segment[], embedded?: EmbeddedSegments): Promise<SegmentSignals[]> {
    const { allPhrases, pooled, sentVectors } = embedded ?? (await embedSegments(segments));
    const top = await topRowsChunked(sentVectors);
    const lexAll = on('lexical') || on('lexicalPhrase') || on('exact') || on('coverage');

    interface Staged {
      /** Per skill of the segment's candidates: exact sentence label max, description cosine, TF-IDF. */
      readonly base: Map<number, { s: number; d: number; l: number }>;
      readonly candidates: number[];
      readonly exactHits: readonly (readonly number[])[];
      readonly keptIdx: number[];
    }
    /** Exact sentence signals of skills not yet in `base` (TF-IDF in one forward-index call). */
    const fillBase = (i: number, base: Staged['base'], skills: Iterable<number>, S?: Map<number, number>, D?: Map<number, number>) => {
      const missing = [...skills].filter((k) => !base.has(k));
      if (missing.length === 0) return;
      const L = on('lexical') ? lexical.skillScoresFor(segments[i]!.text, Int32Array.from(missing)) : null;
      missing.forEach((k, c) => base.set(k, { s: S?.get(k) ?? labelMax(sentVectors[i]!, k), d: D?.get(k) ?? descScore(sentVectors[i]!, k), l: L ? L[c]! : 0 }));
    };

    // Stage 1.
    const staged: Staged[] = segments.map((seg, i) => {
      const phrases = allPhrases[i]!;
      const S = new Map<number, number>();
      const D = new Map<number, number>();
      for (let j = 0; j < top.k; j++) {
        const r = top.rows[i * top.k + j]!;
        const k = index.rowSkill[r]!;
        const m = index.rowKind[r] === RowKind.Described ? D : S;
        // Rows come best first: the first row seen of a kind is the skill's max of that kind.
        if (!m.has(k)) m.set(k, top.scores[i * top.k + j]!);
      }
      const pool = new Set<number>([...S.keys(), ...D.keys()]);
      if (lexAll && o.lexicalCandidates > 0) for (const k of lexical.topSkills(seg.text, o.lexicalCandidates)) pool.add(k);
      const base: Staged['base'] = new Map();
      fillBase(i, base, pool, S, D);
      const heap = new TopK(o.phraseCandidates);
      for (const [k, b] of base) heap.push(k, w.sentence * b.s + w.sentenceDescription * Math.max(b.d, 0) + w.lexical * b.l + priorScore[k]!);
      const cand = new Set(heap.sorted().map((x) => x.index));
      const exactHits = phrases.map((p) => lexical.exact(p.text));
      for (const hits of exactHits) for (const k of hits) cand.add(k);
      fillBase(i, base, cand);
      return { base, candidates: [...cand].sort((a, b) => a - b), exactHits, keptIdx: [] };
    });

    // Phrases. Embedded: TF-IDF of every phrase to the candidates' labels is the pre-score, the best
    // `maxPhrases` are embedded. Pooled: every phrase has a vector already, all are scored against the
    // candidates (below), and TF-IDF is computed for the `maxPhrases` with the best cosine only.
    const lexPhrase = staged.map((st, i) => {
      const phrases = allPhrases[i]!;
      const best = new Map<number, number>();
      if (pooled) {
        if (on('phrase')) st.keptIdx.push(...phrases.map((_, j) => j));
        return best;
      }
      const pre = phraseTfidf(phrases, Int32Array.from(st.candidates), best);
      if (on('phrase')) st.keptIdx.push(...bestPhrases(pre, o.maxPhrases));
      return best;
    });
    const phraseVecs = pooled
      ? staged.flatMap((st, i) => st.keptIdx.map((j) => labelVector(allPhrases[i]![j]!.text, st.exactHits[j]!) ?? pooled[i]!.spans[j]!))
      : await embedDistinct(staged.flatMap((st, i) => st.keptIdx.map((j) => allPhrases[i]![j]!.text)));

    // Coarse: every kept phrase's top skills by preferred label, merged per segment.
    const coarse = o.phraseCoarse > 0 && phraseVecs.length > 0 ? await chunkedTop(phraseVecs, o.phraseCoarse, index.topPreferred) : null;
    const out: SegmentSignals[] = [];
    let at = 0;
    for (let i = 0; i < segments.length; i++) {
      const st = staged[i]!;
      const phrases = allPhrases[i]!;
      const kept = st.keptIdx.map((j) => phrases[j]!);
      const vecs = phraseVecs.slice(at, at + kept.length);
      const candidates = new Set(st.candidates);
      if (coarse && kept.length > 0) {
        const best = new Map<number, number>();
        for (let j = at; j < at + kept.length; j++) {
          for (let c = 0; c < coarse.k; c++) {
            const k = coarse.rows[j * coarse.k + c]!;
            const v = coarse.scores[j * coarse.k + c]!;
            if (v > (best.get(k) ?? -Infinity)) best.set(k, v);
          }
        }
        const heap = new TopK(o.phraseCoarse);
        for (const [k, v] of best) heap.push(k, v);
        const added = heap.sorted().map((x) => x.index).filter((k) => !candidates.has(k));
        if (added.length > 0) {
          fillBase(i, st.base, added);
          if (on('lexicalPhrase') && !pooled) phraseTfidf(phrases, Int32Array.from(added), lexPhrase[i]!);
          for (const k of added) candidates.add(k);
        }
      }
      at += kept.length;
      const cands = Int32Array.from(candidates).sort();
      // Phrase cosine: the kept phrases against the candidates' label rows (one product).
      const phraseBest = new Float32Array(cands.length);
      const slot = new Map<number, number>();
      cands.forEach((k, c) => slot.set(k, c));
      const phraseCos = new Map<number, Float32Array>();
      if (on('phrase') && vecs.length > 0) {
        const rowIds: number[] = [];
        const owner: number[] = [];
        for (const k of cands) {
          for (let r = index.skillStart[k]!; r < index.skillStart[k + 1]!; r++) {
            if (index.rowKind[r] === RowKind.Described) continue;
            rowIds.push(r);
            owner.push(k);
          }
        }
        const q = vecs.length;
        const scores = await index.scoreRows(vecs, Int32Array.from(rowIds));
        for (let r = 0; r < rowIds.length; r++) {
          const k = owner[r]!;
          let cos = phraseCos.get(k);
          if (!cos) phraseCos.set(k, (cos = new Float32Array(q).fill(-1)));
          let m = 0;
          for (let j = 0; j < q; j++) {
            const v = scores[r * q + j]!;
            if (v > m) m = v;
            if (v > cos[j]!) cos[j] = v;
          }
          const c = slot.get(k)!;
          if (m > phraseBest[c]!) phraseBest[c] = m;
        }
      }
      if (pooled && on('lexicalPhrase') && kept.length > 0 && cands.length > 0) {
        // TF-IDF for the `maxPhrases` phrases with the best cosine to a candidate (all when 0).
        const pre = kept.map((_, j) => {
          let m = -1;
          for (const cos of phraseCos.values()) if (cos[j]! > m) m = cos[j]!;
          return m;
        });
        phraseTfidf(bestPhrases(pre, o.maxPhrases).map((j) => kept[j]!), cands, lexPhrase[i]!);
      }
      const exact = new Set(st.exactHits.flat());
      const feats = new Float32Array(cands.length * N_FEATURES);
      const lp = lexPhrase[i]!;
      const segWords = on('coverage') ? new Set(contentWords(segments[i]!.text)) : null;
      cands.forEach((k, c) => {
        const b = st.base.get(k)!;
        const at = c * N_FEATURES;
        feats[at + F.sentence] = b.s;
        feats[at + F.sentenceDescription] = Math.max(b.d, 0);
        feats[at + F.phrase] = phraseBest[c]!;
        feats[at + F.lexical] = b.l;
        feats[at + F.lexicalPhrase] = lp.get(k) ?? 0;
        feats[at + F.exact] = exact.has(k) ? 1 : 0;
        if (segWords) feats[at + F.coverage] = coverage(segWords, k);
        putPriors(feats, at, k);
      });
      putRelative(feats, cands.length);
      if (on('neighbour')) putNeighbours(feats, cands, priors?.neighbours);
      out.push({ segment: segments[i]!, phrases: kept, phraseVectors: vecs, phraseCos, phraseExact: st.keptIdx.map((j) => st.exactHits[j]!), skills: cands, features: feats, fused: fuse(feats, cands.length), phraseBest });
    }
    return out;
  }

  /** Every phrase against every label row (exact; `phraseCandidates: 0`): the reference for the candidate search. */
  async function exhaustiveSignals(segments: readonly Segment[]): Promise<SegmentSignals[]> {
    const phraseLists = segments.map((s) => candidatePhrases(s.text, o.maxPhraseWords));
    let vectors: Float32Array[];
    if (pooledPhrases) {
      // The same pooled phrase vectors as the candidate search (so it stays the exact reference).
      const pooled = await embedSpansDistinct(segments, phraseLists);
      vectors = pooled.flatMap((p, i) => [p.vector, ...p.spans.map((v, j) => labelVector(phraseLists[i]![j]!.text, lexical.exact(phraseLists[i]![j]!.text)) ?? v)]);
    } else {
      const texts: string[] = [];
      for (let i = 0; i < segments.length; i++) texts.push(segments[i]!.text, ...phraseLists[i]!.map((p) => p.text));
      vectors = await embedDistinct(texts);
    }
    // Every sentence and phrase vector against all rows, in matrix products of ≤ QUERY_CHUNK queries.
    // Sentences reduce to per-skill maxima (label rows, description rows); phrases first reduce to a
    // per-row max over the segment's phrases, then to per-skill maxima once per segment.
    const segmentOf = new Int32Array(vectors.length);
    const isSentence = new Uint8Array(vectors.length);
    for (let i = 0, at = 0; i < segments.length; i++) {
      isSentence[at] = 1;
      segmentOf.fill(i, at, at + 1 + phraseLists[i]!.length);
      at += 1 + phraseLists[i]!.length;
    }
    const needPhrases = on('phrase');
    const sentLabel: Float32Array[] = [];
    const sentDescribed: Float32Array[] = [];
    const phraseRowMax: (Float32Array | null)[] = segments.map(() => null);
    const rows = index.rows;
    for (let c = 0; c < vectors.length; c += QUERY_CHUNK) {
      const ids: number[] = [];
      for (let j = c; j < Math.min(vectors.length, c + QUERY_CHUNK); j++) if (isSentence[j] || needPhrases) ids.push(j);
      if (ids.length === 0) continue;
      const scores = await index.rowScores(ids.map((j) => vectors[j]!));
      ids.forEach((j, q) => {
        const seg = segmentOf[j]!;
        if (isSentence[j]) {
          sentLabel[seg] = index.maxPerSkill(scores, q * rows, LABEL_KINDS, new Float32Array(nSkills));
          sentDescribed[seg] = index.maxPerSkill(scores, q * rows, DESC_KINDS, new Float32Array(nSkills));
          return;
        }
        let m = phraseRowMax[seg];
        if (!m) {
          phraseRowMax[seg] = m = scores.slice(q * rows, (q + 1) * rows);
          return;
        }
        const off = q * rows;
        for (let r = 0; r < rows; r++) if (scores[off + r]! > m[r]!) m[r] = scores[off + r]!;
      });
    }
    const out: SegmentSignals[] = [];
    let at = 0;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      const phrases = phraseLists[i]!;
      at++;
      const phraseVectors = vectors.slice(at, at + phrases.length);
      at += phrases.length;
      const feats = new Float32Array(nSkills * N_FEATURES);
      const phraseBest = new Float32Array(nSkills);
      const col = (f: number, v: (k: number) => number) => {
        for (let k = 0; k < nSkills; k++) feats[k * N_FEATURES + f] = v(k);
      };
      if (on('sentence')) col(F.sentence, (k) => sentLabel[i]![k]!);
      // Skills without a description have no row (-1): they get 0 from this signal.
      if (on('sentenceDescription')) col(F.sentenceDescription, (k) => Math.max(sentDescribed[i]![k]!, 0));
      const rowMax = phraseRowMax[i];
      if (needPhrases && rowMax) {
        index.maxPerSkill(rowMax, 0, LABEL_KINDS, phraseBest);
        for (let k = 0; k < nSkills; k++) if (phraseBest[k]! < 0) phraseBest[k] = 0;
        col(F.phrase, (k) => phraseBest[k]!);
      }
      const lexSent = on('lexical') || on('coverage') ? lexical.skillScores(seg.text) : null;
      if (lexSent && on('lexical')) col(F.lexical, (k) => lexSent[k]!);
      if (on('lexicalPhrase')) {
        const best = new Float32Array(nSkills);
        const buf = new Float32Array(nSkills);
        for (const p of phrases) {
          lexical.skillScores(p.text, buf);
          for (let k = 0; k < nSkills; k++) if (buf[k]! > best[k]!) best[k] = buf[k]!;
        }
        col(F.lexicalPhrase, (k) => best[k]!);
      }
      if (on('exact')) for (const p of phrases) for (const k of lexical.exact(p.text)) feats[k * N_FEATURES + F.exact] = 1;
      // Coverage needs a shared word, which implies shared n-grams: skills with no TF-IDF overlap score 0.
      if (on('coverage') && lexSent) {
        const segWords = new Set(contentWords(seg.text));
        for (let k = 0; k < nSkills; k++) if (lexSent[k]! > 0) feats[k * N_FEATURES + F.coverage] = coverage(segWords, k);
      }
      for (let k = 0; k < nSkills; k++) putPriors(feats, k * N_FEATURES, k);
      putRelative(feats, nSkills);
      if (on('neighbour')) putNeighbours(feats, allSkills, priors?.neighbours);
      out.push({ segment: seg, phrases, phraseVectors, skills: allSkills, features: feats, fused: fuse(feats, nSkills), phraseBest });
    }
    return out;
  }

  /** The fused score of feature row c split by family: Σ weight·feature over the embedding, lexical and prior features. */
  function parts(feats: Float32Array, c: number): { embedding: number; lexical: number; prior: number } {
    const out = { embedding: 0, lexical: 0, prior: 0 };
    FEATURES.forEach((f, i) => (out[FAMILY[f]] += wv[i]! * feats[c * N_FEATURES + i]!));
    return out;
  }

  /** The phrase of a segment that best carries skill `k` (label cosine, exact match first), with its cosine. */
  function bestPhrase(sig: SegmentSignals, k: number): { phrase: Phrase | null; cosine: number } {
    const start = index.skillStart[k]!;
    const end = index.skillStart[k + 1]!;
    let best: Phrase | null = null;
    let bestScore = -Infinity;
    let bestCos = 0;
    const known = sig.phraseCos?.get(k);
    sig.phrases.forEach((p, i) => {
      const v = sig.phraseVectors[i]!;
      let cos = known ? known[i]! : -1;
      if (!known) for (let r = start; r < end; r++) if (index.rowKind[r] !== RowKind.Described) cos = Math.max(cos, rowDot(v, r));
      const score = cos + ((sig.phraseExact?.[i] ?? lexical.exact(p.text)).includes(k) ? 1 : 0);
      if (score > bestScore) {
        bestScore = score;
        best = p;
        bestCos = Math.max(0, cos);
      }
    });
    return { phrase: best, cosine: bestCos };
  }

  async function link(text: string): Promise<LinkResult[]> {
    if (typeof text !== 'string') throw invalidOption('text', text, 'a string');
    return assemble(text, await signals(segmentsOf(text)));
  }

  /**
   * Many texts: segments of `batchTexts` texts at a time go through each stage together (longer model
   * batches, one top-k product for all their segments), and the next batch's model step is started
   * before this batch is scored — with an embedder that runs off the main thread (a worker), the two
   * overlap. Same results as `link` on each text given the same vectors: with the int8 model a text's
   * vector moves slightly with its batch mates (activations are quantised per batch; measured median
   * 0.006 confidence), so exact equality holds for fp32 or when the vectors come from the cache.
   */
  async function linkMany(texts: readonly string[], opts: { readonly batchTexts?: number } = {}): Promise<LinkResult[][]> {
    if (!Array.isArray(texts as unknown)) throw invalidOption('texts', texts, 'an array of strings');
    texts.forEach((t, i) => {
      if (typeof t !== 'string') throw invalidOption(`texts[${i}]`, t, 'a string');
    });
    const batchTexts = opts.batchTexts ?? 16;
    if (!Number.isInteger(batchTexts) || batchTexts < 1 || batchTexts > 10_000) throw invalidOption('batchTexts', batchTexts, 'an integer in [1, 10000]');
    if (o.phraseCandidates === 0) {
      const out: LinkResult[][] = [];
      for (const t of texts) out.push(await link(t));
      return out;
    }
    const batches: { from: number; segments: Segment[][] }[] = [];
    for (let i = 0; i < texts.length; i += batchTexts) batches.push({ from: i, segments: texts.slice(i, i + batchTexts).map(segmentsOf) });
    const out: LinkResult[][] = new Array(texts.length);
    let next = batches.length > 0 ? embedSegments(batches[0]!.segments.flat()) : null;
    for (let b = 0; b < batches.length; b++) {
      const embedded = await next!;
      const all = batches[b]!.segments.flat();
      next = b + 1 < batches.length ? embedSegments(batches[b + 1]!.segments.flat()) : null;
      // Awaited after this batch is scored; the handler only keeps a failure from counting as unhandled meanwhile.
      next?.catch(() => undefined);
      const sigs = await candidateSignals(all, embedded);
      let at = 0;
      batches[b]!.segments.forEach((segs, j) => {
        out[batches[b]!.from + j] = assemble(texts[batches[b]!.from + j]!, sigs.slice(at, at + segs.length));
        at += segs.length;
      });
    }
    return out;
  }

  /** One text's links from its segments' signals: per segment the best skills, one result per skill. */
  function assemble(text: string, sigs: readonly SegmentSignals[]): LinkResult[] {
    const bySkill = new Map<number, LinkResult>();
    for (const sig of sigs) {
      const seg = sig.segment;
      // Candidates: the top fused scores of the segment, each explained by its best phrase.
      const heap = new TopK(o.perSegment * 3);
      for (let c = 0; c < sig.skills.length; c++) if (sig.fused[c]! > heap.threshold) heap.push(c, sig.fused[c]!);
      const candidates = heap.sorted().map(({ index: c, score }) => {
        const k = sig.skills[c]!;
        const { phrase, cosine } = bestPhrase(sig, k);
        return { k, c, score, phrase, confidence: calibrate(score, o.calibration, cosine) };
      });
      candidates.sort((a, b) => b.confidence - a.confidence || a.k - b.k);
      // At most `perPhrase` skills per span: one mention rarely names more than one or two skills.
      const perSpan = new Map<string, number>();
      let kept = 0;
      for (const c of candidates) {
        if (c.confidence < o.threshold || kept >= o.perSegment) break;
        const span: [number, number] = c.phrase ? [seg.start + c.phrase.start, seg.start + c.phrase.end] : [seg.start, seg.end];
        const key = `${span[0]}:${span[1]}`;
        const n = perSpan.get(key) ?? 0;
        if (n >= o.perPhrase) continue;
        perSpan.set(key, n + 1);
        kept++;
        const prior = bySkill.get(c.k);
        if (prior && prior.confidence >= c.confidence) continue;
        const skill = index.skills[c.k]!;
        bySkill.set(c.k, {
          skillId: skill.id,
          label: skill.preferredLabel,
          confidence: c.confidence,
          provenance: { kind: 'text', source: seg.text, span },
          phrase: text.slice(span[0], span[1]),
          scores: {
            ...parts(sig.features, c.c),
            fused: c.score,
          },
        });
      }
    }
    return [...bySkill.values()].sort((a, b) => b.confidence - a.confidence || (a.skillId < b.skillId ? -1 : 1));
  }

  async function rankSkills(text: string, k = nSkills): Promise<RankedSkill[]> {
    if (typeof text !== 'string') throw invalidOption('text', text, 'a string');
    if (!Number.isInteger(k) || k < 1) throw invalidOption('k', k, 'a positive integer');
    let segments = segmentsOf(text);
    // A text that is all boilerplate (or one short line) is still ranked as a whole.
    if (segments.length === 0 && text.trim() !== '') segments = [{ text, start: 0, end: text.length }];
    const sigs = await signals(segments);
    const best = new Float32Array(nSkills).fill(-Infinity);
    const phrase = new Float32Array(nSkills);
    for (const s of sigs) {
      for (let c = 0; c < s.skills.length; c++) {
        const i = s.skills[c]!;
        if (s.fused[c]! > best[i]!) {
          best[i] = s.fused[c]!;
          phrase[i] = s.phraseBest[c]!;
        }
      }
    }
    // Skills no segment ranked (outside every candidate set: -Infinity) are left out.
    const heap = new TopK(Math.min(k, nSkills));
    for (let i = 0; i < nSkills; i++) if (best[i]! > heap.threshold && best[i]! > -Infinity) heap.push(i, best[i]!);
    return heap.sorted().map((s) => ({ skillId: index.skills[s.index]!.id, score: s.score, phrase: phrase[s.index]! }));
  }

  async function candidateFeatures(text: string): Promise<{ readonly skillId: string; readonly features: Float32Array }[]> {
    if (typeof text !== 'string') throw invalidOption('text', text, 'a string');
    let segments = segmentsOf(text);
    if (segments.length === 0 && text.trim() !== '') segments = [{ text, start: 0, end: text.length }];
    const best = new Map<number, { score: number; features: Float32Array }>();
    for (const s of await signals(segments)) {
      for (let c = 0; c < s.skills.length; c++) {
        const k = s.skills[c]!;
        if ((best.get(k)?.score ?? -Infinity) < s.fused[c]!) best.set(k, { score: s.fused[c]!, features: s.features.slice(c * N_FEATURES, (c + 1) * N_FEATURES) });
      }
    }
    return [...best].sort((a, b) => a[0] - b[0]).map(([k, v]) => ({ skillId: index.skills[k]!.id, features: v.features }));
  }

  return { options: o, link, linkMany, rankSkills, candidateFeatures };
}
