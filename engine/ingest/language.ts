/**
 * A small stop-word guess of the language of a text, so text in a language the English linking model
 * (all-MiniLM-L6-v2) does not cover gets a warning instead of a silent empty result. Pure and cheap.
 */
const STOPWORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['the', 'and', 'of', 'to', 'in', 'for', 'with', 'you', 'our', 'is', 'are', 'we', 'will', 'on', 'as', 'be', 'an', 'or', 'your', 'this'],
  de: ['der', 'die', 'das', 'und', 'mit', 'für', 'sie', 'wir', 'ist', 'ein', 'eine', 'zu', 'von', 'im', 'den', 'auf', 'bei', 'ihre', 'unser', 'oder'],
  fr: ['le', 'la', 'les', 'et', 'des', 'du', 'pour', 'avec', 'vous', 'nous', 'est', 'une', 'un', 'dans', 'sur', 'votre', 'notre', 'au', 'aux', 'en'],
  es: ['el', 'los', 'las', 'y', 'del', 'para', 'con', 'usted', 'nosotros', 'es', 'una', 'un', 'en', 'por', 'su', 'nuestro', 'al', 'como', 'se', 'que'],
  nl: ['de', 'het', 'een', 'en', 'van', 'voor', 'met', 'je', 'wij', 'is', 'zijn', 'op', 'in', 'te', 'jouw', 'onze', 'bij', 'naar', 'als', 'ook'],
  it: ['il', 'lo', 'la', 'gli', 'le', 'e', 'di', 'per', 'con', 'che', 'una', 'un', 'nel', 'della', 'sono', 'siamo', 'alla', 'dei', 'delle', 'lavoro'],
  pt: ['o', 'os', 'as', 'e', 'do', 'da', 'para', 'com', 'você', 'nós', 'é', 'uma', 'um', 'em', 'no', 'na', 'seu', 'sua', 'dos', 'das'],
};

export const LANGUAGE_NAMES: Readonly<Record<string, string>> = { en: 'English', de: 'German', fr: 'French', es: 'Spanish', nl: 'Dutch', it: 'Italian', pt: 'Portuguese' };

/** The most likely language code of `text`, or null when too short or unclear (< 12 words, < 4 stop words). */
export function guessLanguage(text: string): string | null {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 12) return null;
  let best: string | null = null;
  let bestCount = 0;
  let english = 0;
  for (const [lang, list] of Object.entries(STOPWORDS)) {
    const set = new Set(list);
    const count = words.filter((w) => set.has(w)).length;
    if (lang === 'en') english = count;
    if (count > bestCount) {
      best = lang;
      bestCount = count;
    }
  }
  if (bestCount < 4) return null;
  // Prefer English on near ties: shared short words ('in', 'is', 'en') must not flip an English text.
  return best !== 'en' && bestCount <= english * 1.5 ? 'en' : best;
}
