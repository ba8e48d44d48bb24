import { candidatePhrases } from './phrases.ts';
import { contentWords, F, N_FEATURES, putNeighbours, putRelative } from './features.ts';
import { DESC_KINDS, LABEL_KINDS, QUERY_CHUNK, type ScoringContext, type SegmentSignals } from './scoring-context.ts';
import type { Segment } from './segment.ts';

/** Every phrase against every label row (exact; `phraseCandidates: 0`): the reference for the candidate search. */
export async function exhaustiveSignals(ctx: ScoringContext, segments: readonly Segment[]): Promise<SegmentSignals[]> {
  const { o, index, lexical, nSkills, on, priors, pooledPhrases, coverage, putPriors, fuse, allSkills, embedDistinct, labelVector, embedSpansDistinct } = ctx;
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
