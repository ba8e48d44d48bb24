import { tokenize } from './phrases.ts';

/**
 * Which language a text is in, from its function words: the linker's model (all-MiniLM-L6-v2) and the
 * ESCO labels it links to are English, so text in another language links to nothing useful and must say
 * so instead of returning an empty result silently. Function-word counting is crude but needs no model
 * and is reliable on a posting's worth of text (dozens of words); short texts are not judged.
 */
export interface LanguageGuess {
  /** ISO 639-1 code of the language with the most function-word hits ('en' when none has more than English). */
  readonly language: string;
  /** Function-word hits per language (only the languages with any). */
  readonly hits: Readonly<Record<string, number>>;
  /** Words in the text. */
  readonly words: number;
  /** True when the text is long enough and another language clearly outnumbers English. */
  readonly unsupported: boolean;
}

/** Frequent, short function words that are rare in English text (English also gets its own). */
const FUNCTION_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['the', 'and', 'of', 'to', 'with', 'for', 'in', 'is', 'are', 'you', 'we', 'our', 'will', 'be', 'have', 'this', 'that', 'an', 'as', 'on'],
  de: ['und', 'der', 'die', 'das', 'mit', 'für', 'sie', 'wir', 'ist', 'sind', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'oder', 'auf', 'bei', 'zu', 'von', 'im', 'unsere', 'ihre', 'haben', 'werden', 'nicht', 'auch'],
  fr: ['et', 'le', 'la', 'les', 'des', 'du', 'une', 'un', 'pour', 'avec', 'vous', 'nous', 'est', 'sont', 'dans', 'sur', 'au', 'aux', 'votre', 'notre', 'que', 'qui', 'ou', 'par'],
  es: ['y', 'el', 'la', 'los', 'las', 'del', 'una', 'un', 'para', 'con', 'usted', 'nosotros', 'es', 'son', 'en', 'por', 'su', 'sus', 'que', 'o', 'se', 'al'],
  it: ['e', 'il', 'lo', 'la', 'gli', 'le', 'della', 'delle', 'dei', 'una', 'un', 'per', 'con', 'che', 'sono', 'nel', 'nella', 'di', 'da', 'al', 'alla'],
  nl: ['en', 'de', 'het', 'een', 'van', 'met', 'voor', 'wij', 'jij', 'je', 'zijn', 'is', 'op', 'bij', 'aan', 'onze', 'jouw', 'ook', 'niet', 'naar'],
  pt: ['e', 'o', 'os', 'as', 'do', 'da', 'dos', 'das', 'uma', 'um', 'para', 'com', 'você', 'nós', 'é', 'são', 'em', 'no', 'na', 'por', 'que', 'ou'],
};
/** A word counts for every language that lists it except where English does too (ambiguous words like `in`, `is` count for English only). */
const LOOKUP: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, string[]>();
  const english = new Set(FUNCTION_WORDS['en']);
  for (const [lang, words] of Object.entries(FUNCTION_WORDS)) {
    for (const w of words) {
      if (lang !== 'en' && english.has(w)) continue;
      (m.get(w) ?? m.set(w, []).get(w)!).push(lang);
    }
  }
  return m;
})();

/** Texts shorter than this many words are not judged (a heading or a skill list says too little). */
export const MIN_WORDS_FOR_LANGUAGE = 12;

export function guessLanguage(text: string): LanguageGuess {
  const tokens = tokenize(text);
  const hits: Record<string, number> = {};
  for (const t of tokens) for (const lang of LOOKUP.get(t.lower) ?? []) hits[lang] = (hits[lang] ?? 0) + 1;
  const en = hits['en'] ?? 0;
  let language = 'en';
  let best = en;
  for (const [lang, n] of Object.entries(hits)) {
    if (lang !== 'en' && n > best) {
      language = lang;
      best = n;
    }
  }
  // Clearly other: at least 3 hits, twice English's, and a tenth of the words (loan words and names stay English).
  const unsupported = tokens.length >= MIN_WORDS_FOR_LANGUAGE && language !== 'en' && best >= 3 && best >= 2 * en && best >= tokens.length / 10;
  return { language, hits, words: tokens.length, unsupported };
}

/** The warning to show for a text the model does not cover, or null (English, or too short to tell). */
export function languageWarning(text: string): string | null {
  const g = guessLanguage(text);
  if (!g.unsupported) return null;
  return `the text looks like ${LANGUAGE_NAMES[g.language] ?? g.language} (${g.hits[g.language]} ${g.language} function words vs ${g.hits['en'] ?? 0} English in ${g.words} words); the linking model and the ESCO labels are English, so few or no skills are found — translate the text to English first`;
}

const LANGUAGE_NAMES: Readonly<Record<string, string>> = { de: 'German', fr: 'French', es: 'Spanish', it: 'Italian', nl: 'Dutch', pt: 'Portuguese' };
