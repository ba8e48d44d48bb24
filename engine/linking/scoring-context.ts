import { normaliseLabel } from '../../taxonomy/model/normalise.ts';
import type { SpanEmbedding, SpanRequest } from '../ports/embedder.ts';
import type { TopRows } from '../embedding/row-scorer.ts';
import { RowKind } from './label-rows.ts';
import type { ResolvedLinkerOptions } from './options.ts';
import type { Phrase } from './phrases.ts';
import { contentWords, F, FEATURES, N_FEATURES, type Feature } from './features.ts';
import type { Segment } from './segment.ts';
import { nameLabels } from './name-labels.ts';
import { withoutPlaceholders } from './placeholders.ts';
import { productNames } from './product-names.ts';
import { peopleObjects, verbFormsOf } from './verb-forms.ts';

export const LABEL_KINDS: ReadonlySet<RowKind> = new Set([RowKind.Preferred, RowKind.Alternative, RowKind.Hidden]);
export const DESC_KINDS: ReadonlySet<RowKind> = new Set([RowKind.Described]);
/** Queries per matrix product (bounds the q × rows score buffer: 96 × 113k floats ≈ 43 MB for ESCO). */
export const QUERY_CHUNK = 96;

/** Per-skill signals of one segment, plus what is needed to explain a match. */
export interface SegmentSignals {
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
export interface EmbeddedSegments {
  readonly allPhrases: readonly (readonly Phrase[])[];
  readonly pooled: readonly SpanEmbedding[] | null;
  readonly sentVectors: readonly Float32Array[];
}

/** The per-linker state and helpers both searches (candidate and exhaustive) and the assembly step share. */
export type ScoringContext = ReturnType<typeof createScoringContext>;

/**
 * Per-linker scoring state: weights as a vector, which features are on, taxonomy priors and their fixed
 * part of the fused score, and the row/label/phrase helpers of the searches.
 */
export function createScoringContext(o: ResolvedLinkerOptions) {
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
  /** Labels that are names only where written as names ("Access", "Source": name-labels.ts); null when the taxonomy has none. */
  const names = nameLabels(index.skills);
  /** Per label row, the name label's key when the row is one (null when not), computed on first use. */
  const rowName: (string | null | undefined)[] = [];
  const nameOfRow = (r: number): string | null => (rowName[r] === undefined ? (rowName[r] = names?.nameOf(index.rowText[r]!) ?? null) : rowName[r]);
  /**
   * Share of a label's content words present in the segment (max over the skill's label rows). With `named` (the name
   * labels the segment writes as names: NameLabels.namedIn), a name label's row counts only when named.
   */
  function coverage(segWords: ReadonlySet<string>, k: number, named?: ReadonlySet<string>): number {
    let best = 0;
    for (let r = index.skillStart[k]!; r < index.skillStart[k + 1]!; r++) {
      if (index.rowKind[r] === RowKind.Described) continue;
      if (named) {
        const name = nameOfRow(r);
        if (name !== null && !named.has(name)) continue;
      }
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
  /** Inflected verbs read as the labels' base forms (`verbForms`, CV text): the query a segment's text gives. */
  const verbs = o.verbForms ? verbFormsOf(index.skills.flatMap((s) => [s.preferredLabel, ...s.altLabels])) : null;
  /** With verb forms and occupation titles: people as a verb's object in the labels' generic word ("train two junior analysts" as "train employees"). */
  const people = verbs && o.priors?.senses ? peopleObjects(o.priors.senses.byLabel.keys()) : null;
  /** Products a text lists without their vendor, read by their full name ("Word, Excel" as "Microsoft Word, Microsoft Excel"). */
  const products = productNames(index.skills);
  /** A segment as a query: without redaction placeholders; product names in full; its verbs in base form, and with `people` the object of its leading verb ("train six baristas who …" as "train employees who …"). */
  const queryText = (raw: string): string => {
    const plain = withoutPlaceholders(raw);
    const text = products ? products.expand(plain) : plain;
    if (!verbs) return text;
    const base = verbs.normalise(text);
    return people ? people.generaliseLead(base) : base;
  };
  /** Phrases as queries: a multi-word phrase's verbs in base form (a one-word phrase stays: "cleaned" is not the label "clean"); offsets unchanged. */
  const queryPhrase = (p: Phrase): Phrase => {
    const text = verbs!.normalise(p.text, p.start === 0);
    return { ...p, text: people ? people.generalise(text) : text };
  };
  /** A segment's phrases as queries: a name label's word only where written as a name; product names in full (read in the whole segment), then verbs. */
  const queryPhrases = (phrases: Phrase[], segment: string): Phrase[] => {
    const kept = names ? names.filter(segment, phrases) : phrases;
    const named = products ? products.expandPhrases(segment, kept) : kept;
    return verbs ? named.map((p) => (p.words < 2 ? p : queryPhrase(p))) : named;
  };

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
    const score = lexical.restrict(skills, phrases.map((p) => p.text));
    const buf = new Float32Array(skills.length);
    // Per skill the max so far (from `best`, 0 when absent), raised phrase by phrase, written back once.
    const top = Float64Array.from(skills, (k) => best.get(k) ?? 0);
    const before = Float64Array.from(top);
    for (let j = 0; j < phrases.length; j++) {
      score(phrases[j]!.text, buf);
      let m = 0;
      for (let c = 0; c < skills.length; c++) {
        const v = buf[c]!;
        if (v > top[c]!) top[c] = v;
        if (v > m) m = v;
      }
      pre[j] = m;
    }
    for (let c = 0; c < skills.length; c++) if (top[c]! > before[c]! && top[c]! > (best.get(skills[c]!) ?? 0)) best.set(skills[c]!, top[c]!);
    return pre;
  }

  /** Indices 0..pre.length-1, at most `max` of them (0 = all) by highest pre-score (ties: lower index), in ascending order. */
  function bestPhrases(pre: ArrayLike<number>, max: number): number[] {
    const all = Array.from({ length: pre.length }, (_, j) => j);
    if (max === 0 || all.length <= max) return all;
    return all.sort((a, b) => pre[b]! - pre[a]! || a - b).slice(0, max).sort((a, b) => a - b);
  }
  return { o, index, lexical, embedder, w, nSkills, wv, on, priors, pooledPhrases, queryText, queryPhrases, names, coverage, putPriors, priorScore, fuse, allSkills, embedDistinct, labelVector, embedSpansDistinct, topRowsChunked, chunkedTop, rowDot, labelMax, descScore, phraseTfidf, bestPhrases };
}
