import type { Provenance } from '../../taxonomy/model/types.ts';
import { TopK } from '../embedding/top-k.ts';
import { isBoilerplate, isNonRequirement, NON_REQUIREMENT_FACTOR } from './boilerplate.ts';
import { calibrate } from './calibration.ts';
import { candidateSignals, embedSegments } from './candidate-search.ts';
import { invalidOption } from './errors.ts';
import { exhaustiveSignals } from './exhaustive-search.ts';
import { RowKind } from './label-rows.ts';
import { resolveLinkerOptions, type LinkerOptions, type ResolvedLinkerOptions } from './options.ts';
import { tokenize, type Phrase } from './phrases.ts';
import { FAMILY, FEATURES, N_FEATURES } from './features.ts';
import { namesItself, SENSE_FACTOR, senseConflict, titleOccupation } from './occupation-senses.ts';
import { createScoringContext, type SegmentSignals } from './scoring-context.ts';
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

export interface LinkManyOptions {
  /** Texts per model batch (default 16). */
  readonly batchTexts?: number;
  /**
   * Each text's stated occupation (an occupation id, e.g. a posting's JSON-LD `occupationalCategory`; null or absent =
   * none): its skills are read in that occupation's sense (occupation-senses.ts) as a title line naming it would make
   * them; it wins over the title line. Ignored without the occupations in the priors, and for an unknown id.
   */
  readonly occupations?: readonly (string | null | undefined)[];
}

export interface Linker {
  readonly options: ResolvedLinkerOptions;
  /** Skills found in `text` with at least the threshold confidence, best first, one result per skill. */
  link(text: string): Promise<LinkResult[]>;
  /** `link` over many texts, batched and pipelined for throughput (bulk imports); results in input order (see the q8 note at the implementation). */
  linkMany(texts: readonly string[], opts?: LinkManyOptions): Promise<LinkResult[][]>;
  /**
   * Every skill the text's segments rank, with its feature vector (FEATURES order) from the segment
   * where its fused score is highest: the samples for fitting fusion weights (create the linker with
   * `allFeatures: true` so features at weight 0 are computed too).
   */
  candidateFeatures(text: string): Promise<{ readonly skillId: string; readonly features: Float32Array }[]>;
  /** All skills (or the top k) ranked by fused score over the whole text (for evaluation). */
  rankSkills(text: string, k?: number): Promise<RankedSkill[]>;
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
  const ctx = createScoringContext(o);
  const { index, lexical, nSkills, wv, rowDot } = ctx;

  function segmentsOf(text: string): Segment[] {
    const out: Segment[] = [];
    for (const s of segmentText(text)) {
      if (isBoilerplate(s.text, o.boilerplate) || isHeading(s.text)) continue;
      out.push(...windows(s, o.maxSegmentWords));
    }
    return out;
  }

  async function signals(segments: readonly Segment[]): Promise<SegmentSignals[]> {
    return o.phraseCandidates > 0 ? candidateSignals(ctx, segments) : exhaustiveSignals(ctx, segments);
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

  /** One text: `linkMany`'s path (one batch), so both give the same links. */
  async function link(text: string): Promise<LinkResult[]> {
    if (typeof text !== 'string') throw invalidOption('text', text, 'a string');
    return (await linkMany([text]))[0]!;
  }

  /**
   * Many texts: segments of `batchTexts` texts at a time go through each stage together (longer model
   * batches, one top-k product for all their segments), and the next batch's model step is started
   * before this batch is scored — with an embedder that runs off the main thread (a worker), the two
   * overlap. Same results as `link` on each text given the same vectors: with the int8 model a text's
   * vector moves slightly with its batch mates (activations are quantised per batch; measured median
   * 0.006 confidence), so exact equality holds for fp32 or when the vectors come from the cache.
   */
  async function linkMany(texts: readonly string[], opts: LinkManyOptions = {}): Promise<LinkResult[][]> {
    if (!Array.isArray(texts as unknown)) throw invalidOption('texts', texts, 'an array of strings');
    texts.forEach((t, i) => {
      if (typeof t !== 'string') throw invalidOption(`texts[${i}]`, t, 'a string');
    });
    const stated = opts.occupations;
    if (stated !== undefined && (!Array.isArray(stated as unknown) || stated.length !== texts.length || stated.some((x) => x !== null && x !== undefined && typeof x !== 'string'))) {
      throw invalidOption('occupations', stated, `an array of ${texts.length} occupation ids or nulls (one per text)`);
    }
    const batchTexts = opts.batchTexts ?? 16;
    if (!Number.isInteger(batchTexts) || batchTexts < 1 || batchTexts > 10_000) throw invalidOption('batchTexts', batchTexts, 'an integer in [1, 10000]');
    // The exhaustive reference: each text alone (its segments' vectors embedded together, as ever).
    if (o.phraseCandidates === 0) {
      const out: LinkResult[][] = [];
      for (let i = 0; i < texts.length; i++) out.push(assemble(texts[i]!, await signals(segmentsOf(texts[i]!)), stated?.[i]));
      return out;
    }
    const batches: { from: number; segments: Segment[][] }[] = [];
    for (let i = 0; i < texts.length; i += batchTexts) batches.push({ from: i, segments: texts.slice(i, i + batchTexts).map(segmentsOf) });
    const out: LinkResult[][] = new Array(texts.length);
    let next = batches.length > 0 ? embedSegments(ctx, batches[0]!.segments.flat()) : null;
    for (let b = 0; b < batches.length; b++) {
      const embedded = await next!;
      const all = batches[b]!.segments.flat();
      next = b + 1 < batches.length ? embedSegments(ctx, batches[b + 1]!.segments.flat()) : null;
      // Awaited after this batch is scored; the handler only keeps a failure from counting as unhandled meanwhile.
      next?.catch(() => undefined);
      const sigs = await candidateSignals(ctx, all, embedded);
      let at = 0;
      batches[b]!.segments.forEach((segs, j) => {
        out[batches[b]!.from + j] = assemble(texts[batches[b]!.from + j]!, sigs.slice(at, at + segs.length), stated?.[batches[b]!.from + j]);
        at += segs.length;
      });
    }
    return out;
  }

  /** One text's links from its segments' signals: per segment the best skills, one result per skill. */
  function assemble(text: string, sigs: readonly SegmentSignals[], occupationId?: string | null): LinkResult[] {
    const bySkill = new Map<number, LinkResult>();
    // A stated occupation, else a first line that is an occupation's title: the text's skills are read in that occupation's sense (occupation-senses.ts).
    const senses = o.priors?.senses;
    const first = sigs[0]?.segment;
    const stated = senses && occupationId ? (senses.slotOf.get(occupationId) ?? null) : null;
    const title = stated ?? (senses && first && text.slice(0, first.start).trim() === '' ? titleOccupation(senses, first.text) : null);
    for (const sig of sigs) {
      const seg = sig.segment;
      // Candidates: the top fused scores of the segment, each explained by its best phrase.
      // A sentence about process, interviews or reporting lines: its links are down-weighted, not dropped.
      const factor = isNonRequirement(seg.text) ? NON_REQUIREMENT_FACTOR : 1;
      const heap = new TopK(o.perSegment * 3);
      for (let c = 0; c < sig.skills.length; c++) if (sig.fused[c]! > heap.threshold) heap.push(c, sig.fused[c]!);
      const candidates = heap.sorted().map(({ index: c, score }) => {
        const k = sig.skills[c]!;
        const { phrase, cosine } = bestPhrase(sig, k);
        // One word equal to a label of a skill from other sectors than the title's occupation: likely another sense
        // (looked up only for a text whose title names an occupation).
        const oneWord = title !== null && phrase !== null && phrase.words === 1 && lexical.exact(phrase.text).includes(k);
        const sense = oneWord && senseConflict(senses!, title, k) && !namesItself(phrase.text, index.skills[k]!) ? SENSE_FACTOR : 1;
        return { k, c, score, phrase, confidence: factor * sense * calibrate(score, o.calibration, cosine) };
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
