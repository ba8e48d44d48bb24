import type { Skill } from '../../taxonomy/model/types.ts';
import { writtenAsName, type Phrase } from './phrases.ts';

/**
 * Labels that are names only where a text writes them as names. Label keys are case-folded and the model is uncased, so
 * a taxonomy's one-word capitalised name is matched by the ordinary word it shares its spelling with: on ESCO v1.1.1,
 * "Access" (an alternative label of Microsoft Access) by "Access to the UK's leading mortgage deals", "Source" (the game
 * engine) by "data from three source systems", "Harvest" (a time-tracking product) by "harvest the crop".
 *
 * Derived from the taxonomy alone: a one-word label (preferred, alternative or hidden) written with a capital and the
 * rest in lower case, whose lower-case form is an ordinary word of the taxonomy's own descriptions (at least
 * `MIN_USES` times in lower case), and which no label of any skill writes in lower case (ASCII letters only). On ESCO v1.1.1: Access,
 * Source, Assembly, Windows, Polish, Harvest, Salt, Canvas.
 *
 * Written as a name = the word capitalised as the label is, not the first word of its segment (where any word is
 * capitalised) and not in a run of capitalised words ("Open Source", "General Assembly", "Mobile Access Technology"). Elsewhere a one-word phrase that equals such a label is no candidate phrase (no vector, no exact match,
 * no phrase TF-IDF), and the label's one word does not count as found in the segment (coverage). Longer phrases that
 * contain it ("source systems", "Microsoft Access") and the whole segment's signals are unchanged.
 */
export interface NameLabels {
  /** The match keys of the name labels ("access", "source", …). */
  readonly keys: ReadonlySet<string>;
  /** `phrases` without the one-word phrases that equal a name label where `segment` does not write them as names. */
  filter(segment: string, phrases: readonly Phrase[]): Phrase[];
  /** The keys of the name labels that `segment` writes as names (empty when none). */
  namedIn(segment: string): ReadonlySet<string>;
  /** The key of `label` when it is one of the name labels as the taxonomy writes them ("Access" → "access"), else null. */
  nameOf(label: string): string | null;
}

/** An ordinary word: used at least this many times in lower case in the taxonomy's descriptions. */
export const MIN_USES = 3;
const NAME = /^\p{Lu}\p{Ll}+$/u;
const NAME_ASCII = /^[A-Z][a-z]+$/;
const LOWER_ASCII = /^[a-z]+$/;
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** A capitalised word, anywhere in a segment (namedIn). */
const CAPITALISED_WORD = /\p{Lu}\p{Ll}+/gu;
const EMPTY: ReadonlySet<string> = new Set();

const derived = new WeakMap<readonly Skill[], NameLabels | null>();

/** The name labels of `skills` (null when they have none); derived once per skill list. */
export function nameLabels(skills: readonly Skill[]): NameLabels | null {
  if (!derived.has(skills)) derived.set(skills, derive(skills));
  return derived.get(skills)!;
}

function derive(skills: readonly Skill[]): NameLabels | null {
  // One-word ASCII labels only (the description pattern below needs ASCII word boundaries; an English taxonomy's names are).
  const capitalised = new Set<string>();
  const lowerLabels = new Set<string>();
  const see = (label: string) => {
    const t = label.trim();
    if (LOWER_ASCII.test(t)) lowerLabels.add(t);
    else if (NAME_ASCII.test(t)) capitalised.add(t.toLowerCase());
  };
  for (const s of skills) {
    see(s.preferredLabel);
    for (const l of s.altLabels) see(l);
    for (const l of s.hiddenLabels) see(l);
  }
  const words = [...capitalised].filter((w) => !lowerLabels.has(w));
  if (words.length === 0) return null;
  // One pass of one pattern over each description: no per-word allocation (the taxonomy is large, and this runs while its index is live).
  const uses = new Map<string, number>();
  const pattern = new RegExp(`\\b(?:${words.join('|')})\\b`, 'g');
  for (const s of skills) for (const m of s.description.matchAll(pattern)) uses.set(m[0], (uses.get(m[0]) ?? 0) + 1);
  const keys = new Set(words.filter((w) => (uses.get(w) ?? 0) >= MIN_USES));
  if (keys.size === 0) return null;
  /** The word at [start, end) of `segment` is written as a name: capitalised, not the segment's first word, not in a run of capitalised words. */
  const asName = (segment: string, start: number, end: number): boolean => NAME.test(segment.slice(start, end)) && writtenAsName(segment, start, end);
  return {
    keys,
    filter: (segment, phrases) => phrases.filter((p) => p.words !== 1 || !keys.has(p.text.toLowerCase()) || asName(segment, p.start, p.end)),
    namedIn: (segment) => {
      let out: Set<string> | null = null;
      for (const m of segment.matchAll(CAPITALISED_WORD)) {
        const w = m[0].toLowerCase();
        const before = segment[m.index - 1];
        const after = segment[m.index + m[0].length];
        if (!keys.has(w) || (before !== undefined && WORD_CHAR.test(before)) || (after !== undefined && WORD_CHAR.test(after))) continue;
        if (asName(segment, m.index, m.index + m[0].length)) (out ??= new Set()).add(w);
      }
      return out ?? EMPTY;
    },
    nameOf: (label) => {
      const t = label.trim();
      return NAME_ASCII.test(t) && keys.has(t.toLowerCase()) ? t.toLowerCase() : null;
    },
  };
}
