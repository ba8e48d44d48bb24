import type { SkillGraph } from '../../taxonomy/model/skill-graph.ts';
import { createFitScorer } from '../fit/fit-scorer.ts';
import type { FitScorer } from '../fit/fit-scorer.ts';
import type { FitOptions, FitResult, RoleLike } from '../fit/types.ts';
import type { SkillProfile } from '../profile/types.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { applyChanges, compact } from './index-changes.ts';
import { ordinalIn } from './ordinal.ts';
import type { CursorPosition } from './cursor.ts';
import { checkRankOption as check, rankError } from './errors.ts';
import { integerIn, numberIn } from '../../taxonomy/model/option-check.ts';
import { TopK } from '../embedding/top-k.ts';
import { Workspace } from './workspace.ts';
import type { IndexData, Postings } from './index-data.ts';
import type { PreparedRole } from '../fit/prepared-role.ts';

export interface RankingIndexOptions {
  /** The fit scorer whose scores the index reproduces; default `createFitScorer({ graph, ...fit })`. */
  readonly scorer?: FitScorer;
  readonly fit?: FitOptions;
  /** Candidate id → organisations the candidate shared their profile with (employer scoping). */
  readonly sharedWith?: ReadonlyMap<string, readonly string[]>;
  /**
   * Looks a profile up for explanations. When absent the index keeps the profiles it was built from;
   * pass it to keep only the typed arrays in memory (the benchmark regenerates profiles on demand).
   */
  readonly profileOf?: (candidateId: string) => SkillProfile | undefined;
  /**
   * `withChanges` keeps the postings of changed candidates in a segment beside the shared base and
   * merges the two once the segment holds more than max(compactAfter, base postings / 32); default 4096.
   */
  readonly compactAfter?: number;
}

export interface RankQuery {
  /** Page size, 1–1000; default 20. */
  readonly top?: number;
  /** From a previous page's `nextCursor`. */
  readonly cursor?: string | null;
  /** Only candidates scoring at least this. */
  readonly minScore?: number;
  /** Count verified evidence only. */
  readonly verifiedOnly?: boolean;
  /** Only candidates who shared their profile with this organisation. */
  readonly sharedWith?: string;
  /** Only these candidates. */
  readonly candidateIds?: readonly string[];
  /** Compute the fit explanation of each returned candidate; default true. */
  readonly explain?: boolean;
}

export interface RankedCandidate {
  readonly candidateId: string;
  readonly score: number;
  /** The fit scorer's result (equal score) with per-requirement evidence; null when `explain: false`. */
  readonly fit: FitResult | null;
}

export interface RankPage {
  readonly roleId: string;
  readonly items: readonly RankedCandidate[];
  /** Cursor of the next page, null on the last page. */
  readonly nextCursor: string | null;
  /** Candidates passing the filters (all pages). */
  readonly total: number;
}

export interface RankingIndex {
  /** Candidate count. */
  readonly size: number;
  /** Candidate ids in ordinal (id) order. */
  readonly candidateIds: readonly string[];
  readonly scorer: FitScorer;
  /** Bytes held in the index's typed arrays (postings + query workspace). */
  memoryBytes(): number;
  /** One page of candidates for a role, best first, ties by id. */
  rank(role: RoleLike, query?: RankQuery): RankPage;
  /** Every candidate's score (by ordinal) for a role; a copy. */
  scores(role: RoleLike, query?: Pick<RankQuery, 'verifiedOnly'>): Float64Array;
  /**
   * A new index with `changed` profiles inserted or replaced (by candidate id) and `removed` ids dropped
   * (unknown ids are ignored); `sharedWith` gives the organisations of changed candidates (a changed
   * candidate not named there keeps its organisations, a new one has none). It ranks exactly as
   * `createRankingIndex` over the resulting profiles would; this index is left unchanged. The unchanged
   * postings are shared (see `applyChanges`): O(candidates) small arrays plus the changed candidates'
   * postings, no unchanged profile is re-read.
   */
  withChanges(changed: readonly SkillProfile[], removed?: readonly string[], sharedWith?: ReadonlyMap<string, readonly string[]>): RankingIndex;
}

class Growable {
  ints = new Int32Array(1024);
  floats = new Float32Array(1024);
  flags = new Uint8Array(1024);
  length = 0;
  push(i: number, f: number, flag: number): void {
    if (this.length === this.ints.length) {
      const n = this.ints.length * 2;
      const ints = new Int32Array(n);
      ints.set(this.ints);
      const floats = new Float32Array(n);
      floats.set(this.floats);
      const flags = new Uint8Array(n);
      flags.set(this.flags);
      this.ints = ints;
      this.floats = floats;
      this.flags = flags;
    }
    this.ints[this.length] = i;
    this.floats[this.length] = f;
    this.flags[this.length] = flag;
    this.length++;
  }
}

function checkQuery(q: RankQuery): { top: number; cursor: CursorPosition | null } {
  const top = check('top', q.top ?? 20, integerIn(1, 1000));
  if (q.minScore !== undefined) check('minScore', q.minScore, numberIn(-Infinity, Infinity));
  return { top, cursor: q.cursor ? decodeCursor(q.cursor) : null };
}

/**
 * Ranking at scale (DESIGN.md §4): an inverted index skill → (candidate ordinal, strength, verified)
 * in typed arrays. A query expands each requirement to its coverers (same, narrower, broader,
 * related, embedding-similar), walks only their postings to take the per-requirement max coverage
 * of each touched candidate, adds the signal delta, then keeps the top k in a bounded heap.
 * Explanations are computed only for the returned page, by the fit scorer (same score, bit for bit).
 */
export function createRankingIndex(graph: SkillGraph, profiles: Iterable<SkillProfile>, opts: RankingIndexOptions = {}): RankingIndex {
  const compactAfter = check('compactAfter', opts.compactAfter ?? 4096, integerIn(0));
  const scorer = opts.scorer ?? createFitScorer({ graph, ...(opts.fit ?? {}) });
  const inputIds: string[] = [];
  const kept: SkillProfile[] = [];
  const offsets: number[] = [0];
  const flat = new Growable();
  const skillOrd = new Map<string, number>();
  for (const profile of profiles) {
    inputIds.push(profile.candidateId);
    if (!opts.profileOf) kept.push(profile);
    for (const s of profile.skills.values()) {
      let o = skillOrd.get(s.skillId);
      if (o === undefined) {
        o = skillOrd.size;
        skillOrd.set(s.skillId, o);
      }
      flat.push(o, s.strength, scorer.isVerified(s) ? 1 : 0);
    }
    offsets.push(flat.length);
  }
  const n = inputIds.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (inputIds[a]! < inputIds[b]! ? -1 : inputIds[a]! > inputIds[b]! ? 1 : 0));
  const ids = order.map((i) => inputIds[i]!);
  for (let i = 1; i < n; i++) {
    if (ids[i] === ids[i - 1]) throw rankError('DUPLICATE_CANDIDATE', { id: ids[i] });
  }
  const profileByOrdinal = opts.profileOf ? null : order.map((i) => kept[i]!);
  // postings, grouped by skill, candidates ascending
  const nSkills = skillOrd.size;
  const start = new Int32Array(nSkills + 1);
  for (let k = 0; k < flat.length; k++) start[flat.ints[k]! + 1]!++;
  for (let s = 0; s < nSkills; s++) start[s + 1]! += start[s]!;
  const fill = start.slice(0, nSkills);
  const postCand = new Int32Array(flat.length);
  const postStrength = new Float32Array(flat.length);
  const postVerified = new Uint8Array(flat.length);
  for (let ord = 0; ord < n; ord++) {
    const input = order[ord]!;
    for (let k = offsets[input]!; k < offsets[input + 1]!; k++) {
      const s = flat.ints[k]!;
      const at = fill[s]!++;
      postCand[at] = ord;
      postStrength[at] = flat.floats[k]!;
      postVerified[at] = flat.flags[k]!;
    }
  }
  const byOrg = new Map<string, Int32Array>();
  if (opts.sharedWith) {
    const lists = new Map<string, number[]>();
    for (const [cid, orgs] of opts.sharedWith) {
      const o = ordinalIn(ids, cid);
      if (o < 0) continue;
      for (const org of orgs) {
        const l = lists.get(org);
        if (l) l.push(o);
        else lists.set(org, [o]);
      }
    }
    for (const [org, l] of lists) byOrg.set(org, Int32Array.from(new Set(l)).sort());
  }
  const workspace = new Workspace();
  workspace.fit(n);
  const base = { start, cand: postCand, strength: postStrength, verified: postVerified };
  const data = { ids, profiles: profileByOrdinal, skillOrd, base, baseProfiles: profileByOrdinal, remap: null, extra: null, extraProfiles: new Map(), byOrg, compactAfter };
  return new IndexReader(data, scorer, opts.profileOf ?? null, workspace);
}

/** Queries an updated index answers over base + segment before it compacts them. */
const COMPACT_AFTER_QUERIES = 4;

/** Requirements a role may have: a key is queryBase + requirement index (see Workspace). */
const KEY = 65536;

// Candidates are processed in blocks of BLOCK ordinals: every posting list is sorted by candidate,
// so a per-list cursor walks each block's slice; the accumulator records touched inside a block stay
// in cache (32 B × BLOCK = 512 KiB) instead of jumping across the whole candidate range.
const BLOCK = 16384;

/** The posting lists a role walks, grouped by requirement in order: list l is requirement req[l]'s. */
interface RoleLists {
  readonly req: number[];
  /** 1 for a list of the changed-candidates segment, 0 for a base list. */
  readonly extra: number[];
  readonly sim: number[];
  readonly end: number[];
  /** Where each list's walk stands; advanced block by block. */
  readonly cursor: number[];
  /** Requirement j's lists are first[j]..first[j+1]. */
  readonly first: number[];
}

/** Step 1 of a query: the non-empty base and segment posting lists of each requirement's coverers. */
function roleLists(p: PreparedRole, skillOrd: ReadonlyMap<string, number>, base: Postings, extra: Postings | null): RoleLists {
  const lists: RoleLists = { req: [], extra: [], sim: [], end: [], cursor: [], first: [] };
  const nBaseSkills = base.start.length - 1;
  const add = (j: number, isExtra: number, sim: number, from: number, to: number): void => {
    lists.req.push(j);
    lists.extra.push(isExtra);
    lists.sim.push(sim);
    lists.cursor.push(from);
    lists.end.push(to);
  };
  for (let j = 0; j < p.coverers.length; j++) {
    lists.first.push(lists.req.length);
    for (const c of p.coverers[j]!.list) {
      const sk = skillOrd.get(c.skillId);
      if (sk === undefined) continue;
      if (sk < nBaseSkills && base.start[sk] !== base.start[sk + 1]) add(j, 0, c.sim, base.start[sk]!, base.start[sk + 1]!);
      if (extra && extra.start[sk] !== extra.start[sk + 1]) add(j, 1, c.sim, extra.start[sk]!, extra.start[sk + 1]!);
    }
  }
  lists.first.push(lists.req.length);
  return lists;
}

/**
 * The query side of an index over its typed arrays. A query accumulates, per touched candidate, the
 * best coverage of each requirement and the signal delta (`accumulate`), then pages through them
 * (`rank`) or returns them all (`scores`). After COMPACT_AFTER_QUERIES queries an updated index merges
 * its changed-candidates segment into the base (`compactIfDue`).
 */
class IndexReader implements RankingIndex {
  readonly size: number;
  readonly candidateIds: readonly string[];
  // `data` is replaced once by an equivalent compacted version (see compactIfDue); ids, skills, profiles
  // and organisations are the same in both
  private data: IndexData;
  private queries = 0;
  // the query workspace (see Workspace), fetched by each query
  private touchedCount = 0;
  private queryBase = 0;
  private baseline = 0;

  constructor(
    initial: IndexData,
    readonly scorer: FitScorer,
    private readonly profileOf: ((candidateId: string) => SkillProfile | undefined) | null,
    private readonly workspace: Workspace,
  ) {
    this.data = initial;
    this.candidateIds = initial.ids;
    this.size = initial.ids.length;
  }

  memoryBytes(): number {
    const { base, remap, extra, byOrg } = this.data;
    return (
      [base.start, base.cand, base.strength, base.verified, remap, extra?.start, extra?.cand, extra?.strength, extra?.verified].reduce((s, a) => s + (a?.byteLength ?? 0), 0) +
      this.workspace.bytes() +
      [...byOrg.values()].reduce((s, a) => s + a.byteLength, 0)
    );
  }

  rank(role: RoleLike, query: RankQuery = {}): RankPage {
    const { top, cursor } = checkQuery(query);
    const verifiedOnly = query.verifiedOnly ?? this.scorer.options.verifiedOnly;
    const allowed = this.allowedOrdinals(query);
    this.accumulate(role, verifiedOnly);
    const { heap, count } = this.collect(new TopK(top), allowed, query.minScore ?? -Infinity, cursor);
    const page = heap.sorted();
    const explain = query.explain ?? true;
    const ids = this.data.ids;
    const items = page.map(({ score, index: id }) => ({
      candidateId: ids[id]!,
      score,
      fit: explain ? this.scorer.score(role, this.profileFor(id), { verifiedOnly }) : null,
    }));
    const last = items[items.length - 1];
    return {
      roleId: role.id,
      items,
      nextCursor: count > items.length && last ? encodeCursor({ score: last.score, id: last.candidateId }) : null,
      total: count,
    };
  }

  scores(role: RoleLike, query: Pick<RankQuery, 'verifiedOnly'> = {}): Float64Array {
    this.accumulate(role, query.verifiedOnly ?? this.scorer.options.verifiedOnly);
    const { acc, touchedAll } = this.workspace;
    const out = new Float64Array(this.size).fill(this.baseline);
    for (let t = 0; t < this.touchedCount; t++) out[touchedAll[t]!] = acc[4 * touchedAll[t]! + 3]!;
    return out;
  }

  withChanges(changed: readonly SkillProfile[], removed: readonly string[] = [], sharedWith?: ReadonlyMap<string, readonly string[]>): RankingIndex {
    return new IndexReader(applyChanges(this.data, this.scorer, this.profileOf !== null, changed, removed, sharedWith), this.scorer, this.profileOf, this.workspace);
  }

  /** The ordinals a query may return (shared with an organisation, among given ids), or null for all. */
  private allowedOrdinals(query: RankQuery): Int32Array | null {
    let allowed: Int32Array | null = null;
    if (query.sharedWith !== undefined) allowed = this.data.byOrg.get(query.sharedWith) ?? new Int32Array(0);
    if (query.candidateIds) {
      const ids = this.data.ids;
      const set = Int32Array.from(new Set(query.candidateIds.map((id) => ordinalIn(ids, id)).filter((o) => o >= 0))).sort();
      allowed = allowed ? set.filter((o) => allowed!.includes(o)) : set;
    }
    return allowed;
  }

  /** An updated index read repeatedly merges its segment into the base: one O(postings) pass instead of the remap indirection on every later query. */
  private compactIfDue(): void {
    if ((this.data.remap !== null || this.data.extra !== null) && ++this.queries > COMPACT_AFTER_QUERIES) this.data = compact(this.data);
  }

  /** Step 2 of a query: a fresh key range in the workspace, sized for every candidate. */
  private beginQuery(p: PreparedRole): void {
    if (p.coverers.length >= KEY) throw rankError('INVALID_OPTION', { option: 'role', value: `${p.coverers.length} requirements`, expected: `at most ${KEY - 1}` }, 'role');
    this.baseline = p.baseline;
    this.workspace.fit(this.size);
    this.workspace.queryBase += KEY;
    this.queryBase = this.workspace.queryBase;
    this.touchedCount = 0;
  }

  /** Each touched candidate's score (acc[4o + 3]) for `role`; untouched ones score `baseline`. */
  private accumulate(role: RoleLike, verifiedOnly: boolean): void {
    this.compactIfDue();
    const p = this.scorer.prepare(role);
    this.beginQuery(p);
    const lists = roleLists(p, this.data.skillOrd, this.data.base, this.data.extra);
    for (let blockStart = 0; blockStart < this.size; blockStart += BLOCK) {
      const blockEnd = Math.min(this.size, blockStart + BLOCK);
      for (let j = 0; j < p.coverers.length; j++) {
        const nt = this.walkRequirement(lists, j, blockEnd, verifiedOnly);
        const { acc, touched } = this.workspace;
        for (let t = 0; t < nt; t++) {
          const at = 4 * touched[t]!;
          acc[at + 3]! += p.delta(j, acc[at + 1]!, acc[at + 2]!);
        }
      }
    }
  }

  /**
   * Step 3, the hot loop: requirement j's lists up to `blockEnd`, keeping per candidate the best
   * coverage and best verified coverage; returns how many candidates it touched (in `touched`).
   */
  private walkRequirement(lists: RoleLists, j: number, blockEnd: number, verifiedOnly: boolean): number {
    const { acc, touched, touchedAll } = this.workspace;
    const { base, extra, remap } = this.data;
    const queryBase = this.queryBase;
    const baseline = this.baseline;
    const key = queryBase + j;
    let touchedCount = this.touchedCount;
    let nt = 0;
    for (let l = lists.first[j]!, lEnd = lists.first[j + 1]!; l < lEnd; l++) {
      const sim = lists.sim[l]!;
      const end = lists.end[l]!;
      // a base list goes through remap (skipping candidates changed since); the extra segment does not
      const postings = lists.extra[l] === 1 ? extra! : base;
      const pc = postings.cand;
      const ps = postings.strength;
      const pv = postings.verified;
      const map = lists.extra[l] === 1 ? null : remap;
      let k = lists.cursor[l]!;
      for (; k < end; k++) {
        let cand = pc[k]!;
        if (map !== null) {
          cand = map[cand]!;
          if (cand < 0) continue;
        }
        if (cand >= blockEnd) break;
        const ver = pv[k]!;
        if (verifiedOnly && ver === 0) continue;
        const at = 4 * cand;
        const v = sim * ps[k]!;
        const old = acc[at]!;
        if (old !== key) {
          if (old < queryBase) {
            acc[at + 3] = baseline;
            touchedAll[touchedCount++] = cand;
          }
          acc[at] = key;
          acc[at + 1] = v;
          acc[at + 2] = ver === 1 ? v : 0;
          touched[nt++] = cand;
        } else {
          if (v > acc[at + 1]!) acc[at + 1] = v;
          if (ver === 1 && v > acc[at + 2]!) acc[at + 2] = v;
        }
      }
      lists.cursor[l] = k;
    }
    this.touchedCount = touchedCount;
    return nt;
  }

  /**
   * Step 4: the page's candidates into `heap` and the count of all that qualify. With `allowed`, only
   * those; else the touched candidates, then the untouched ones (all at `baseline`, in id order) only
   * while they can still enter the page: no O(candidates) pass unless the page needs it.
   */
  private collect(heap: TopK, allowed: Int32Array | null, minScore: number, cursor: CursorPosition | null): { heap: TopK; count: number } {
    const { acc, touchedAll } = this.workspace;
    const ids = this.data.ids;
    const n = this.size;
    const baseline = this.baseline;
    const touchedCount = this.touchedCount;
    const touchedNow = (o: number): boolean => acc[4 * o]! >= this.queryBase;
    let count = 0;
    const visit = (o: number, s: number): void => {
      if (s < minScore) return;
      if (cursor && !(s < cursor.score || (s === cursor.score && ids[o]! > cursor.id))) return;
      count++;
      heap.push(o, s);
    };
    if (allowed) {
      for (const o of allowed) visit(o, touchedNow(o) ? acc[4 * o + 3]! : baseline);
      return { heap, count };
    }
    for (let t = 0; t < touchedCount; t++) visit(touchedAll[t]!, acc[4 * touchedAll[t]! + 3]!);
    let from = n;
    if (baseline >= minScore && (!cursor || baseline < cursor.score)) from = 0;
    else if (baseline >= minScore && cursor && baseline === cursor.score) from = firstOrdinalAfter(ids, cursor.id);
    if (from < n) {
      let touchedAfter = touchedCount;
      if (from > 0) {
        touchedAfter = 0;
        for (let t = 0; t < touchedCount; t++) if (touchedAll[t]! >= from) touchedAfter++;
      }
      count += n - from - touchedAfter;
      for (let o = from; o < n; o++) {
        if (touchedNow(o)) continue;
        if (!heap.admits(o, baseline)) break;
        heap.push(o, baseline);
      }
    }
    return { heap, count };
  }

  private profileFor(ord: number): SkillProfile {
    const { ids, profiles } = this.data;
    const p = profiles ? profiles[ord] : this.profileOf!(ids[ord]!);
    if (!p) throw rankError('INVALID_OPTION', { option: 'profileOf', value: `no profile for candidate ${ids[ord]}`, expected: 'a profile of every candidate' }, 'profileOf');
    return p;
  }
}

/** The first ordinal whose id sorts after `id` (ids ascending). */
function firstOrdinalAfter(ids: readonly string[], id: string): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid]! <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
