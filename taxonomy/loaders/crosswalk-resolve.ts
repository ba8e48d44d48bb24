import type { CrosswalkEntry, Occupation } from '../model/types.ts';
import type { CrosswalkRow } from './crosswalk.ts';

/** How a crosswalk row's O*NET code was resolved against the loaded O*NET release. */
export interface CodeResolution {
  readonly escoOccupationId: string;
  /** The code in the crosswalk file (SOC-2010 based for retired codes). */
  readonly fileCode: string;
  readonly fileTitle: string;
  /** The loaded O*NET occupation code it maps to, or null when it stays unmapped. */
  readonly onetCode: string | null;
  readonly onetTitle: string | null;
  /** 'code': the code is loaded; 'title': matched by title (and description); 'parent': its SOC-level `.00` occupation; 'unmapped'. */
  readonly by: 'code' | 'title' | 'parent' | 'unmapped';
  /** Match score of a title match (1 = same title), 1 for a code match, the best score seen when unmapped. */
  readonly score: number;
}

export interface ResolveOptions {
  /** Accept a title match at or above this score; default 0.9. */
  readonly minScore?: number;
  /** Confidence factor of a match by the SOC-level parent code; default 0.8. */
  readonly parentFactor?: number;
  /** ESCO occupation ids loaded: an added entry naming another is `mapped: false`. */
  readonly escoOccupationIds?: ReadonlySet<string>;
}

const STOP = new Set(['and', 'or', 'of', 'the', 'all', 'other', 'in', 'a', 'an', 'for', 'to', 'including']);

/** Content words, crudely singular; words after "except" are dropped (they name what is excluded). */
function tokens(text: string): Set<string> {
  const out = new Set<string>();
  let excluded = false;
  for (const raw of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    if (raw === 'except') excluded = true;
    if (excluded || STOP.has(raw)) continue;
    out.add(raw.replace(/ies$/, 'y').replace(/([^s])s$/, '$1'));
  }
  return out;
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const t of a) if (b.has(t)) n++;
  return n;
}

const dice = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => (a.size === 0 || b.size === 0 ? 0 : (2 * overlap(a, b)) / (a.size + b.size));

interface Indexed {
  readonly occ: Occupation;
  readonly title: Set<string>;
  readonly labels: readonly Set<string>[];
  readonly description: Set<string>;
}

/**
 * Resolves crosswalk rows whose O*NET code is not in the loaded release (the Nesta crosswalk uses
 * O*NET-SOC 2010 codes; 143 of its codes were retired in 2019) to loaded O*NET occupations:
 * 1. by code: the code is loaded — nothing to do;
 * 2. by title: the file's O*NET title against each loaded occupation's title and alternate titles
 *    (Dice overlap of content words, or 0.9 × the share of the old title's words in the new title —
 *    "accountants" → "Accountants and Auditors"), + 0.05 for the same SOC major group, + 0.05 for the
 *    same minor group, + 0.05 × word overlap with the occupation's description (tie-break);
 *    accepted at `minScore` (0.9);
 * 3. by parent code: the SOC-level occupation of the code (`27-2012.02` → `27-2012.00`) when loaded,
 *    at confidence × `parentFactor` (0.8): an O*NET-specific occupation folded into its SOC occupation.
 * Returns the resolutions (one per distinct file code and ESCO occupation) and the entries to add:
 * a mapped entry on the new code with confidence × min(1, score), unless that pair is in the file already.
 * Pure and deterministic (ties break on code).
 */
export function resolveRetiredCodes(
  rows: readonly CrosswalkRow[],
  onet: readonly Occupation[],
  opts: ResolveOptions = {},
): { readonly added: CrosswalkEntry[]; readonly resolutions: CodeResolution[] } {
  const minScore = opts.minScore ?? 0.9;
  const loaded = onet.filter((o) => o.source === 'onet');
  const byCode = new Map(loaded.map((o) => [o.code, o]));
  const index: Indexed[] = loaded
    .map((occ) => ({ occ, title: tokens(occ.preferredLabel), labels: occ.altLabels.map(tokens), description: tokens(occ.description) }))
    .sort((a, b) => (a.occ.code < b.occ.code ? -1 : a.occ.code > b.occ.code ? 1 : 0));
  const cache = new Map<string, { occ: Occupation | null; score: number }>();
  const match = (code: string, title: string): { occ: Occupation | null; score: number } => {
    const key = `${code}\n${title}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const t = tokens(title);
    let best: { occ: Occupation | null; score: number } = { occ: null, score: 0 };
    if (t.size > 0) {
      for (const x of index) {
        let s = Math.max(dice(t, x.title), (0.9 * overlap(t, x.title)) / t.size);
        for (const l of x.labels) s = Math.max(s, dice(t, l));
        if (s === 0) continue;
        if (x.occ.code.slice(0, 2) === code.slice(0, 2)) s += 0.05;
        if (x.occ.code.slice(0, 4) === code.slice(0, 4)) s += 0.05;
        s += (0.05 * overlap(t, x.description)) / t.size;
        if (s > best.score) best = { occ: x.occ, score: s };
      }
    }
    cache.set(key, best);
    return best;
  };
  const present = new Set(rows.map((r) => `${r.escoOccupationId}\n${r.onetCode}`));
  const added: CrosswalkEntry[] = [];
  const resolutions: CodeResolution[] = [];
  for (const r of rows) {
    const same = byCode.get(r.onetCode);
    if (same) {
      resolutions.push({ escoOccupationId: r.escoOccupationId, fileCode: r.onetCode, fileTitle: r.onetTitle, onetCode: same.code, onetTitle: same.preferredLabel, by: 'code', score: 1 });
      continue;
    }
    const { occ, score } = match(r.onetCode, r.onetTitle);
    const rounded = Math.round(score * 1000) / 1000;
    if (occ && score >= minScore) {
      resolutions.push({ escoOccupationId: r.escoOccupationId, fileCode: r.onetCode, fileTitle: r.onetTitle, onetCode: occ.code, onetTitle: occ.preferredLabel, by: 'title', score: rounded });
      const key = `${r.escoOccupationId}\n${occ.code}`;
      if (!present.has(key)) {
        present.add(key);
        added.push({ escoOccupationId: r.escoOccupationId, onetCode: occ.code, confidence: r.confidence * Math.min(1, score), mapped: opts.escoOccupationIds?.has(r.escoOccupationId) ?? true });
      }
    } else if (byCode.has(`${r.onetCode.slice(0, 7)}.00`)) {
      const parent = byCode.get(`${r.onetCode.slice(0, 7)}.00`)!;
      const factor = opts.parentFactor ?? 0.8;
      resolutions.push({ escoOccupationId: r.escoOccupationId, fileCode: r.onetCode, fileTitle: r.onetTitle, onetCode: parent.code, onetTitle: parent.preferredLabel, by: 'parent', score: factor });
      const key = `${r.escoOccupationId}\n${parent.code}`;
      if (!present.has(key)) {
        present.add(key);
        added.push({ escoOccupationId: r.escoOccupationId, onetCode: parent.code, confidence: r.confidence * factor, mapped: opts.escoOccupationIds?.has(r.escoOccupationId) ?? true });
      }
    } else {
      resolutions.push({ escoOccupationId: r.escoOccupationId, fileCode: r.onetCode, fileTitle: r.onetTitle, onetCode: null, onetTitle: occ?.preferredLabel ?? null, by: 'unmapped', score: rounded });
    }
  }
  return { added, resolutions };
}

/** What `resolveCrosswalk` found: the entries to store and how each file row's code was resolved. */
export interface ResolvedCrosswalk {
  readonly entries: readonly CrosswalkEntry[];
  readonly resolutions: readonly CodeResolution[];
  /** Counts of rows by how their code resolved, and the distinct file codes left unmapped. */
  readonly summary: {
    readonly rows: number;
    readonly byCode: number;
    readonly byTitle: number;
    readonly byParent: number;
    readonly unmapped: number;
    readonly unmappedCodes: readonly string[];
  };
}

/** Summarises the resolutions of a crosswalk file (rows by code / by title / unmapped). */
export function summariseResolutions(resolutions: readonly CodeResolution[]): ResolvedCrosswalk['summary'] {
  const count = (by: CodeResolution['by']): number => resolutions.filter((r) => r.by === by).length;
  const unmappedCodes = [...new Set(resolutions.filter((r) => r.by === 'unmapped').map((r) => r.fileCode))].sort();
  return { rows: resolutions.length, byCode: count('code'), byTitle: count('title'), byParent: count('parent'), unmapped: count('unmapped'), unmappedCodes };
}

/** File rows as entries plus the entries added for retired codes resolved by title. */
export function resolveCrosswalk(rows: readonly CrosswalkRow[], onet: readonly Occupation[], opts: ResolveOptions = {}): ResolvedCrosswalk {
  const { added, resolutions } = resolveRetiredCodes(rows, onet, opts);
  const entries: CrosswalkEntry[] = rows.map(({ onetTitle: _title, ...entry }) => entry);
  return { entries: [...entries, ...added], resolutions, summary: summariseResolutions(resolutions) };
}
