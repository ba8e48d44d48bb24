/**
 * Type-ahead search over what can be ranked against: stored roles, job postings and taxonomy
 * occupations (ESCO, O*NET). Pure and in memory; an index over the occupations is built once
 * (they change only with a taxonomy import) and roles/postings are scanned per query (they are few
 * beside 14k occupation labels). Matching is on normalised words: every query word must start a word
 * of a label (`data ana` finds "data analyst"); a code (`2511.1`, `15-1252`) matches by prefix.
 * Score: whole label equal 1, label starts with the query 0.9, all words prefix-matched 0.8 (preferred
 * label) / 0.7 (alternative label); ties by kind (role, posting, occupation), then title, then id
 * (code-unit order, so the result does not depend on the locale).
 */
import type { Occupation } from '../../taxonomy/model/types.ts';

export type RoleHitKind = 'role' | 'posting' | 'occupation';

export interface RoleHit {
  readonly id: string;
  readonly title: string;
  readonly kind: RoleHitKind;
  /** esco | onet | custom for occupations; the organisation for roles and postings. */
  readonly source: string;
  /** Occupation code, or '' . */
  readonly code: string;
  /** The label that matched when it is not the title (an alternative label). */
  readonly matched: string | null;
  readonly score: number;
}

export interface Searchable {
  readonly id: string;
  readonly title: string;
  readonly kind: RoleHitKind;
  readonly source: string;
  readonly code: string;
  readonly altLabels: readonly string[];
}

const normalise = (s: string): string => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}.-]+/gu, ' ').trim();
const words = (s: string): string[] => normalise(s).split(' ').filter(Boolean);

interface Entry {
  readonly item: Searchable;
  readonly labels: readonly { readonly text: string; readonly words: readonly string[]; readonly preferred: boolean; readonly raw: string }[];
}

function entryOf(item: Searchable): Entry {
  const labels = [item.title, ...item.altLabels].filter((l) => l.trim() !== '').map((raw, i) => ({ raw: raw.trim(), text: normalise(raw), words: words(raw), preferred: i === 0 }));
  return { item, labels };
}

function scoreLabel(l: Entry['labels'][number], q: string, qWords: readonly string[]): number {
  let s = 0;
  if (l.text === q) s = 1;
  else if (l.text.startsWith(q)) s = 0.9;
  else if (qWords.every((w) => l.words.some((lw) => lw.startsWith(w)))) s = l.preferred ? 0.8 : 0.7;
  if (!l.preferred && s > 0) s = Math.min(s, 0.95) - 0.05;
  return s;
}

function scoreEntry(e: Entry, q: string, qWords: readonly string[]): { score: number; matched: string | null } | null {
  let best: { score: number; matched: string | null } | null = null;
  const code = e.item.code.toLowerCase();
  if (code && q.length >= 2 && code.startsWith(q)) best = { score: code === q ? 1 : 0.85, matched: null };
  for (const l of e.labels) {
    const s = scoreLabel(l, q, qWords);
    if (s > (best?.score ?? 0)) best = { score: s, matched: l.preferred ? null : l.raw };
  }
  return best;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const KIND_ORDER: Record<RoleHitKind, number> = { role: 0, posting: 1, occupation: 2 };

export interface RoleSearch {
  search(query: string, k: number, extra?: readonly Searchable[], kinds?: ReadonlySet<RoleHitKind>): RoleHit[];
}

/** The index keys of a label word: its first two and first three characters (a query word must start a label word). */
const keysOf = (w: string): string[] => (w.length > 2 ? [w.slice(0, 2), w.slice(0, 3)] : [w.slice(0, 2)]);
/** A query word's key: its first three characters (two when shorter). */
const keyOf = (w: string): string => w.slice(0, 3);

/**
 * An index over the occupation labels: every label word's first two and three characters → the labels
 * having such a word (and the code's), so a query scores only the labels sharing a prefix with its
 * longest word. `search` also scores `extra` (stored roles, postings the caller may
 * see; their parsed labels are kept by id and title between calls).
 */
export function createRoleSearch(occupations: Iterable<Occupation>): RoleSearch {
  const occ: Entry[] = [...occupations].map((o) => entryOf({ id: o.id, title: o.preferredLabel.trim(), kind: 'occupation', source: o.source, code: o.code, altLabels: o.altLabels }));
  // label-level postings: key → (occupation index, label index) pairs; label index -1 is the code
  const byKey = new Map<string, number[]>();
  const add = (k: string, i: number, j: number): void => void (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(i, j);
  occ.forEach((e, i) => {
    e.labels.forEach((l, j) => {
      for (const k of new Set(l.words.flatMap(keysOf))) add(k, i, j);
    });
    if (e.item.code) for (const k of keysOf(e.item.code.toLowerCase())) add(k, i, -1);
  });
  const extras = new Map<string, Entry>();
  const extraEntry = (x: Searchable): Entry => {
    const k = `${x.kind}\n${x.id}\n${x.title}`;
    let e = extras.get(k);
    if (!e) {
      if (extras.size > 200_000) extras.clear();
      extras.set(k, (e = entryOf(x)));
    }
    return e;
  };
  return {
    search(query, k, extra = [], kinds) {
      const q = normalise(query);
      const qWords = words(query);
      if (q === '' || k <= 0) return [];
      const hits: RoleHit[] = [];
      const consider = (e: Entry): void => {
        if (kinds && !kinds.has(e.item.kind)) return;
        const s = scoreEntry(e, q, qWords);
        if (s) hits.push({ id: e.item.id, title: e.item.title, kind: e.item.kind, source: e.item.source, code: e.item.code, matched: s.matched, score: s.score });
      };
      const longest = qWords.reduce((a, b) => (b.length > a.length ? b : a), '');
      const key = keyOf(longest);
      for (const x of extra) {
        const e = extraEntry(x);
        if (e.labels.some((l) => l.words.some((w) => w.startsWith(key)))) consider(e);
      }
      const best = new Map<number, { score: number; matched: string | null }>();
      const list = byKey.get(key) ?? [];
      for (let p = 0; p < list.length; p += 2) {
        const i = list[p]!;
        const j = list[p + 1]!;
        const e = occ[i]!;
        let score: number;
        let matched: string | null = null;
        if (j < 0) {
          const code = e.item.code.toLowerCase();
          score = q.length >= 2 && code.startsWith(q) ? (code === q ? 1 : 0.85) : 0;
        } else {
          const l = e.labels[j]!;
          score = scoreLabel(l, q, qWords);
          matched = l.preferred ? null : l.raw;
        }
        if (score > (best.get(i)?.score ?? 0)) best.set(i, { score, matched });
      }
      for (const [i, b] of best) {
        const it = occ[i]!.item;
        if (!kinds || kinds.has(it.kind)) hits.push({ id: it.id, title: it.title, kind: it.kind, source: it.source, code: it.code, matched: b.matched, score: b.score });
      }
      hits.sort((a, b) => b.score - a.score || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || cmp(a.title, b.title) || cmp(a.id, b.id));
      return hits.slice(0, k);
    },
  };
}
