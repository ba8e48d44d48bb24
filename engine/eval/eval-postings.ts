import type { Occupation, OccupationSkill } from '../../taxonomy/model/types.ts';
import { evalError } from './errors.ts';
import { mean } from './metrics.ts';

/** One hahu row: a posting and its gold ESCO occupation code (e.g. `2512.4`). */
export interface PostingRow {
  readonly title: string;
  readonly description: string;
  readonly occupationCode: string;
  /** The occupation id the posting states (a JSON-LD posting's `occupationalCategory`), if any: its text is read in that sense. */
  readonly occupationId?: string;
}

export interface LinkedSkill {
  readonly skillId: string;
  readonly confidence: number;
}

/** What the evaluation needs from the system for one posting. */
export interface PostingSignals {
  /** Skills linked from the posting text. */
  readonly skills: readonly LinkedSkill[];
  /** Per occupation id: similarity of the title to the occupation's labels (may be empty). */
  readonly titleSimilarity: ReadonlyMap<string, number>;
}

export interface PostingMetrics {
  readonly queries: number;
  readonly skipped: number;
  /** From linked skills against occupation skill profiles only. */
  readonly skills: { readonly top1: number; readonly top5: number; readonly mrr: number };
  /** From title similarity only. */
  readonly title: { readonly top1: number; readonly top5: number; readonly mrr: number };
  /** Title similarity + `skillWeight` × normalised profile score. */
  readonly combined: { readonly top1: number; readonly top5: number; readonly mrr: number };
  /** The combined ranking at other skill weights (key = weight), to show the trade-off. */
  readonly combinedByWeight: Readonly<Record<string, { readonly top1: number; readonly top5: number; readonly mrr: number }>>;
}

/**
 * Occupation profile score of a set of linked skills: Σ confidence × weight (essential 1, optional 0.5)
 * over profile skills found, divided by √(Σ weight) of the profile (a cosine-like normalisation so
 * large profiles do not win by size).
 */
export function profileScores(occupationSkills: readonly OccupationSkill[]): (skills: readonly LinkedSkill[]) => Map<string, number> {
  const bySkill = new Map<string, { occ: string; w: number }[]>();
  const norm = new Map<string, number>();
  for (const r of occupationSkills) {
    const w = r.relationType === 'essential' ? 1 : 0.5;
    (bySkill.get(r.skillId) ?? bySkill.set(r.skillId, []).get(r.skillId)!).push({ occ: r.occupationId, w });
    norm.set(r.occupationId, (norm.get(r.occupationId) ?? 0) + w);
  }
  return (skills) => {
    const out = new Map<string, number>();
    for (const s of skills) for (const { occ, w } of bySkill.get(s.skillId) ?? []) out.set(occ, (out.get(occ) ?? 0) + s.confidence * w);
    for (const [occ, v] of out) out.set(occ, v / Math.sqrt(norm.get(occ)!));
    return out;
  };
}

/**
 * 0-based position of `ids[gold]` when `ids` are sorted by `scores` (same index), best first, ties by id:
 * the ids ranked above it are counted instead of sorting all of them (the sort was most of the evaluation's
 * own time: five sorts of every occupation per posting).
 */
export function goldPosition(ids: readonly string[], scores: Float64Array, gold: number): number {
  const s = scores[gold]!;
  const id = ids[gold]!;
  let above = 0;
  for (let i = 0; i < ids.length; i++) {
    const v = scores[i]!;
    if (v > s || (v === s && ids[i]! < id)) above++;
  }
  return above;
}

/** Top-1, top-5 and reciprocal rank of a ranking whose gold item is at `position` (accuracyAtK and reciprocalRank of that ranking). */
const atPosition = (position: number): number[] => [position < 1 ? 1 : 0, position < 5 ? 1 : 0, 1 / (position + 1)];

/** Posting → occupation: top-1 / top-5 / MRR from linked skills, from the title, and combined. */
export async function evalPostings(
  rows: readonly PostingRow[],
  occupations: readonly Occupation[],
  occupationSkills: readonly OccupationSkill[],
  signals: (row: PostingRow) => Promise<PostingSignals>,
  skillWeight = 0.1,
  otherWeights: readonly number[] = [0.25, 0.5, 1],
): Promise<PostingMetrics> {
  const byCode = new Map<string, string>();
  for (const o of occupations) if (o.code) byCode.set(o.code, o.id);
  const ids = occupations.map((o) => o.id);
  const indexOf = new Map(ids.map((id, i) => [id, i] as const));
  const profile = profileScores(occupationSkills);
  const acc = { skills: [] as number[][], title: [] as number[][], combined: [] as number[][] };
  const byWeight = new Map<number, number[][]>(otherWeights.map((x) => [x, []]));
  let skipped = 0;
  for (const row of rows) {
    const gold = byCode.get(row.occupationCode);
    if (!gold) {
      skipped++;
      continue;
    }
    const sig = await signals(row);
    const prof = profile(sig.skills);
    const maxProf = Math.max(1e-9, ...prof.values());
    const g = indexOf.get(gold)!;
    const skill = Float64Array.from(ids, (id) => prof.get(id) ?? 0);
    const title = Float64Array.from(ids, (id) => sig.titleSimilarity.get(id) ?? 0);
    const combined = (wt: number) => atPosition(goldPosition(ids, title.map((t, i) => t + (wt * skill[i]!) / maxProf), g));
    acc.skills.push(atPosition(goldPosition(ids, skill, g)));
    acc.title.push(atPosition(goldPosition(ids, title, g)));
    acc.combined.push(combined(skillWeight));
    for (const [wt, m] of byWeight) m.push(combined(wt));
  }
  if (acc.skills.length === 0) throw evalError('EMPTY_BENCHMARK', { reason: 'no posting has a gold occupation code in the taxonomy' });
  const summary = (m: number[][]) => ({ top1: mean(m.map((x) => x[0]!)), top5: mean(m.map((x) => x[1]!)), mrr: mean(m.map((x) => x[2]!)) });
  return {
    queries: acc.skills.length,
    skipped,
    skills: summary(acc.skills),
    title: summary(acc.title),
    combined: summary(acc.combined),
    combinedByWeight: Object.fromEntries([...byWeight].map(([wt, m]) => [String(wt), summary(m)])),
  };
}
