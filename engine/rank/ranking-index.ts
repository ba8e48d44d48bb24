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
import type { IndexData } from './index-data.ts';

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
  return indexOver(data, scorer, opts.profileOf ?? null, workspace);
}

/** Queries an updated index answers over base + segment before it compacts them. */
const COMPACT_AFTER_QUERIES = 4;

/** The query side of an index over its typed arrays. */
function indexOver(initial: IndexData, scorer: FitScorer, profileOf: ((candidateId: string) => SkillProfile | undefined) | null, workspace: Workspace): RankingIndex {
  // `data` is replaced once by an equivalent compacted version (see accumulate); ids, skills, profiles
  // and organisations are the same in both
  let data = initial;
  const { ids, skillOrd, byOrg } = data;
  let { remap, extra } = data;
  let { start, cand: postCand, strength: postStrength, verified: postVerified } = data.base;
  let nBaseSkills = start.length - 1;
  let queries = 0;
  const profileByOrdinal = data.profiles;
  const n = ids.length;
  const ordinalOf = (id: string): number => ordinalIn(ids, id);
  /** The first ordinal whose id sorts after `id`. */
  const firstOrdinalAfter = (id: string): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ids[mid]! <= id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // the query workspace (see Workspace), fetched by each query
  let acc = workspace.acc;
  let touched = workspace.touched;
  let touchedAll = workspace.touchedAll;
  let touchedCount = 0;
  let queryBase = 0;
  let baseline = 0;
  const KEY = 65536;
  const touchedNow = (o: number): boolean => acc[4 * o]! >= queryBase;

  // Candidates are processed in blocks of BLOCK ordinals: every posting list is sorted by candidate,
  // so a per-list cursor walks each block's slice; the accumulator records touched inside a block stay
  // in cache (32 B × BLOCK = 512 KiB) instead of jumping across the whole candidate range.
  const BLOCK = 16384;

  function accumulate(role: RoleLike, verifiedOnly: boolean): void {
    if ((remap !== null || extra !== null) && ++queries > COMPACT_AFTER_QUERIES) {
      // an updated index read repeatedly merges its changed-candidates segment into the base: one
      // O(postings) pass instead of the remap indirection on every later query
      data = compact(data);
      ({ remap, extra } = data);
      ({ start, cand: postCand, strength: postStrength, verified: postVerified } = data.base);
      nBaseSkills = start.length - 1;
    }
    const p = scorer.prepare(role);
    if (p.coverers.length >= KEY) throw rankError('INVALID_OPTION', { option: 'role', value: `${p.coverers.length} requirements`, expected: `at most ${KEY - 1}` }, 'role');
    baseline = p.baseline;
    workspace.fit(n);
    acc = workspace.acc;
    touched = workspace.touched;
    touchedAll = workspace.touchedAll;
    workspace.queryBase += KEY;
    queryBase = workspace.queryBase;
    touchedCount = 0;
    // the role's posting lists: (requirement, sim, cursor, end), grouped by requirement in order
    const listReq: number[] = [];
    const listExtra: number[] = [];
    const listSim: number[] = [];
    const listEnd: number[] = [];
    const cursor: number[] = [];
    const firstList: number[] = [];
    for (let j = 0; j < p.coverers.length; j++) {
      firstList.push(listReq.length);
      for (const c of p.coverers[j]!.list) {
        const sk = skillOrd.get(c.skillId);
        if (sk === undefined) continue;
        if (sk < nBaseSkills && start[sk] !== start[sk + 1]) {
          listReq.push(j);
          listExtra.push(0);
          listSim.push(c.sim);
          cursor.push(start[sk]!);
          listEnd.push(start[sk + 1]!);
        }
        if (extra && extra.start[sk] !== extra.start[sk + 1]) {
          listReq.push(j);
          listExtra.push(1);
          listSim.push(c.sim);
          cursor.push(extra.start[sk]!);
          listEnd.push(extra.start[sk + 1]!);
        }
      }
    }
    firstList.push(listReq.length);
    for (let blockStart = 0; blockStart < n; blockStart += BLOCK) {
      const blockEnd = Math.min(n, blockStart + BLOCK);
      for (let j = 0; j < p.coverers.length; j++) {
        const key = queryBase + j;
        let nt = 0;
        for (let l = firstList[j]!, lEnd = firstList[j + 1]!; l < lEnd; l++) {
          const sim = listSim[l]!;
          const end = listEnd[l]!;
          // a base list goes through remap (skipping candidates changed since); the extra segment does not
          const isExtra = listExtra[l] === 1;
          const pc = isExtra ? extra!.cand : postCand;
          const ps = isExtra ? extra!.strength : postStrength;
          const pv = isExtra ? extra!.verified : postVerified;
          const map = isExtra ? null : remap;
          let k = cursor[l]!;
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
          cursor[l] = k;
        }
        for (let t = 0; t < nt; t++) {
          const at = 4 * touched[t]!;
          acc[at + 3]! += p.delta(j, acc[at + 1]!, acc[at + 2]!);
        }
      }
    }
  }

  function profileFor(ord: number): SkillProfile {
    const p = profileByOrdinal ? profileByOrdinal[ord] : profileOf!(ids[ord]!);
    if (!p) throw rankError('INVALID_OPTION', { option: 'profileOf', value: `no profile for candidate ${ids[ord]}`, expected: 'a profile of every candidate' }, 'profileOf');
    return p;
  }

  return {
    size: n,
    candidateIds: ids,
    scorer,
    memoryBytes: () =>
      [start, postCand, postStrength, postVerified, remap, extra?.start, extra?.cand, extra?.strength, extra?.verified].reduce((s, a) => s + (a?.byteLength ?? 0), 0) +
      workspace.bytes() +
      [...byOrg.values()].reduce((s, a) => s + a.byteLength, 0),
    rank(role, query = {}) {
      const { top, cursor } = checkQuery(query);
      const verifiedOnly = query.verifiedOnly ?? scorer.options.verifiedOnly;
      let allowed: Int32Array | null = null;
      if (query.sharedWith !== undefined) allowed = byOrg.get(query.sharedWith) ?? new Int32Array(0);
      if (query.candidateIds) {
        const set = Int32Array.from(new Set(query.candidateIds.map(ordinalOf).filter((o) => o >= 0))).sort();
        allowed = allowed ? set.filter((o) => allowed!.includes(o)) : set;
      }
      accumulate(role, verifiedOnly);
      const heap = new TopK(top);
      const minScore = query.minScore ?? -Infinity;
      let count = 0;
      const scoreOf = (o: number): number => (touchedNow(o) ? acc[4 * o + 3]! : baseline);
      const visit = (o: number, s: number): void => {
        if (s < minScore) return;
        if (cursor && !(s < cursor.score || (s === cursor.score && ids[o]! > cursor.id))) return;
        count++;
        heap.push(o, s);
      };
      if (allowed) {
        for (const o of allowed) visit(o, scoreOf(o));
      } else {
        // touched candidates, then the untouched ones (all at `baseline`, in id order) only while
        // they can still enter the page: no O(candidates) pass unless the page needs it
        for (let t = 0; t < touchedCount; t++) visit(touchedAll[t]!, acc[4 * touchedAll[t]! + 3]!);
        let from = n;
        if (baseline >= minScore && (!cursor || baseline < cursor.score)) from = 0;
        else if (baseline >= minScore && cursor && baseline === cursor.score) from = firstOrdinalAfter(cursor.id);
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
      }
      const page = heap.sorted();
      const explain = query.explain ?? true;
      const items = page.map(({ score, index: id }) => ({
        candidateId: ids[id]!,
        score,
        fit: explain ? scorer.score(role, profileFor(id), { verifiedOnly }) : null,
      }));
      const last = items[items.length - 1];
      return {
        roleId: role.id,
        items,
        nextCursor: count > items.length && last ? encodeCursor({ score: last.score, id: last.candidateId }) : null,
        total: count,
      };
    },
    scores(role, query = {}) {
      accumulate(role, query.verifiedOnly ?? scorer.options.verifiedOnly);
      const out = new Float64Array(n).fill(baseline);
      for (let t = 0; t < touchedCount; t++) out[touchedAll[t]!] = acc[4 * touchedAll[t]! + 3]!;
      return out;
    },
    withChanges(changed, removed = [], sharedWith) {
      return indexOver(applyChanges(data, scorer, profileOf !== null, changed, removed, sharedWith), scorer, profileOf, workspace);
    },
  };
}
