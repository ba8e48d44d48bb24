/**
 * Type-ahead search over what can be ranked against: stored roles, job postings and taxonomy
 * occupations (ESCO, O*NET). Pure and in memory; an index over the occupations is built once
 * (they change only with a taxonomy import) and roles/postings are scanned per query (they are few
 * beside 14k occupation labels). Matching is on normalised words: every query word must start a word
 * of a label (`data ana` finds "data analyst"); a code (`2511.1`, `15-1252`) matches by prefix.
 * Score: whole label equal 1, label starts with the query 0.9, all words prefix-matched 0.8 (preferred
 * label) / 0.7 (alternative label); ties by kind (role, posting, occupation), then label, then id.
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

function scoreEntry(e: Entry, q: string, qWords: readonly string[]): { score: number; matched: string | null } | null {
  let best: { score: number; matched: string | null } | null = null;
  const code = e.item.code.toLowerCase();
  if (code && q.length >= 2 && code.startsWith(q)) best = { score: code === q ? 1 : 0.85, matched: null };
  for (const l of e.labels) {
    let s = 0;
    if (l.text === q) s = 1;
    else if (l.text.startsWith(q)) s = 0.9;
    else if (qWords.every((w) => l.words.some((lw) => lw.startsWith(w)))) s = l.preferred ? 0.8 : 0.7;
    if (!l.preferred && s > 0) s = Math.min(s, 0.95) - 0.05;
    if (s > (best?.score ?? 0)) best = { score: s, matched: l.preferred ? null : l.raw };
  }
  return best;
}

const KIND_ORDER: Record<RoleHitKind, number> = { role: 0, posting: 1, occupation: 2 };

export interface RoleSearch {
  search(query: string, k: number, extra?: readonly Searchable[], kinds?: ReadonlySet<RoleHitKind>): RoleHit[];
}

/** An index over the occupations; `search` also scans `extra` (stored roles, postings the caller may see). */
export function createRoleSearch(occupations: Iterable<Occupation>): RoleSearch {
  const occ: Entry[] = [...occupations].map((o) => entryOf({ id: o.id, title: o.preferredLabel.trim(), kind: 'occupation', source: o.source, code: o.code, altLabels: o.altLabels }));
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
      for (const x of extra) consider(entryOf(x));
      for (const e of occ) consider(e);
      hits.sort((a, b) => b.score - a.score || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.title.localeCompare(b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return hits.slice(0, k);
    },
  };
}
