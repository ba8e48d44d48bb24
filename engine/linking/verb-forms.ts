import { STOP_WORDS } from './stop-words.ts';

/**
 * Inflected verbs → their base form, against a taxonomy's own vocabulary (issue 18, CV text). ESCO names
 * skills with imperative verbs ("clean data", "present reports", "train employees"); a CV says "cleaned
 * data", "presented findings", "trained two junior analysts". A small rule-based lemmatiser: a word ending
 * in -ed (or an irregular past form such as "led", "built", "taught"; -s only as a text's first word)
 * becomes a base form when that base form starts multi-word labels of the taxonomy at least
 * `RATIO` times as often as the word as written does — so forms the labels themselves use ("automated
 * analysers", "advanced manufacturing") are left alone, while "cleaned" (1 label vs 306 for "clean"), "trained" (2 vs 197) and
 * "managed" (1 vs 2,237) become base forms. -ing forms are left alone: the labels carry the gerunds of
 * common verbs ("developing terminology databases", "training horses") and many are nouns ("cleaning
 * industry", "networking").
 */
export interface VerbForms {
  /** The base form of `word` (lower case) when it is an inflected taxonomy verb, else null. */
  lemma(word: string): string | null;
  /**
   * `text` with every inflected taxonomy verb replaced by its base form (lower case); other characters
   * unchanged. An -s form counts only as the first word, and only when `firstWord` (default true) says the
   * text starts where a sentence does.
   */
  normalise(text: string, firstWord?: boolean): string;
}

/** Irregular past tenses and participles of verbs that start skill labels. */
const IRREGULAR: Readonly<Record<string, string>> = {
  led: 'lead', built: 'build', wrote: 'write', written: 'write', taught: 'teach', ran: 'run', made: 'make', gave: 'give',
  given: 'give', kept: 'keep', held: 'hold', took: 'take', taken: 'take', drew: 'draw', drawn: 'draw', drove: 'drive',
  driven: 'drive', spoke: 'speak', spoken: 'speak', sold: 'sell', bought: 'buy', brought: 'bring', thought: 'think',
  found: 'find', met: 'meet', sent: 'send', spent: 'spend', understood: 'understand', grew: 'grow', grown: 'grow',
  knew: 'know', known: 'know', got: 'get', began: 'begin', begun: 'begin', chose: 'choose', chosen: 'choose', dealt: 'deal',
  fed: 'feed', fought: 'fight', won: 'win', oversaw: 'oversee', overseen: 'oversee', undertook: 'undertake',
  undertaken: 'undertake', paid: 'pay', laid: 'lay', told: 'tell', sought: 'seek', stood: 'stand', wove: 'weave',
  woven: 'weave', froze: 'freeze', frozen: 'freeze', hung: 'hang', dug: 'dig', shook: 'shake', rode: 'ride', flew: 'fly',
  flown: 'fly', threw: 'throw', thrown: 'throw', forgave: 'forgive', withdrew: 'withdraw', withdrawn: 'withdraw',
  broke: 'break', broken: 'break', lent: 'lend', bent: 'bend', struck: 'strike', swept: 'sweep', sewed: 'sew', sewn: 'sew',
};

/** A base form must start at least this many times as many labels as the inflected form. */
export const RATIO = 10;

const WORD = /[\p{L}][\p{L}'’-]*/gu;

/** Candidate base forms of a regular inflected word, most likely first. */
function candidates(w: string, first: boolean): string[] {
  const out: string[] = [];
  const irregular = Object.hasOwn(IRREGULAR, w) ? IRREGULAR[w] : undefined;
  if (irregular) out.push(irregular);
  if (w.length >= 5 && w.endsWith('ied')) out.push(`${w.slice(0, -3)}y`);
  if (w.length >= 4 && w.endsWith('ed')) {
    const stem = w.slice(0, -2);
    out.push(w.slice(0, -1), stem);
    if (stem.length >= 3 && stem.at(-1) === stem.at(-2)) out.push(stem.slice(0, -1));
  }
  if (first && w.length >= 4 && w.endsWith('s') && !w.endsWith('ss')) {
    if (w.endsWith('ies')) out.push(`${w.slice(0, -3)}y`);
    if (w.endsWith('es')) out.push(w.slice(0, -2));
    out.push(w.slice(0, -1));
  }
  return out;
}

/**
 * The verb forms of a set of labels (preferred, alternative): verbs = first words of multi-word labels
 * (not stop words), counted. `normalise` keeps everything but the replaced words as written.
 */
export function verbFormsOf(labels: Iterable<string>): VerbForms {
  const starts = new Map<string, number>();
  for (const label of labels) {
    const words = label.toLowerCase().match(WORD);
    if (!words || words.length < 2) continue;
    if (!STOP_WORDS.has(words[0]!)) starts.set(words[0]!, (starts.get(words[0]!) ?? 0) + 1);
  }
  const n = (w: string): number => starts.get(w) ?? 0;
  const memo = new Map<string, string | null>();
  function lemmaAt(word: string, first: boolean): string | null {
    const w = word.toLowerCase();
    const key = first ? `^${w}` : w;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let out: string | null = null;
    // A word that itself starts labels about as often (a noun, adjective or gerund the taxonomy uses as written) stays.
    if (!STOP_WORDS.has(w)) out = candidates(w, first).find((c) => c !== w && n(c) >= 2 && n(c) >= RATIO * n(w)) ?? null;
    memo.set(key, out);
    return out;
  }
  return {
    lemma: (word) => lemmaAt(word, false),
    normalise(text, firstWord = true) {
      let first = firstWord;
      return text.replace(WORD, (m) => {
        const base = lemmaAt(m, first);
        first = false;
        return base ?? m;
      });
    },
  };
}

/** Words that count or qualify people before the noun: "two junior analysts", "six new baristas". */
const PEOPLE_QUALIFIERS = new Set(
  'a an the two three four five six seven eight nine ten eleven twelve several many multiple some junior senior new other fellow my our'.split(' '),
);

/**
 * People as the object of a CV verb, in the taxonomy's generic words (issue 18: "trained two junior analysts"). ESCO's
 * labels name people generically ("train employees", "coach employees", "mentor individuals", "supervise staff"); a
 * CV names them by role and count. `generalise("train two junior analysts")` → "train employees" when the phrase is
 * a verb, at least one counting or qualifying word and a plural job noun (the last word of an occupation label, in
 * the plural); anything else comes back unchanged.
 */
export function peopleObjects(occupationLabels: Iterable<string>): PeopleObjects {
  const plurals = new Set<string>();
  for (const l of occupationLabels) {
    const last = l.toLowerCase().match(/[a-z]+/g)?.at(-1);
    if (!last || last.length < 4) continue;
    plurals.add(/man$/.test(last) ? `${last.slice(0, -3)}men` : /[^aeiou]y$/.test(last) ? `${last.slice(0, -1)}ies` : /(?:s|x|ch|sh)$/.test(last) ? `${last}es` : `${last}s`);
  }
  const qualifier = (w: string): boolean => PEOPLE_QUALIFIERS.has(w.toLowerCase()) || /^\d+$/.test(w);
  return {
    generalise(phrase) {
      const words = phrase.split(/\s+/);
      if (words.length < 3 || !plurals.has(words.at(-1)!.toLowerCase())) return phrase;
      if (!words.slice(1, -1).every(qualifier)) return phrase;
      return `${words[0]} employees`;
    },
    generaliseLead(text) {
      // The verb, then qualifying words up to the first word that is not one: that word must be a plural job noun.
      const word = /\S+?(?=$|\s|[.,;:!?](?:\s|$))/uy;
      const at = (i: number): { w: string; end: number } | null => {
        const gap = /\s*/y;
        gap.lastIndex = i;
        gap.exec(text);
        word.lastIndex = gap.lastIndex;
        const m = word.exec(text);
        return m ? { w: m[0], end: word.lastIndex } : null;
      };
      const verb = at(0);
      if (!verb) return text;
      let next = at(verb.end);
      let qualifiers = 0;
      while (next && qualifier(next.w)) {
        qualifiers++;
        next = at(next.end);
      }
      if (!next || qualifiers === 0 || !plurals.has(next.w.toLowerCase())) return text;
      return `${verb.w} employees${text.slice(next.end)}`;
    },
  };
}

export interface PeopleObjects {
  /** A whole phrase "verb, counting or qualifying words, plural job noun" in the labels' generic word; else the phrase unchanged. */
  generalise(phrase: string): string;
  /**
   * The same at a text's start, the rest kept: "train six baristas who were later promoted" → "train employees who
   * were later promoted" (a sentence query of CV text); else the text unchanged.
   */
  generaliseLead(text: string): string;
}
