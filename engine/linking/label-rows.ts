import { normaliseLabel } from '../../taxonomy/model/normalise.ts';
import type { Skill } from '../../taxonomy/model/types.ts';

/** What a row of the skill index holds. */
export const RowKind = { Preferred: 0, Alternative: 1, Hidden: 2, Described: 3 } as const;
export type RowKind = (typeof RowKind)[keyof typeof RowKind];

export interface LabelRow {
  readonly skill: number;
  readonly kind: RowKind;
  /** The exact text embedded / matched. */
  readonly text: string;
  /**
   * A label's match key, `normaliseLabel(text)` (computed once here: the lexical index looks every label up
   * by it); null for a description row (never matched by key).
   */
  readonly key: string | null;
}

export interface LabelRowOptions {
  /** Add one `label. description` row per skill (default true). */
  readonly descriptions: boolean;
  /** Add hidden labels (matching only; default true). */
  readonly hiddenLabels: boolean;
}

/** First sentence of a description, at most `max` characters (descriptions can be long). */
function firstSentence(text: string, max = 300): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const m = /^(.+?[.!?])(\s|$)/.exec(t);
  const s = m ? m[1]! : t;
  return s.length > max ? s.slice(0, max) : s;
}

/**
 * The label rows of a taxonomy: per skill its preferred label, its alternative (and hidden) labels
 * deduplicated by match key, and optionally a label + first description sentence variant.
 * Texts are the labels trimmed, otherwise verbatim.
 */
export function labelRows(skills: readonly Skill[], opts: LabelRowOptions): readonly LabelRow[] {
  // A linker's start-up asks for the same rows several times (snapshot check, skill index, lexical index):
  // derived once per skill list and options, frozen (the rows are only read; skill lists are never changed
  // once built, as their readonly type says).
  const key = `${opts.descriptions ? 1 : 0}${opts.hiddenLabels ? 1 : 0}`;
  let byOpts = derived.get(skills);
  if (!byOpts) derived.set(skills, (byOpts = new Map()));
  let rows = byOpts.get(key);
  if (rows) return rows;
  // Without descriptions the rows are those with them minus the description rows (those never enter the
  // per-skill dedup): filtered from the list with descriptions when it is already derived.
  const full = opts.descriptions ? undefined : byOpts.get(`1${opts.hiddenLabels ? 1 : 0}`);
  rows = Object.freeze(full ? full.filter((r) => r.kind !== RowKind.Described) : deriveRows(skills, opts));
  byOpts.set(key, rows);
  return rows;
}

const derived = new WeakMap<readonly Skill[], Map<string, readonly LabelRow[]>>();

/** The texts of `rows` (from `labelRows`), derived once per row list: the snapshot keys hash the same array. */
export function labelTexts(rows: readonly LabelRow[]): readonly string[] {
  let texts = textsOf.get(rows);
  if (!texts) textsOf.set(rows, (texts = Object.freeze(rows.map((r) => r.text))));
  return texts;
}

const textsOf = new WeakMap<readonly LabelRow[], readonly string[]>();

function deriveRows(skills: readonly Skill[], opts: LabelRowOptions): LabelRow[] {
  const rows: LabelRow[] = [];
  skills.forEach((s, skill) => {
    const seen = new Set<string>();
    const add = (text: string, kind: RowKind) => {
      const t = text.trim();
      const key = normaliseLabel(t);
      if (t === '' || seen.has(key)) return;
      seen.add(key);
      rows.push({ skill, kind, text: t, key });
    };
    add(s.preferredLabel, RowKind.Preferred);
    for (const a of s.altLabels) add(a, RowKind.Alternative);
    if (opts.hiddenLabels) for (const h of s.hiddenLabels) add(h, RowKind.Hidden);
    if (opts.descriptions && s.description.trim() !== '') {
      rows.push({ skill, kind: RowKind.Described, text: `${s.preferredLabel.trim()}. ${firstSentence(s.description)}`, key: null });
    }
  });
  return rows;
}
