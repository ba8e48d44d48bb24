import type { TopRows } from '../embedding/row-scorer.ts';
import { TopK } from '../embedding/top-k.ts';
import { RowKind } from './label-rows.ts';
import { candidatePhrases } from './phrases.ts';
import { contentWords, F, N_FEATURES, putNeighbours, putRelative } from './features.ts';
import type { EmbeddedSegments, ScoringContext, SegmentSignals } from './scoring-context.ts';
import type { Segment } from './segment.ts';

/** The model step of the candidate search: phrases, segment vectors (and pooled phrase vectors). */
export async function embedSegments(ctx: ScoringContext, segments: readonly Segment[]): Promise<EmbeddedSegments> {
  const { o, pooledPhrases, embedDistinct, embedSpansDistinct } = ctx;
  const allPhrases = segments.map((s) => ctx.queryPhrases(candidatePhrases(s.text, o.maxPhraseWords), s.text));
  // Pooled: one model pass per segment gives its vector and every phrase's (from contextual tokens).
  const pooled = pooledPhrases ? await embedSpansDistinct(segments, allPhrases) : null;
  const sentVectors = pooled ? pooled.map((p) => p.vector) : await embedDistinct(segments.map((s) => ctx.queryText(s.text)));
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
export async function candidateSignals(ctx: ScoringContext, segments: readonly Segment[], embedded?: EmbeddedSegments): Promise<SegmentSignals[]> {
  const { allPhrases, pooled, sentVectors } = embedded ?? (await embedSegments(ctx, segments));
  const staged = await poolCandidates(ctx, segments, allPhrases, sentVectors);
  const lexPhrase = pickPhrases(ctx, staged, allPhrases, pooled !== null);
  const phraseVecs = await keptPhraseVectors(ctx, staged, allPhrases, pooled);
  // Coarse: every kept phrase's top skills by preferred label, merged per segment.
  const coarse = ctx.o.phraseCoarse > 0 && phraseVecs.length > 0 ? await ctx.chunkedTop(phraseVecs, ctx.o.phraseCoarse, ctx.index.topPreferred) : null;
  const out: SegmentSignals[] = [];
  let at = 0;
  for (let i = 0; i < segments.length; i++) {
    const st = staged[i]!;
    const phrases = allPhrases[i]!;
    const kept = st.keptIdx.map((j) => phrases[j]!);
    const vecs = phraseVecs.slice(at, at + kept.length);
    const seg: SegmentInput = { text: ctx.queryText(segments[i]!.text), vector: sentVectors[i]! };
    const candidates = new Set(st.candidates);
    if (coarse && kept.length > 0) {
      const added = joinCoarse(ctx, seg, st, coarse, at, kept.length, candidates);
      if (added.length > 0 && ctx.on('lexicalPhrase') && !pooled) ctx.phraseTfidf(phrases, Int32Array.from(added), lexPhrase[i]!);
      for (const k of added) candidates.add(k);
    }
    at += kept.length;
    const cands = Int32Array.from(candidates).sort();
    const { phraseBest, phraseCos } = await phraseCosines(ctx, cands, vecs);
    if (pooled && ctx.on('lexicalPhrase') && kept.length > 0 && cands.length > 0) {
      // TF-IDF for the `maxPhrases` phrases with the best cosine to a candidate (all when 0).
      const pre = kept.map((_, j) => {
        let m = -1;
        for (const cos of phraseCos.values()) if (cos[j]! > m) m = cos[j]!;
        return m;
      });
      ctx.phraseTfidf(ctx.bestPhrases(pre, ctx.o.maxPhrases).map((j) => kept[j]!), cands, lexPhrase[i]!);
    }
    const feats = segmentFeatures(ctx, seg.text, st, cands, phraseBest, lexPhrase[i]!);
    out.push({ segment: segments[i]!, phrases: kept, phraseVectors: vecs, phraseCos, phraseExact: st.keptIdx.map((j) => st.exactHits[j]!), skills: cands, features: feats, fused: ctx.fuse(feats, cands.length), phraseBest });
  }
  return out;
}

/** Per skill of a segment's pool: exact sentence label max (s), description cosine (d), TF-IDF (l). */
type BaseSignals = Map<number, { s: number; d: number; l: number }>;

/** One segment after stage 1 and the phrase pick. */
interface Staged {
  readonly base: BaseSignals;
  readonly candidates: number[];
  /** Per phrase, the skills one of whose labels it equals. */
  readonly exactHits: readonly (readonly number[])[];
  /** Indices of the phrases that get a vector (filled by `pickPhrases`). */
  readonly keptIdx: number[];
}

interface SegmentInput {
  readonly text: string;
  readonly vector: Float32Array;
}

/** Exact sentence signals of skills not yet in `base` (TF-IDF in one forward-index call); S / D = values already known from the top-k rows. */
function fillBase(ctx: ScoringContext, seg: SegmentInput, base: BaseSignals, skills: Iterable<number>, S?: Map<number, number>, D?: Map<number, number>): void {
  const missing = [...skills].filter((k) => !base.has(k));
  if (missing.length === 0) return;
  const L = ctx.on('lexical') ? ctx.lexical.skillScoresFor(seg.text, Int32Array.from(missing)) : null;
  missing.forEach((k, c) => base.set(k, { s: S?.get(k) ?? ctx.labelMax(seg.vector, k), d: D?.get(k) ?? ctx.descScore(seg.vector, k), l: L ? L[c]! : 0 }));
}

/**
 * Stage 1: a pool of skills per segment — those owning its top `sentenceRows` label / description rows
 * (one top-k product for all segments), the top `lexicalCandidates` by TF-IDF, exact label matches of a
 * phrase — each with its exact sentence signals; the pool's top `phraseCandidates` by that partial score
 * (plus the exact matches) are the candidates.
 */
async function poolCandidates(ctx: ScoringContext, segments: readonly Segment[], allPhrases: EmbeddedSegments['allPhrases'], sentVectors: readonly Float32Array[]): Promise<Staged[]> {
  const { o, index, lexical, w, on, priorScore } = ctx;
  const top = await ctx.topRowsChunked(sentVectors);
  const lexAll = on('lexical') || on('lexicalPhrase') || on('exact') || on('coverage');
  return segments.map((segment, i) => {
    const seg: SegmentInput = { text: ctx.queryText(segment.text), vector: sentVectors[i]! };
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
    const base: BaseSignals = new Map();
    fillBase(ctx, seg, base, pool, S, D);
    const heap = new TopK(o.phraseCandidates);
    for (const [k, b] of base) heap.push(k, w.sentence * b.s + w.sentenceDescription * Math.max(b.d, 0) + w.lexical * b.l + priorScore[k]!);
    const cand = new Set(heap.sorted().map((x) => x.index));
    const exactHits = allPhrases[i]!.map((p) => lexical.exact(p.text));
    for (const hits of exactHits) for (const k of hits) cand.add(k);
    fillBase(ctx, seg, base, cand);
    return { base, candidates: [...cand].sort((a, b) => a - b), exactHits, keptIdx: [] };
  });
}

/**
 * Which phrases get a vector. Embedded: TF-IDF of every phrase to the candidates' labels is the
 * pre-score, the best `maxPhrases` are embedded (and that TF-IDF is the lexical-phrase feature).
 * Pooled: every phrase has a vector already; lexical-phrase is computed later for the best by cosine.
 * Returns per segment the lexical-phrase feature so far (skill → value).
 */
function pickPhrases(ctx: ScoringContext, staged: readonly Staged[], allPhrases: EmbeddedSegments['allPhrases'], pooled: boolean): Map<number, number>[] {
  return staged.map((st, i) => {
    const phrases = allPhrases[i]!;
    const best = new Map<number, number>();
    if (pooled) {
      if (ctx.on('phrase')) st.keptIdx.push(...phrases.map((_, j) => j));
      return best;
    }
    const pre = ctx.phraseTfidf(phrases, Int32Array.from(st.candidates), best);
    if (ctx.on('phrase')) st.keptIdx.push(...ctx.bestPhrases(pre, ctx.o.maxPhrases));
    return best;
  });
}

/** Vectors of the kept phrases, all segments back to back: pooled from the segment's pass (a phrase that IS a label takes the label's vector), or embedded on their own (through the cached embedder: the phrase cache). */
async function keptPhraseVectors(ctx: ScoringContext, staged: readonly Staged[], allPhrases: EmbeddedSegments['allPhrases'], pooled: EmbeddedSegments['pooled']): Promise<Float32Array[]> {
  return pooled
    ? staged.flatMap((st, i) => st.keptIdx.map((j) => ctx.labelVector(allPhrases[i]![j]!.text, st.exactHits[j]!) ?? pooled[i]!.spans[j]!))
    : ctx.embedDistinct(staged.flatMap((st, i) => st.keptIdx.map((j) => allPhrases[i]![j]!.text)));
}

/** The segment's top `phraseCoarse` skills by kept-phrase cosine to preferred labels that are not candidates yet (their base signals filled). */
function joinCoarse(ctx: ScoringContext, seg: SegmentInput, st: Staged, coarse: TopRows, from: number, n: number, candidates: ReadonlySet<number>): number[] {
  const best = new Map<number, number>();
  for (let j = from; j < from + n; j++) {
    for (let c = 0; c < coarse.k; c++) {
      const k = coarse.rows[j * coarse.k + c]!;
      const v = coarse.scores[j * coarse.k + c]!;
      if (v > (best.get(k) ?? -Infinity)) best.set(k, v);
    }
  }
  const heap = new TopK(ctx.o.phraseCoarse);
  for (const [k, v] of best) heap.push(k, v);
  const added = heap.sorted().map((x) => x.index).filter((k) => !candidates.has(k));
  fillBase(ctx, seg, st.base, added);
  return added;
}

/** The kept phrases against the candidates' label rows (one product): per candidate its best phrase cosine (≥ 0), and per skill the cosine of each phrase. */
async function phraseCosines(ctx: ScoringContext, cands: Int32Array, vecs: readonly Float32Array[]): Promise<{ phraseBest: Float32Array; phraseCos: Map<number, Float32Array> }> {
  const { index } = ctx;
  const phraseBest = new Float32Array(cands.length);
  const phraseCos = new Map<number, Float32Array>();
  if (!ctx.on('phrase') || vecs.length === 0) return { phraseBest, phraseCos };
  const slot = new Map<number, number>();
  cands.forEach((k, c) => slot.set(k, c));
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
  // Each candidate's cosines are a view into one buffer (not a small array buffer of their own per candidate).
  const flat = new Float32Array(cands.length * q).fill(-1);
  for (let r = 0; r < rowIds.length; r++) {
    const k = owner[r]!;
    let cos = phraseCos.get(k);
    if (!cos) {
      const c = slot.get(k)!;
      phraseCos.set(k, (cos = flat.subarray(c * q, (c + 1) * q)));
    }
    let m = 0;
    for (let j = 0; j < q; j++) {
      const v = scores[r * q + j]!;
      if (v > m) m = v;
      if (v > cos[j]!) cos[j] = v;
    }
    const c = slot.get(k)!;
    if (m > phraseBest[c]!) phraseBest[c] = m;
  }
  return { phraseBest, phraseCos };
}

/** The feature matrix of a segment's candidates (FEATURES order, one row per candidate). */
function segmentFeatures(ctx: ScoringContext, text: string, st: Staged, cands: Int32Array, phraseBest: Float32Array, lexPhrase: ReadonlyMap<number, number>): Float32Array {
  const { on } = ctx;
  const exact = new Set(st.exactHits.flat());
  const feats = new Float32Array(cands.length * N_FEATURES);
  const segWords = on('coverage') ? new Set(contentWords(text)) : null;
  const named = segWords && ctx.names ? ctx.names.namedIn(text) : undefined;
  cands.forEach((k, c) => {
    const b = st.base.get(k)!;
    const at = c * N_FEATURES;
    feats[at + F.sentence] = b.s;
    feats[at + F.sentenceDescription] = Math.max(b.d, 0);
    feats[at + F.phrase] = phraseBest[c]!;
    feats[at + F.lexical] = b.l;
    feats[at + F.lexicalPhrase] = lexPhrase.get(k) ?? 0;
    feats[at + F.exact] = exact.has(k) ? 1 : 0;
    if (segWords) feats[at + F.coverage] = ctx.coverage(segWords, k, named);
    ctx.putPriors(feats, at, k);
  });
  putRelative(feats, cands.length);
  if (on('neighbour')) putNeighbours(feats, cands, ctx.priors?.neighbours);
  return feats;
}
