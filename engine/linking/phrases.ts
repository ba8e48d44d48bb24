import { placeholderRanges } from './placeholders.ts';
import { STOP_WORDS } from './stop-words.ts';

/** A candidate phrase: a word window of a segment, with [start, end) offsets into the segment text. */
export interface Phrase {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly words: number;
}

export interface Token {
  readonly text: string;
  readonly lower: string;
  readonly start: number;
  readonly end: number;
  /** True when a clause break (, ; : ( ) / …) follows this token. */
  readonly breakAfter: boolean;
}

const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}+#'’&]|[.\-/](?=[\p{L}\p{N}]))*[+#]*/gu;

/**
 * The words of `text` with their offsets. A redaction placeholder (`<ORGANIZATION>`, `[REDACTED]`:
 * placeholders.ts) gives no token and breaks the clause like a comma.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const tags = placeholderRanges(text);
  const inTag = (at: number) => tags.some(([s, e]) => at >= s && at < e);
  const words = [...text.matchAll(WORD)];
  const matches = tags.length === 0 ? words : words.filter((m) => !inTag(m.index));
  matches.forEach((m, i) => {
    const start = m.index;
    const end = start + m[0].length;
    const next = matches[i + 1]?.index ?? text.length;
    const gap = text.slice(end, next);
    const tagBetween = tags.length > 0 && tags.some(([s]) => s >= end && s < next);
    out.push({ text: m[0], lower: m[0].toLowerCase(), start, end, breakAfter: tagBetween || /[,;:()[\]{}|!?"“”]|\.\s/.test(gap) || i === matches.length - 1 });
  });
  return out;
}

/**
 * Noun-chunk-like candidate phrases: word windows of 1..maxWords tokens inside one clause (never
 * across commas, colons, brackets), neither starting nor ending with a stop word.
 */
export function candidatePhrases(text: string, maxWords: number): Phrase[] {
  const tokens = tokenize(text);
  const out: Phrase[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (STOP_WORDS.has(tokens[i]!.lower)) continue;
    for (let j = i; j < tokens.length && j - i < maxWords; j++) {
      const last = tokens[j]!;
      if (!STOP_WORDS.has(last.lower) && !/^\d+$/.test(last.lower)) {
        out.push({ text: text.slice(tokens[i]!.start, last.end), start: tokens[i]!.start, end: last.end, words: j - i + 1 });
      }
      if (last.breakAfter) break;
    }
  }
  return out;
}

/**
 * Whether the word at [at, end) of `text` stands in a run of capitalised words ("Finance Director", "Open Source",
 * "General Assembly"): the word before it or the one after it, separated from it by spaces only (not across punctuation,
 * as in "Word, Excel"), starts with a capital. The text's first word never counts as the word before (a sentence starts
 * with a capital whatever it is).
 */
export function inCapitalisedRun(text: string, at: number, end: number): boolean {
  return capitalisedNeighbour(text, at, end, FIRST_WORD.exec(text)?.index ?? -1);
}

/**
 * Whether the word at [at, end) of `text` stands where its capital can mark a name: not the text's first word and not in
 * a run of capitalised words (`inCapitalisedRun`). The word's own case is the caller's test. The one rule of the product
 * names and the name labels.
 */
export function writtenAsName(text: string, at: number, end: number): boolean {
  const first = FIRST_WORD.exec(text)?.index ?? -1;
  return at !== first && !capitalisedNeighbour(text, at, end, first);
}

function capitalisedNeighbour(text: string, at: number, end: number, first: number): boolean {
  const before = /([\p{L}\p{N}][^\s]*[\p{L}\p{N}]|[\p{L}\p{N}]) +$/u.exec(text.slice(0, at));
  const after = /^ +([\p{L}\p{N}]\S*)/u.exec(text.slice(end));
  return (before !== null && before.index !== first && CAPITAL.test(before[1]!)) || (after !== null && CAPITAL.test(after[1]!));
}

const FIRST_WORD = /[\p{L}\p{N}]/u;
const CAPITAL = /^\p{Lu}/u;
