import type { Embedder } from '../ports/embedder.ts';
import { DEFAULT_BOILERPLATE } from './boilerplate.ts';
import type { Calibration } from './calibration.ts';
import { boolean, integerIn, numberIn, oneOf } from '../../taxonomy/model/option-check.ts';
import { checkLinkingOption as check, invalidOption, linkingError } from './errors.ts';
import type { LexicalIndex } from './lexical-index.ts';
import type { SkillIndex } from './skill-index.ts';
import { TEXT_KINDS, weightsFor, type TextKind } from './linking-weights.ts';
import { FEATURES, type SkillPriors } from './features.ts';
import type { FusionWeights } from './fusion-weights.ts';

export type { FusionWeights } from './fusion-weights.ts';

export interface LinkerOptions {
  readonly index: SkillIndex;
  readonly lexical: LexicalIndex;
  /** Embeds sentences and phrases; wrap it in a cached embedder. Must be the index's model. */
  readonly embedder: Embedder;
  /** Fusion weights (default: the stored weights of the embedder's model id, else DEFAULT_WEIGHTS); missing keys are 0 in a partial object only when given explicitly as such. */
  readonly weights?: Partial<FusionWeights>;
  /** Logistic calibration of the fused score into a confidence (default: the stored one of the model id, else DEFAULT_CALIBRATION). */
  readonly calibration?: Calibration;
  /** Kind of text linked: picks the calibration fitted for it (default 'posting'). */
  readonly textKind?: TextKind;
  /** Minimum confidence of a returned link (default 0.3). */
  readonly threshold?: number;
  /**
   * Read inflected verbs as the taxonomy's base forms ("cleaned data" as "clean data", verb-forms.ts) in the
   * sentence and multi-word phrase queries (default: true for `textKind` 'cv', else false).
   */
  readonly verbForms?: boolean;
  /** Longest candidate phrase in words (default 4). */
  readonly maxPhraseWords?: number;
  /** Segments longer than this many words are cut into windows (default 48). */
  readonly maxSegmentWords?: number;
  /** At most this many links per segment (default 8). */
  readonly perSegment?: number;
  /** At most this many skills linked to the same phrase span (default 2). */
  readonly perPhrase?: number;
  /** Boilerplate patterns: a segment matching any is skipped (default DEFAULT_BOILERPLATE). */
  readonly boilerplate?: readonly RegExp[];
  /**
   * Phrases are scored against the label rows of the segment's top this-many skills by the sentence
   * signals (plus exact label matches) instead of all rows (default 50; 0 = all rows, exhaustive).
   */
  readonly phraseCandidates?: number;
  /** With candidates: at most this many phrases per segment are embedded, best TF-IDF to a candidate first (default 12; 0 = all). */
  readonly maxPhrases?: number;
  /** With candidates: also add each segment's top this-many skills by phrase cosine to preferred labels (default: the stored weights' search, else 0 = none). */
  readonly phraseCoarse?: number;
  /**
   * How phrase vectors are made: `pooled` = from the segment's own model pass (the embedder's
   * `embedSpans`: mean of the phrase's contextual token vectors, no extra model call), `embedded` = each
   * phrase embedded on its own (default `embedded`; `pooled` with SG_PHRASES=pooled when the embedder can).
   */
  readonly phraseVectors?: 'pooled' | 'embedded';
  /** Compute every feature even where its weight is 0 (for fitting weights: `Linker.candidateFeatures`). Default false. */
  readonly allFeatures?: boolean;
  /** Taxonomy priors per skill of the index (`skillPriors`); without them the prior features are 0. */
  readonly priors?: SkillPriors;
  /** With candidates: the skills owning each segment's top this-many label/description rows join the pool (default 100). */
  readonly sentenceRows?: number;
  /** With candidates: the top this-many skills by TF-IDF over uncommon grams join the pool (default 20). */
  readonly lexicalCandidates?: number;
}

export interface ResolvedLinkerOptions {
  readonly index: SkillIndex;
  readonly lexical: LexicalIndex;
  readonly embedder: Embedder;
  readonly weights: FusionWeights;
  readonly calibration: Calibration;
  readonly textKind: TextKind;
  readonly verbForms: boolean;
  /** The stored weight file the defaults came from (`weights/<modelId>.json`), or null when none exists. */
  readonly fitted: { readonly modelId: string; readonly phraseVectors: 'pooled' | 'embedded'; readonly version: number } | null;
  readonly threshold: number;
  readonly maxPhraseWords: number;
  readonly maxSegmentWords: number;
  readonly perSegment: number;
  readonly perPhrase: number;
  readonly boilerplate: readonly RegExp[];
  readonly phraseCandidates: number;
  readonly maxPhrases: number;
  readonly phraseCoarse: number;
  readonly phraseVectors: 'pooled' | 'embedded';
  readonly priors: SkillPriors | null;
  readonly allFeatures: boolean;
  readonly sentenceRows: number;
  readonly lexicalCandidates: number;
}

/**
 * Chosen on the Decorte dev sets (bench/linking.ts): a balanced blend that is within ~1 point of
 * per-set coordinate-ascent optima on every set, rather than the optimum of any one set. `exact` is 0
 * because an exact label match already gives phrase cosine 1 and lexical-phrase cosine 1.
 */
export const DEFAULT_WEIGHTS: FusionWeights = Object.freeze({
  sentence: 0.25,
  sentenceDescription: 0.25,
  phrase: 0.4,
  lexical: 0.2,
  lexicalPhrase: 0.1,
  exact: 0,
  coverage: 0,
  essential: 0,
  knowledge: 0,
  transversal: 0,
  occupationSpecific: 0,
  sentenceRel: 0,
  phraseRel: 0,
  lexicalRel: 0,
  neighbour: 0,
});

/**
 * Two-feature logistic fit (fitLogistic on fused score and best phrase cosine) of gold vs non-gold
 * among each dev sentence's top-10 candidates (2,463 samples, 438 gold; all-MiniLM-L6-v2@q8,
 * DEFAULT_WEIGHTS). The Decorte gold marks only annotated spans, so these confidences are conservative.
 */
export const DEFAULT_CALIBRATION: Calibration = Object.freeze({ a: 1.749, c: 2.403, b: -4.446 });

const checkInt = (name: string, v: unknown, min: number, max: number): number => check(name, v, integerIn(min, max));
const checkNum = (name: string, v: unknown, min: number, max: number): number => check(name, v, numberIn(min, max));
const checkBool = (name: string, v: unknown): boolean => check(name, v, boolean);

function checkPriors(p: unknown, n: number): SkillPriors | null {
  if (p === undefined) return null;
  const ok = (a: unknown, T: typeof Float32Array | typeof Uint8Array) => a instanceof T && a.length === n;
  const q = p as SkillPriors;
  if (p === null || typeof p !== 'object' || !ok(q.essential, Float32Array) || !ok(q.knowledge, Uint8Array) || !ok(q.transversal, Uint8Array) || !ok(q.occupationSpecific, Uint8Array)) {
    throw invalidOption('priors', p, `skillPriors() of the index's ${n} skills`);
  }
  return q;
}

function checkPhraseVectors(v: unknown, embedder: Embedder): 'pooled' | 'embedded' {
  // Default (issue 18): phrases embedded on their own (through the cached embedder: the phrase cache), the mode whose weights are fitted on the training set; SG_PHRASES=pooled picks the faster in-context vectors.
  if (v === undefined) return typeof embedder.embedSpans === 'function' && process.env['SG_PHRASES'] === 'pooled' ? 'pooled' : 'embedded';
  if (v !== 'pooled' && v !== 'embedded') throw invalidOption('phraseVectors', v, "'pooled' or 'embedded'");
  if (v === 'pooled' && typeof embedder.embedSpans !== 'function') throw invalidOption('phraseVectors', v, "'embedded' (this embedder has no embedSpans)");
  return v;
}

/** Checks linker options once and fills defaults; throws `invalid <option>: <value>`. */
export function resolveLinkerOptions(opts: LinkerOptions): ResolvedLinkerOptions {
  if (opts === null || typeof opts !== 'object') throw invalidOption('options', opts, 'an options object');
  const { index, lexical, embedder } = opts;
  if (!index || !(index.matrix instanceof Float32Array)) throw invalidOption('index', index, 'a SkillIndex');
  if (!lexical || typeof lexical.skillScores !== 'function') throw invalidOption('lexical', lexical, 'a LexicalIndex');
  if (!embedder || typeof embedder.embed !== 'function') throw invalidOption('embedder', embedder, 'an Embedder');
  if (embedder.modelId !== index.modelId) {
    throw linkingError('MODEL_MISMATCH', { model: embedder.modelId, indexModel: index.modelId }, 'embedder');
  }
  if (lexical.skills !== index.skills && lexical.skills.length !== index.skills.length) throw invalidOption('lexical', 'LexicalIndex', 'an index over the same skills as `index`');
  const phraseVectors = checkPhraseVectors(opts.phraseVectors, embedder);
  const stored = weightsFor(embedder.modelId, phraseVectors);
  // A stored file written before a feature existed leaves that feature's weight at 0.
  const weights: Record<string, number> = { ...Object.fromEntries(FEATURES.map((f) => [f, 0])), ...(stored?.weights ?? DEFAULT_WEIGHTS) };
  if (opts.weights !== undefined) {
    if (opts.weights === null || typeof opts.weights !== 'object') throw invalidOption('weights', opts.weights, 'an object of weights');
    for (const [k, v] of Object.entries(opts.weights)) {
      if (!(k in DEFAULT_WEIGHTS)) throw invalidOption(`weights.${k}`, v, `a known weight (${Object.keys(DEFAULT_WEIGHTS).join(', ')})`);
      weights[k] = checkNum(`weights.${k}`, v, -10, 10);
    }
  }
  const textKind = check('textKind', opts.textKind ?? 'posting', oneOf(...TEXT_KINDS));
  const calibration = opts.calibration ?? stored?.calibrationByKind?.[textKind] ?? stored?.calibration ?? DEFAULT_CALIBRATION;
  checkNum('calibration.a', calibration.a, -1000, 1000);
  checkNum('calibration.b', calibration.b, -1000, 1000);
  if (calibration.c !== undefined) checkNum('calibration.c', calibration.c, -1000, 1000);
  const boilerplate = opts.boilerplate ?? DEFAULT_BOILERPLATE;
  if (!Array.isArray(boilerplate) || boilerplate.some((p) => !(p instanceof RegExp))) throw invalidOption('boilerplate', boilerplate, 'an array of RegExp');
  return {
    index,
    lexical,
    embedder,
    weights: Object.freeze(weights) as unknown as FusionWeights,
    calibration,
    textKind,
    verbForms: checkBool('verbForms', opts.verbForms ?? textKind === 'cv'),
    fitted: stored ? { modelId: stored.modelId, phraseVectors: stored.phraseVectors, version: stored.version } : null,
    threshold: checkNum('threshold', opts.threshold ?? 0.3, 0, 1),
    maxPhraseWords: checkInt('maxPhraseWords', opts.maxPhraseWords ?? stored?.search?.maxPhraseWords ?? 4, 1, 8),
    maxSegmentWords: checkInt('maxSegmentWords', opts.maxSegmentWords ?? 48, 4, 512),
    perSegment: checkInt('perSegment', opts.perSegment ?? 8, 1, 100),
    perPhrase: checkInt('perPhrase', opts.perPhrase ?? 2, 1, 100),
    boilerplate,
    // The search the stored weights were fitted with (issue 18: `search` in the weights file) is the default; an explicit option wins.
    phraseCandidates: checkInt('phraseCandidates', opts.phraseCandidates ?? stored?.search?.phraseCandidates ?? 40, 0, 100_000),
    maxPhrases: checkInt('maxPhrases', opts.maxPhrases ?? stored?.search?.maxPhrases ?? 8, 0, 10_000),
    phraseCoarse: checkInt('phraseCoarse', opts.phraseCoarse ?? stored?.search?.phraseCoarse ?? 0, 0, 100_000),
    phraseVectors,
    priors: checkPriors(opts.priors, index.skills.length),
    allFeatures: checkBool('allFeatures', opts.allFeatures ?? false),
    sentenceRows: checkInt('sentenceRows', opts.sentenceRows ?? 100, 0, 100_000),
    lexicalCandidates: checkInt('lexicalCandidates', opts.lexicalCandidates ?? 20, 0, 100_000),
  };
}
