import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SkillGraph } from '../../taxonomy/model/skill-graph.ts';
import type { JobPosting, TaxonomyData, VerificationStatus } from '../../taxonomy/model/types.ts';
import { createFitScorer } from '../fit/fit-scorer.ts';
import type { FitScorer } from '../fit/fit-scorer.ts';
import { evidence, skill } from '../fit/test-fixtures.ts';
import type { RoleLike } from '../fit/types.ts';
import { seededRandom } from '../ports/random.ts';
import type { ProfileSkill, SkillProfile } from '../profile/types.ts';
import { requirementsFromOccupation } from '../requirements/from-occupation.ts';
import { requirementsFromPosting } from '../requirements/from-posting.ts';
import { mergeRequirements } from '../requirements/merge.ts';
import { DEFAULT_ANALYTICS_OPTIONS } from './options.ts';
import { createGapAnalytics } from './gap-analytics.ts';
import { groupRollup } from './groups.ts';
import { coverageTable, supplyCell } from './supply.ts';
import type { GapRow, TimeWindow } from './types.ts';
import { profileAsOf } from './what-if.ts';
import { inWindow, monthsOf } from './window.ts';

const STATUSES: readonly VerificationStatus[] = ['verified', 'hosted-verified', 'unverified', 'self-claimed', 'expired'];
const WINDOW: TimeWindow = { from: '2025-11-01', to: '2026-05-01' };

/** A random taxonomy with occupations, dated postings (some of unknown occupations), and a cohort with dated evidence. */
function randomWorld(seed: number) {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const ids = Array.from({ length: 20 }, (_, i) => `s${String(i).padStart(2, '0')}`);
  const occIds = ['o1', 'o2', 'o3', 'o4'];
  const data: TaxonomyData = {
    skills: ids.map((id) => skill(id)),
    // two levels of groups (G ⊃ Ga, Gb) over some skills, and a random skill forest
    groups: ['G', 'Ga', 'Gb'].map((id) => ({ id, source: 'custom' as const, code: id, preferredLabel: id, description: '' })),
    broader: [
      { childId: 'Ga', parentId: 'G' },
      { childId: 'Gb', parentId: 'G' },
      ...ids.slice(1).flatMap((id, i) => (rnd() < 0.7 ? [{ childId: id, parentId: ids[Math.floor(rnd() * (i + 1))]! }] : [])),
      ...ids.flatMap((id) => (rnd() < 0.3 ? [{ childId: id, parentId: pick(['Ga', 'Gb']) }] : [])),
    ],
    skillRelations: [{ fromId: ids[0]!, toId: ids[5]!, relationType: 'related' }],
    occupations: occIds.map((id) => ({ id, source: 'esco', code: id, iscoGroup: '', preferredLabel: id, altLabels: [], description: '', parentIds: [] })),
    occupationSkills: occIds.flatMap((occupationId) =>
      [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => pick(ids)))].map((skillId) => ({
        occupationId,
        skillId,
        relationType: rnd() < 0.5 ? ('essential' as const) : ('optional' as const),
        importance: null,
        level: null,
      })),
    ),
    crosswalk: [],
  };
  const day = (): string => `20${pick(['25', '26'])}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
  const postings: JobPosting[] = Array.from({ length: 40 }, (_, i) => ({
    id: `p${i}`,
    title: `p${i}`,
    description: '',
    organisationId: 'org',
    datePosted: day(),
    occupationId: rnd() < 0.8 ? pick([...occIds, 'unknown-occ']) : null,
    location: '',
    skills: [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(ids)))].map((skillId) => ({
      skillId,
      confidence: pick([0.3, 0.6, 0.9]),
      provenance: { kind: 'text' as const, source: '', span: null },
    })),
  }));
  const cohort: SkillProfile[] = Array.from({ length: 12 + Math.floor(rnd() * 30) }, (_, c) => {
    const skills = new Map<string, ProfileSkill>();
    for (let k = Math.floor(rnd() * 6); k > 0; k--) {
      const skillId = pick(ids);
      if (skills.has(skillId)) continue;
      // 1–3 pieces of evidence, some dated inside the window, some undated; strength not always their max
      const ev = Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, e) => ({
        ...evidence(skillId, rnd() < 0.5 ? Math.round(rnd() * 8) / 8 : Math.round(rnd() * 100) / 100, pick(STATUSES), `c${c}-${skillId}-${e}`),
        issuedOn: rnd() < 0.25 ? null : day(),
      }));
      skills.set(skillId, { skillId, strength: rnd() < 0.5 ? Math.max(...ev.map((e) => e.confidence)) : Math.round(rnd() * 8) / 8, evidence: ev });
    }
    return { candidateId: `c${String(c).padStart(3, '0')}`, asOf: '2026-06-01T00:00:00Z', skills };
  });
  return { graph: SkillGraph.fromData(data), postings, cohort };
}

const byKey = (a: GapRow, b: GapRow): number => b.demand - a.demand || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function row(key: string, label: string, month: string | null, demandCount: number, postings: number, count: number, verifiedCount: number, n: number, k: number): GapRow {
  const demand = postings === 0 ? 0 : demandCount / postings;
  const cell = supplyCell(count, verifiedCount, n, k);
  return { key, label, month, demand, demandCount, postings, ...cell, cohortSize: n, gap: cell.supply === null ? null : demand - cell.supply };
}

/**
 * The straightforward reference: score every person against every occupation's core (essential)
 * requirements with the fit scorer; a person supplies it when the requirements they cover at the
 * threshold hold at least `occupationShare` (a quarter) of the core weight (issue 15: fit ≥ 0.5 on a whole profile counted nobody).
 */
function referenceByOccupation(scorer: FitScorer, cohort: readonly SkillProfile[], all: readonly JobPosting[], threshold: number, k: number): GapRow[] {
  const postings = all.filter((p) => inWindow(p.datePosted, WINDOW));
  const byOcc = new Map<string, JobPosting[]>();
  for (const p of postings) if (p.occupationId) byOcc.set(p.occupationId, [...(byOcc.get(p.occupationId) ?? []), p]);
  const rows: GapRow[] = [];
  for (const [occ, list] of byOcc) {
    let role: RoleLike;
    try {
      role = requirementsFromOccupation(scorer.graph, occ);
    } catch {
      role = { id: occ, requirements: mergeRequirements(...list.map((p) => requirementsFromPosting(p, { minConfidence: 0.5 }).requirements)) };
    }
    if (role.requirements.length === 0) continue;
    const essential = role.requirements.filter((r) => r.essential);
    const core = { id: role.id, requirements: essential.length > 0 ? essential : role.requirements };
    const total = core.requirements.reduce((s, r) => s + r.weight, 0);
    const holds = (verifiedOnly: boolean) => (person: SkillProfile): boolean =>
      scorer.score(core, person, { verifiedOnly }).requirements.reduce((s, r) => s + (r.coverage >= threshold && r.coverage > 0 ? r.weight : 0), 0) / total >= DEFAULT_ANALYTICS_OPTIONS.occupationShare - 1e-9;
    const count = cohort.filter(holds(false)).length;
    const ver = cohort.filter(holds(true)).length;
    rows.push(row(occ, scorer.graph.labelOf(occ) || occ, null, list.length, postings.length, count, ver, cohort.length, k));
  }
  return rows.sort(byKey);
}

/** The straightforward reference: the coverage table of the demanded skills, rolled up per person. */
function referenceBySkillOrGroup(scorer: FitScorer, cohort: readonly SkillProfile[], all: readonly JobPosting[], threshold: number, k: number, keysOf: ((s: string) => readonly string[]) | null): GapRow[] {
  const postings = all.filter((p) => inWindow(p.datePosted, WINDOW));
  const sets = postings.map((p) => [...new Set(p.skills.filter((l) => l.confidence >= 0.5).map((l) => l.skillId))]);
  const skills = [...new Set(sets.flat())].sort();
  const keys = (s: string): readonly string[] => (keysOf ? keysOf(s) : [s]);
  const table = coverageTable(scorer, cohort, skills, threshold);
  const rows = [...new Set(skills.flatMap(keys))].flatMap((key) => {
    const demandCount = sets.filter((set) => set.some((s) => keys(s).includes(key))).length;
    if (demandCount === 0) return [];
    const count = table.covered.filter((c) => c.some((t) => keys(skills[t]!).includes(key))).length;
    const ver = table.verified.filter((c) => c.some((t) => keys(skills[t]!).includes(key))).length;
    return [row(key, scorer.graph.labelOf(key), null, demandCount, postings.length, count, ver, cohort.length, k)];
  });
  return rows.sort(byKey);
}

/** The straightforward reference: each month, every profile as of the month's end, the coverage table again. */
function referenceByMonth(scorer: FitScorer, cohort: readonly SkillProfile[], all: readonly JobPosting[], threshold: number, k: number): GapRow[] {
  const postings = all.filter((p) => inWindow(p.datePosted, WINDOW));
  const demanded = (p: JobPosting): string[] => [...new Set(p.skills.filter((l) => l.confidence >= 0.5).map((l) => l.skillId))].sort();
  const out: GapRow[] = [];
  for (const month of monthsOf(WINDOW)) {
    const sets = postings.filter((p) => p.datePosted.slice(0, 7) === month).map(demanded);
    const skills = [...new Set(sets.flat())].sort();
    const asOf = cohort.map((p) => profileAsOf(p, `${month}-31`));
    const table = coverageTable(scorer, asOf, skills, threshold);
    const rows = skills.map((s, t) => {
      const count = table.covered.filter((c) => c.includes(t)).length;
      const ver = table.verified.filter((c) => c.includes(t)).length;
      return row(`${s}@${month}`, scorer.graph.labelOf(s), month, sets.filter((d) => d.includes(s)).length, sets.length, count, ver, asOf.length, k);
    });
    out.push(...rows.sort(byKey));
  }
  return out;
}

describe('createGapAnalytics().gaps against straightforward references', () => {
  it('equal scoring everyone against every occupation, profiles as of each month end, and per-person coverage tables, on random cohorts', () => {
    let groupRows = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(0, 0.2, 0.35, 0.5, -1, -2), fc.constantFrom(1, 2, 5), (seed, given, k) => {
        const w = randomWorld(seed);
        const scorer = createFitScorer({ graph: w.graph });
        // -1 / -2: a threshold some person meets exactly (an occupation fit / a held skill's coverage)
        let threshold: number = given;
        const person = w.cohort[seed % w.cohort.length]!;
        if (given === -1) threshold = scorer.score(requirementsFromOccupation(w.graph, `o${1 + (seed % 4)}`), person).fit;
        if (given === -2) threshold = Math.fround([...person.skills.values()][0]?.strength ?? 0.5);
        const analytics = createGapAnalytics(scorer, { k, coverageThreshold: threshold });
        const input = { cohort: w.cohort, postings: w.postings, window: WINDOW };
        expect(analytics.gaps(input, 'occupation')).toEqual(referenceByOccupation(scorer, w.cohort, w.postings, threshold, k));
        expect(analytics.gaps(input, 'month')).toEqual(referenceByMonth(scorer, w.cohort, w.postings, threshold, k));
        expect(analytics.gaps(input, 'skill')).toEqual(referenceBySkillOrGroup(scorer, w.cohort, w.postings, threshold, k, null));
        for (const groupLevel of [0, 1]) {
          const rollup = groupRollup(w.graph, groupLevel);
          const rows = createGapAnalytics(scorer, { k, coverageThreshold: threshold, groupLevel }).gaps(input, 'group');
          expect(rows).toEqual(referenceBySkillOrGroup(scorer, w.cohort, w.postings, threshold, k, rollup));
          if (groupLevel === 1 && w.postings.some((p) => inWindow(p.datePosted, WINDOW))) groupRows += rows.length;
        }
      }),
      { seed: 7, numRuns: 120 },
    );
    expect(groupRows).toBeGreaterThan(0);
  });
});
