import type { JobPosting } from '../../taxonomy/model/types.ts';
import type { FitScorer } from '../fit/fit-scorer.ts';
import { strengthOf } from '../fit/fit-scorer.ts';
import type { RoleLike } from '../fit/types.ts';
import type { SkillProfile } from '../profile/types.ts';
import { requirementsFromOccupation } from '../requirements/from-occupation.ts';
import { requirementsFromPosting } from '../requirements/from-posting.ts';
import { mergeRequirements } from '../requirements/merge.ts';
import { integerIn, oneOf } from '../../taxonomy/model/option-check.ts';
import { checkAnalyticsOption as check } from './errors.ts';
import { groupRollup } from './groups.ts';
import { resolveAnalyticsOptions } from './options.ts';
import type { AnalyticsOptions, ResolvedAnalyticsOptions } from './options.ts';
import { coverageByDate } from './coverage-by-date.ts';
import { occupationHolders } from './occupation-holders.ts';
import { supplyCell } from './supply.ts';
import { supplyCounts } from './supply-counts.ts';
import type { GapDimension, GapInput, GapRow, SkillTrend, WhatIfInput, WhatIfResult } from './types.ts';
import { withCredential } from './what-if.ts';
import { checkWindow, inWindow, monthsOf } from './window.ts';

export interface GapAnalytics {
  readonly options: ResolvedAnalyticsOptions;
  /** The gap matrix: demand (postings in the window) against supply (the cohort), by a dimension. */
  gaps(input: GapInput, by?: GapDimension): GapRow[];
  /** Monthly demand share per skill, with slope and direction (rising first). */
  trends(input: Omit<GapInput, 'cohort'>): SkillTrend[];
  /** N people earn a credential (the N with the highest demand-weighted gain, ties by id); recompute. */
  whatIf(input: WhatIfInput): WhatIfResult;
}

const byKey = <T extends { key: string; demand: number }>(a: T, b: T): number => b.demand - a.demand || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Gap analytics (DESIGN.md §4): supply = share of a cohort covering a skill (coverage ≥ threshold),
 * split verified vs claimed — for an occupation, the share holding at least `occupationShare` of its
 * essential requirement weight (`occupationHolders`); demand = share of postings in a window requiring it; by skill, skill group,
 * occupation or month. k-anonymity: supply over fewer than k people — or a non-zero count of fewer than
 * k — is returned as null with `suppressed: true`. Pure: the window is passed in.
 */
export function createGapAnalytics(scorer: FitScorer, opts: AnalyticsOptions = {}): GapAnalytics {
  const o = resolveAnalyticsOptions(opts);
  const graph = scorer.graph;
  const rollup = groupRollup(graph, o.groupLevel);

  const demanded = (p: JobPosting): string[] => [...new Set(p.skills.filter((l) => l.confidence >= o.minLinkConfidence).map((l) => l.skillId))].sort();

  function windowed(input: Omit<GapInput, 'cohort'>): JobPosting[] {
    checkWindow(input.window);
    return input.postings.filter((p) => inWindow(p.datePosted, input.window));
  }

  function row(key: string, label: string, month: string | null, demandCount: number, postings: number, count: number, verifiedCount: number, n: number): GapRow {
    const demand = postings === 0 ? 0 : demandCount / postings;
    const cell = supplyCell(count, verifiedCount, n, o.k);
    return { key, label, month, demand, demandCount, postings, ...cell, cohortSize: n, gap: cell.supply === null ? null : demand - cell.supply };
  }

  function bySkillOrGroup(cohort: readonly SkillProfile[], postings: readonly JobPosting[], group: boolean): GapRow[] {
    const demandSets = postings.map(demanded);
    const skills = [...new Set(demandSets.flat())].sort();
    const keysOf = skills.map((s) => (group ? rollup(s) : [s]));
    const keyIndex = new Map<string, number>();
    for (const ks of keysOf) for (const k of ks) if (!keyIndex.has(k)) keyIndex.set(k, keyIndex.size);
    const demandCount = new Map<string, number>();
    for (const set of demandSets) {
      const keys = new Set(set.flatMap((s) => (group ? rollup(s) : [s])));
      for (const k of keys) demandCount.set(k, (demandCount.get(k) ?? 0) + 1);
    }
    const counts = supplyCounts(scorer, cohort, skills, o.coverageThreshold, keysOf.map((ks) => ks.map((k) => keyIndex.get(k)!)), keyIndex.size);
    const supply = new Map([...keyIndex].map(([k, i]) => [k, counts.count[i]!]));
    const verified = new Map([...keyIndex].map(([k, i]) => [k, counts.verified[i]!]));
    return [...demandCount.keys()]
      .map((k) => row(k, graph.labelOf(k), null, demandCount.get(k)!, postings.length, supply.get(k) ?? 0, verified.get(k) ?? 0, cohort.length))
      .sort(byKey);
  }

  function byOccupation(cohort: readonly SkillProfile[], postings: readonly JobPosting[]): GapRow[] {
    const byOcc = new Map<string, JobPosting[]>();
    for (const p of postings) if (p.occupationId) (byOcc.get(p.occupationId) ?? byOcc.set(p.occupationId, []).get(p.occupationId)!).push(p);
    const occs: { occ: string; list: JobPosting[]; role: RoleLike }[] = [];
    for (const [occ, list] of byOcc) {
      let role: RoleLike;
      try {
        role = requirementsFromOccupation(graph, occ);
      } catch {
        role = { id: occ, requirements: mergeRequirements(...list.map((p) => requirementsFromPosting(p, { minConfidence: o.minLinkConfidence }).requirements)) };
      }
      if (role.requirements.length > 0) occs.push({ occ, list, role });
    }
    const supply = occupationHolders(scorer, cohort, occs.map((x) => x.role), o.coverageThreshold, o.occupationShare);
    return occs
      .map(({ occ, list }, i) => row(occ, graph.labelOf(occ) || occ, null, list.length, postings.length, supply[i]!.count, supply[i]!.verifiedCount, cohort.length))
      .sort(byKey);
  }

  function byMonth(cohort: readonly SkillProfile[], postings: readonly JobPosting[], window: GapInput['window']): GapRow[] {
    const months = monthsOf(window);
    const perMonth = months.map((m) => postings.filter((p) => p.datePosted.slice(0, 7) === m).map(demanded));
    const targets = [...new Set(perMonth.flat(2))].sort();
    const targetIndex = new Map(targets.map((s, t) => [s, t]));
    // supply as of each month's end (`profileAsOf(p, '<month>-31')`), all months in one pass
    const table = coverageByDate(scorer, cohort, targets, months.map((m) => `${m}-31`), o.coverageThreshold);
    const out: GapRow[] = [];
    months.forEach((month, d) => {
      const sets = perMonth[d]!;
      const demandCount = new Map<string, number>();
      for (const set of sets) for (const k of set) demandCount.set(k, (demandCount.get(k) ?? 0) + 1);
      const rows = [...demandCount.keys()].map((k) => {
        const t = targetIndex.get(k)!;
        return row(`${k}@${month}`, graph.labelOf(k), month, demandCount.get(k)!, sets.length, table.covered[d]![t]!, table.verified[d]![t]!, cohort.length);
      });
      out.push(...rows.sort(byKey));
    });
    return out;
  }

  function gaps(input: GapInput, by: GapDimension = 'skill'): GapRow[] {
    const postings = windowed(input);
    if (by === 'skill') return bySkillOrGroup(input.cohort, postings, false);
    if (by === 'group') return bySkillOrGroup(input.cohort, postings, true);
    if (by === 'occupation') return byOccupation(input.cohort, postings);
    if (by === 'month') return byMonth(input.cohort, postings, input.window);
    throw check.invalid('by', by, oneOf('skill', 'group', 'occupation', 'month').expected);
  }

  function trends(input: Omit<GapInput, 'cohort'>): SkillTrend[] {
    const postings = windowed(input);
    const months = monthsOf(input.window);
    const perMonth = months.map((m) => postings.filter((p) => p.datePosted.slice(0, 7) === m).map(demanded));
    const skills = [...new Set(postings.flatMap(demanded))].sort();
    // months without postings are missing data: no share, and left out of the slope (not counted as 0%)
    const observed = months.map((_, i) => i).filter((i) => perMonth[i]!.length > 0);
    const xm = observed.reduce((s, i) => s + i, 0) / Math.max(1, observed.length);
    let sxx = 0;
    for (const i of observed) sxx += (i - xm) ** 2;
    return skills
      .map((skillId) => {
        const series = months.map((month, i) => {
          const sets = perMonth[i]!;
          const count = sets.filter((s) => s.includes(skillId)).length;
          return { month, count, postings: sets.length, share: sets.length === 0 ? null : count / sets.length };
        });
        const ym = observed.reduce((s, i) => s + series[i]!.share!, 0) / Math.max(1, observed.length);
        const slope = sxx === 0 ? 0 : observed.reduce((s, i) => s + (i - xm) * (series[i]!.share! - ym), 0) / sxx;
        const direction: SkillTrend['direction'] = slope > o.trendEpsilon ? 'rising' : slope < -o.trendEpsilon ? 'falling' : 'flat';
        return { skillId, label: graph.labelOf(skillId), series, slope, direction };
      })
      .sort((a, b) => b.slope - a.slope || (a.skillId < b.skillId ? -1 : 1));
  }

  function whatIf(input: WhatIfInput): WhatIfResult {
    check('count', input.count, integerIn(0));
    const by = input.by ?? 'skill';
    const postings = windowed(input);
    const demandSets = postings.map(demanded);
    const skills = [...new Set(demandSets.flat())].sort();
    const demand = skills.map((s) => demandSets.filter((d) => d.includes(s)).length / Math.max(1, postings.length));
    // what the credential covers of each demanded skill once earned
    const credCov = skills.map((s) => {
      let best = 0;
      for (const l of input.credential.skills) {
        const v = scorer.matcher.sim(s, l.skillId) * Math.fround(o.earnedStrength * l.confidence);
        if (v > best) best = v;
      }
      return best;
    });
    const gains = input.cohort.map((person) => {
      let g = 0;
      skills.forEach((s, t) => {
        if (credCov[t] === 0) return;
        let cov = 0;
        for (const c of scorer.matcher.coverersOf(s).list) {
          const held = person.skills.get(c.skillId);
          if (held) cov = Math.max(cov, c.sim * strengthOf(held));
        }
        if (credCov[t]! > cov) g += demand[t]! * (credCov[t]! - cov);
      });
      return { id: person.candidateId, g };
    });
    const chosen = gains
      .sort((a, b) => b.g - a.g || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, input.count)
      .map((x) => x.id);
    const chosenSet = new Set(chosen);
    const after = input.cohort.map((p) => (chosenSet.has(p.candidateId) ? withCredential(p, input.credential, o.earnedStrength) : p));
    return { credentialId: input.credential.id, chosen, before: gaps(input, by), after: gaps({ ...input, cohort: after }, by) };
  }

  return { options: o, gaps, trends, whatIf };
}
