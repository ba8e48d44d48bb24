import { normaliseLabel } from '../../taxonomy/model/normalise.ts';
import type { Skill } from '../../taxonomy/model/types.ts';
import { writtenAsName, type Phrase } from './phrases.ts';

/**
 * Products a text lists without their vendor ("MS Office: Word, Excel, Outlook"), read by the taxonomy's full name
 * ("Microsoft Word", "Microsoft Excel"). Matching is case-blind (label keys are case-folded, the model is uncased), so
 * such a short name cannot be a label: "Excel" would link "You will excel in sales" to spreadsheets, "Director"
 * would read "report to the Director" as Adobe Director. So a short name is read only where the text writes it as a
 * name and names products: the exact capitalised word, standing alone (not the text's first word, not next to
 * another capitalised word as in "Project Manager" or "Finance Director", not already after its vendor), in a text
 * that names another product too (a second short name, or a vendor: "Word and Excel", "Microsoft Office suite
 * (Outlook, …)") or that asks for it as a tool ("knowledge of Excel", "proficient in Excel", "Excel skills"). The
 * short names come from the taxonomy: a hidden label "Vendor Name" of two capitalised words whose vendor starts at
 * least `VENDOR_MIN` such labels ("Microsoft Excel", "Google Docs"), whose name alone is no label of the taxonomy (a
 * label is matched anyway), and which names one product only.
 */
export interface ProductNames {
  /** The short names read, each with its full name. */
  readonly names: ReadonlyMap<string, string>;
  /** `text` (a segment) with the short names it names products by replaced by their full names; other characters unchanged. */
  expand(text: string): string;
  /** A segment's phrases with those inside them replaced (offsets unchanged). */
  expandPhrases(text: string, phrases: readonly Phrase[]): Phrase[];
}

/** A vendor starts at least this many two-word hidden labels. */
const VENDOR_MIN = 5;
const TWO_WORDS = /^([A-Z][A-Za-z]+) ([A-Z][a-z]+)$/;
/** Requirement wording before a tool named alone: "knowledge of", "proficient in", "experience with", "skills in", "using". */
const CUE_BEFORE = /\b(?:knowledge of|proficien(?:t|cy) (?:in|with|at)|experience (?:in|with|of|using)|skill(?:s|ed)? (?:in|with)|familiar(?:ity)? with|using|use of)\s+$/i;
/** … or after it: "Excel skills", "Excel spreadsheets". */
const CUE_AFTER = /^\s+(?:skills?|spreadsheets?|knowledge|proficiency)\b/i;

const derived = new WeakMap<readonly Skill[], ProductNames | null>();

/** The product names of `skills` (null when they have none); derived once per skill list. */
export function productNames(skills: readonly Skill[]): ProductNames | null {
  if (!derived.has(skills)) derived.set(skills, derive(skills));
  return derived.get(skills)!;
}

function derive(skills: readonly Skill[]): ProductNames | null {
  const pairs: [vendor: string, name: string][] = [];
  for (const s of skills) {
    for (const h of s.hiddenLabels) {
      const m = TWO_WORDS.exec(h.trim());
      if (m) pairs.push([m[1]!, m[2]!]);
    }
  }
  const vendorCount = new Map<string, number>();
  for (const [v] of pairs) vendorCount.set(v, (vendorCount.get(v) ?? 0) + 1);
  const products = pairs.filter(([v]) => vendorCount.get(v)! >= VENDOR_MIN);
  const candidates = new Set(products.map(([, n]) => normaliseLabel(n)));
  // Which of them are labels themselves: only one-word labels can be (a cheap test first, the key only then).
  const labels = new Set<string>();
  for (const s of skills) {
    for (const l of [s.preferredLabel, ...s.altLabels, ...s.hiddenLabels]) {
      if (l.length < 40 && !l.trim().includes(' ')) {
        const k = normaliseLabel(l);
        if (candidates.has(k)) labels.add(k);
      }
    }
  }
  const full = new Map<string, string | null>();
  for (const [vendor, name] of products) {
    if (labels.has(normaliseLabel(name))) continue;
    const f = `${vendor} ${name}`;
    // Two vendors' products of one name: not read.
    full.set(name, full.has(name) && full.get(name) !== f ? null : f);
  }
  const names = new Map([...full].filter((e): e is [string, string] => e[1] !== null));
  if (names.size === 0) return null;
  const vendors = new Set([...names.values()].map((f) => f.slice(0, f.indexOf(' '))));
  const alternatives = [...names.keys(), ...vendors].sort();
  const source = `(?<![\\p{L}\\p{N}])(${alternatives.join('|')})(?![\\p{L}\\p{N}])`;
  /** Whether a text names any (most segments do not: the hot path's one test); all of them, in order. */
  const any = new RegExp(source, 'u');
  const pattern = new RegExp(source, 'gu');

  /** Where `text` (a segment) names a product by its short name: [start, end, full name], in text order. */
  function find(text: string): [number, number, string][] {
    if (!any.test(text)) return [];
    const shorts: [number, number, string][] = [];
    let vendorNamed = false;
    for (const m of text.matchAll(pattern)) {
      const word = m[1]!;
      const at = m.index!;
      const end = at + word.length;
      if (vendors.has(word)) {
        vendorNamed = true;
        continue;
      }
      const f = names.get(word)!;
      const vendor = f.slice(0, f.length - word.length);
      if (!writtenAsName(text, at, end) || text.slice(Math.max(0, at - vendor.length), at) === vendor) continue;
      shorts.push([at, end, f]);
    }
    const distinct = new Set(shorts.map((s) => s[2])).size;
    if (distinct >= 2 || (distinct === 1 && vendorNamed)) return shorts;
    // Alone: only where requirement wording asks for it as a tool ("knowledge of Excel", "Excel skills").
    return shorts.filter(([at, end]) => CUE_BEFORE.test(text.slice(Math.max(0, at - 40), at)) || CUE_AFTER.test(text.slice(end, end + 30)));
  }

  const replace = (text: string, from: number, found: readonly (readonly [number, number, string])[]): string => {
    let out = '';
    let at = 0;
    for (const [s, e, f] of found) {
      out += text.slice(at, s - from) + f;
      at = e - from;
    }
    return out + text.slice(at);
  };

  return {
    names,
    expand: (text) => {
      const found = find(text);
      return found.length === 0 ? text : replace(text, 0, found);
    },
    expandPhrases: (text, phrases) => {
      const found = find(text);
      if (found.length === 0) return [...phrases];
      return phrases.map((p) => {
        const inside = found.filter(([s, e]) => s >= p.start && e <= p.end);
        return inside.length === 0 ? p : { ...p, text: replace(p.text, p.start, inside) };
      });
    },
  };
}
