import type { FitScorer } from '../fit/fit-scorer.ts';
import type { SkillProfile } from '../profile/types.ts';
import { rankError } from './errors.ts';
import { ordinalIn } from './ordinal.ts';
import type { IndexData, Postings } from './index-data.ts';

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The extra segment is merged into the base once its postings pass this share of the base's (or `compactAfter`). */
const COMPACT_SHARE = 1 / 32;

/** Postings of `profiles` (with their ordinals, ascending), grouped by skill ordinal; new skills are numbered into `skillOrd`. */
function postingsOf(scorer: FitScorer, profiles: readonly { p: SkillProfile; ord: number }[], skillOrd: Map<string, number>): Postings {
  let total = 0;
  for (const { p } of profiles) {
    for (const id of p.skills.keys()) if (!skillOrd.has(id)) skillOrd.set(id, skillOrd.size);
    total += p.skills.size;
  }
  const nSkills = skillOrd.size;
  const start = new Int32Array(nSkills + 1);
  for (const { p } of profiles) for (const id of p.skills.keys()) start[skillOrd.get(id)! + 1]!++;
  for (let s = 0; s < nSkills; s++) start[s + 1]! += start[s]!;
  const fill = start.slice(0, nSkills);
  const cand = new Int32Array(total);
  const strength = new Float32Array(total);
  const verified = new Uint8Array(total);
  for (const { p, ord } of profiles) {
    for (const s of p.skills.values()) {
      const at = fill[skillOrd.get(s.skillId)!]!++;
      cand[at] = ord;
      strength[at] = s.strength;
      verified[at] = scorer.isVerified(s) ? 1 : 0;
    }
  }
  return { start, cand, strength, verified };
}

/** One posting set: the base renumbered by `remap` (−1 dropped) merged with `extra`, per skill by ordinal. */
function merge(base: Postings, remap: Int32Array, extra: Postings): Postings {
  const nSkills = extra.start.length - 1;
  const nBaseSkills = base.start.length - 1;
  const cap = base.cand.length + extra.cand.length;
  const start = new Int32Array(nSkills + 1);
  const cand = new Int32Array(cap);
  const strength = new Float32Array(cap);
  const verified = new Uint8Array(cap);
  let at = 0;
  for (let s = 0; s < nSkills; s++) {
    start[s] = at;
    let k = s < nBaseSkills ? base.start[s]! : 0;
    const end = s < nBaseSkills ? base.start[s + 1]! : 0;
    let i = extra.start[s]!;
    const iEnd = extra.start[s + 1]!;
    while (k < end || i < iEnd) {
      const mapped = k < end ? remap[base.cand[k]!]! : -1;
      if (k < end && mapped < 0) {
        k++;
      } else if (k < end && (i >= iEnd || mapped < extra.cand[i]!)) {
        cand[at] = mapped;
        strength[at] = base.strength[k]!;
        verified[at++] = base.verified[k]!;
        k++;
      } else {
        cand[at] = extra.cand[i]!;
        strength[at] = extra.strength[i]!;
        verified[at++] = extra.verified[i]!;
        i++;
      }
    }
  }
  start[nSkills] = at;
  return { start, cand: cand.subarray(0, at), strength: strength.subarray(0, at), verified: verified.subarray(0, at) };
}

/** The same index data with the changed-candidates segment merged into the base (no remap, no segment). */
export function compact(d: IndexData): IndexData {
  if (d.remap === null && d.extra === null) return d;
  // without a remap the base is numbered like the index
  const remap = d.remap ?? Int32Array.from({ length: d.ids.length }, (_, i) => i);
  const extra = d.extra ?? { start: new Int32Array(d.skillOrd.size + 1), cand: new Int32Array(0), strength: new Float32Array(0), verified: new Uint8Array(0) };
  return { ...d, base: merge(d.base, remap, extra), baseProfiles: d.profiles, remap: null, extra: null, extraProfiles: new Map() };
}

/**
 * The index data after upserting `changed` and dropping `removed`, without re-reading any unchanged
 * profile. The base postings are shared: `remap` renumbers them (old ordinals map monotonically onto the
 * new ones, so every list stays sorted; changed and removed candidates map to −1) and the candidates
 * changed since the base get their own small posting segment. Each update costs O(candidates) for the
 * id list and the remap plus O(changed since the base) postings; once those pass 1/32 of the base the
 * two are merged into a new base (O(postings)). A query then sees exactly the postings a full build over
 * the new profiles would have (up to skill numbering, which no query depends on).
 */
export function applyChanges(
  old: IndexData,
  scorer: FitScorer,
  lookUpProfiles: boolean,
  changed: readonly SkillProfile[],
  removed: readonly string[],
  sharedWith: ReadonlyMap<string, readonly string[]> | undefined,
): IndexData {
  const changedIds = new Set<string>();
  for (const p of changed) {
    if (changedIds.has(p.candidateId)) throw rankError('DUPLICATE_CANDIDATE', { id: p.candidateId });
    changedIds.add(p.candidateId);
  }
  for (const id of removed) {
    if (changedIds.has(id)) throw rankError('INVALID_OPTION', { option: 'changes', value: `candidate ${id} changed and removed`, expected: 'each candidate changed or removed, not both' }, 'changes');
  }
  const oldIds = old.ids;
  const nOld = oldIds.length;
  // stale: old ordinals whose postings go (changed or removed); gone: removed from the index
  const stale = new Uint8Array(nOld);
  const gone = new Uint8Array(nOld);
  const added: string[] = [];
  for (const id of changedIds) {
    const o = ordinalIn(oldIds, id);
    if (o >= 0) stale[o] = 1;
    else added.push(id);
  }
  const removedKnown: string[] = [];
  for (const id of removed) {
    const o = ordinalIn(oldIds, id);
    if (o >= 0) {
      stale[o] = gone[o] = 1;
      removedKnown.push(id);
    }
  }
  added.sort(byId);
  // merge ids; oldToNew[o] = new ordinal of old ordinal o, −1 when removed (ids shared when none come or go)
  const same = added.length === 0 && removedKnown.length === 0;
  const ids: string[] = same ? (oldIds as string[]) : [];
  const oldToNew = new Int32Array(nOld);
  if (same) for (let o = 0; o < nOld; o++) oldToNew[o] = o;
  else {
    for (let o = 0, a = 0; o < nOld || a < added.length; ) {
      if (o < nOld && (a >= added.length || oldIds[o]! < added[a]!)) {
        if (gone[o]) oldToNew[o] = -1;
        else {
          oldToNew[o] = ids.length;
          ids.push(oldIds[o]!);
        }
        o++;
      } else ids.push(added[a++]!);
    }
  }
  const n = ids.length;
  // base ordinal → new ordinal (−1: changed or removed since the base)
  const nBase = old.baseProfiles ? old.baseProfiles.length : old.remap ? old.remap.length : nOld;
  const remap = new Int32Array(nBase);
  for (let b = 0; b < nBase; b++) {
    const o = old.remap ? old.remap[b]! : b;
    remap[b] = o < 0 || stale[o] ? -1 : oldToNew[o]!;
  }
  // the candidates changed since the base, with their new ordinals
  const extraProfiles = new Map(old.extraProfiles);
  for (const id of removedKnown) extraProfiles.delete(id);
  for (const p of changed) extraProfiles.set(p.candidateId, p);
  const fresh = [...extraProfiles.values()].map((p) => ({ p, ord: ordinalIn(ids, p.candidateId) })).sort((a, b) => a.ord - b.ord);
  const newSkill = changed.some((p) => [...p.skills.keys()].some((id) => !old.skillOrd.has(id)));
  const skillOrd = newSkill ? new Map(old.skillOrd) : (old.skillOrd as Map<string, number>);
  let extra: Postings | null = postingsOf(scorer, fresh, skillOrd);
  let base = old.base;
  let baseRemap: Int32Array | null = remap;
  let baseProfiles = old.baseProfiles;
  let keptExtra: ReadonlyMap<string, SkillProfile> = extraProfiles;
  // profiles by new ordinal (when the index keeps them)
  let profiles: SkillProfile[] | null = null;
  if (!lookUpProfiles && old.profiles && same) {
    profiles = old.profiles.slice();
    for (const { p, ord } of fresh) profiles[ord] = p;
  } else if (!lookUpProfiles && old.baseProfiles) {
    const kept = old.baseProfiles;
    profiles = new Array<SkillProfile>(n);
    for (let b = 0; b < nBase; b++) if (remap[b]! >= 0) profiles[remap[b]!] = kept[b]!;
    for (const { p, ord } of fresh) profiles[ord] = p;
  }
  if (extra.cand.length > Math.max(old.compactAfter, base.cand.length * COMPACT_SHARE)) {
    base = merge(base, remap, extra);
    baseRemap = null;
    extra = null;
    baseProfiles = profiles;
    keptExtra = new Map();
  } else if (extra.cand.length === 0 && remap.every((o, b) => o === b) && nBase === n) {
    baseRemap = null;
    extra = null;
  }
  // organisations: old lists renumbered, minus the removed and the re-shared, plus the re-shared
  const reshared = new Map<number, readonly string[]>();
  for (const [id, orgs] of sharedWith ?? []) if (changedIds.has(id)) reshared.set(ordinalIn(ids, id), orgs);
  const lists = new Map<string, number[]>();
  for (const [org, list] of old.byOrg) {
    const l: number[] = [];
    for (const o of list) {
      const no = oldToNew[o]!;
      if (no >= 0 && !reshared.has(no)) l.push(no);
    }
    lists.set(org, l);
  }
  for (const [o, orgs] of reshared) {
    for (const org of orgs) {
      const l = lists.get(org);
      if (l) l.push(o);
      else lists.set(org, [o]);
    }
  }
  const byOrg = new Map<string, Int32Array>();
  for (const [org, l] of lists) if (l.length > 0) byOrg.set(org, Int32Array.from(new Set(l)).sort());
  return { ids, profiles, skillOrd, base, baseProfiles, remap: baseRemap, extra, extraProfiles: keptExtra, byOrg, compactAfter: old.compactAfter };
}
