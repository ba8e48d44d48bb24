import { FEATURES } from '../linking/features.ts';
import type { FusionWeights, LinkerOptions } from '../linking/options.ts';

/**
 * The reference pipeline of issue 18: lexical (char 3–5-gram TF-IDF of the sentence), sentence (MiniLM
 * cosine of the whole sentence to the labels) and phrase (the best cosine of a SEPARATELY embedded
 * 1–6-word window to the labels), fixed weights 1/3 each — nothing learned. Windows are scored against
 * the candidate pool of the sentence signals plus each window's top 20 preferred labels (`phraseCoarse`),
 * every window embedded (`maxPhrases: 0`). The learned pipeline must beat it on every dev set by
 * leave-one-set-out (scripts/fit-linking-weights.ts prints both).
 */
export const REFERENCE_BLEND_WEIGHTS: FusionWeights = Object.freeze({
  ...(Object.fromEntries(FEATURES.map((f) => [f, 0])) as FusionWeights),
  lexical: 1 / 3,
  sentence: 1 / 3,
  phrase: 1 / 3,
});

/** Linker options of the reference blend (add index, lexical, embedder). */
export const REFERENCE_BLEND: Partial<LinkerOptions> = Object.freeze({
  phraseVectors: 'embedded',
  weights: REFERENCE_BLEND_WEIGHTS,
  maxPhraseWords: 6,
  maxPhrases: 0,
  phraseCandidates: 40,
  phraseCoarse: 20,
});
