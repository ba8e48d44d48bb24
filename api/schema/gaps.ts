import { z } from 'zod';
import { requireRole } from '../../app/access.ts';
import { gaps, gapWindow, type ReportedWhatIf } from '../../app/gaps.ts';
import type { GapDimension, GapRow, SkillTrend } from '../../engine/analytics/types.ts';
import { builder } from '../builder.ts';
import { checkWindowBounds, isRealDate } from '../input-limits.ts';
import { readErrors } from './errors.ts';

const GapByEnum = builder.enumType('GapBy', { values: ['SKILL', 'GROUP', 'OCCUPATION', 'MONTH'] as const });

const GapCell = builder.objectRef<GapRow>('GapCell').implement({
  description: 'Demand (share of postings) against supply (share of the cohort). Supply is null and suppressed when fewer than k people back it.',
  fields: (t) => ({
    key: t.exposeString('key'),
    label: t.exposeString('label'),
    month: t.exposeString('month', { nullable: true }),
    demand: t.exposeFloat('demand'),
    demandCount: t.exposeInt('demandCount'),
    postings: t.exposeInt('postings'),
    supply: t.exposeFloat('supply', { nullable: true }),
    verifiedSupply: t.exposeFloat('verifiedSupply', { nullable: true }),
    claimedSupply: t.exposeFloat('claimedSupply', { nullable: true }),
    cohortSize: t.exposeInt('cohortSize'),
    gap: t.exposeFloat('gap', { nullable: true }),
    suppressed: t.exposeBoolean('suppressed'),
  }),
});

const TrendPointRef = builder.objectRef<SkillTrend['series'][number]>('TrendPoint').implement({
  fields: (t) => ({ month: t.exposeString('month'), share: t.exposeFloat('share', { nullable: true, description: 'null when the month has no postings (missing data, not 0%)' }), count: t.exposeInt('count'), postings: t.exposeInt('postings') }),
});

const TrendRef = builder.objectRef<SkillTrend>('SkillTrend').implement({
  fields: (t) => ({
    skillId: t.exposeString('skillId'),
    label: t.exposeString('label'),
    series: t.field({ type: [TrendPointRef], resolve: (s) => [...s.series] }),
    slope: t.exposeFloat('slope'),
    direction: t.exposeString('direction'),
  }),
});

const WhatIfRef = builder.objectRef<ReportedWhatIf>('WhatIf').implement({
  description: 'A what-if. Released to planner and employer keys on the noisy baseline (`before` equals the plain gap cells, `after` adds the credential’s change with fresh noise; `people` is the number asked for); exact for admin keys (`people` is the number of people moved).',
  fields: (t) => ({
    credentialId: t.exposeString('credentialId'),
    people: t.int({ resolve: (w) => w.people }),
    before: t.field({ type: [GapCell], resolve: (w) => [...w.before] }),
    after: t.field({ type: [GapCell], resolve: (w) => [...w.after] }),
  }),
});

interface GapReport {
  by: GapDimension;
  from: string;
  to: string;
  cells: GapRow[];
  trends: SkillTrend[];
  whatIf: ReportedWhatIf | null;
}

const GapReportRef = builder.objectRef<GapReport>('GapReport').implement({
  fields: (t) => ({
    by: t.string({ resolve: (r) => r.by }),
    from: t.exposeString('from'),
    to: t.exposeString('to'),
    cells: t.field({ type: [GapCell], resolve: (r) => r.cells }),
    trends: t.field({ type: [TrendRef], resolve: (r) => r.trends }),
    whatIf: t.field({ type: WhatIfRef, nullable: true, resolve: (r) => r.whatIf }),
  }),
});

const WhatIfInput = builder.inputType('WhatIfInput', {
  fields: (t) => ({
    credentialId: t.id({ required: true }),
    people: t.int({ required: true, validate: z.number().int().min(1).max(1_000_000) }),
  }),
});

const isoDate = z.string().max(10, 'expected a date YYYY-MM-DD').regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD').refine(isRealDate, 'not a real date');

builder.queryFields((t) => ({
  gaps: t.field({
    type: GapReportRef,
    errors: { ...readErrors, directResult: true },
    description: 'Skill gaps of the whole cohort against demand in a window (aggregates only; cells under k people are suppressed). For planner and employer keys person counts are released under differential privacy (noise keyed per query, a privacy budget per key and day); admin keys get exact counts.',
    args: {
      by: t.arg({ type: GapByEnum, required: false }),
      from: t.arg.string({ required: false, validate: isoDate }),
      to: t.arg.string({ required: false, validate: isoDate }),
      whatIf: t.arg({ type: WhatIfInput, required: false }),
    },
    resolve: async (_r, args, { workspace, principal, now }) => {
      requireRole(principal, ['admin', 'planner', 'employer'], 'gap analytics'); // before the window is judged
      const by = (args.by ?? 'GROUP').toLowerCase() as GapDimension;
      const bounds = { from: args.from ?? null, to: args.to ?? null };
      const window = gapWindow(now, bounds);
      checkWindowBounds(window.from, window.to);
      const report = await gaps(workspace, principal, { by, ...bounds, whatIf: args.whatIf ?? null }, now);
      return { by, from: report.window.from, to: report.window.to, cells: report.rows, trends: report.trends, whatIf: report.whatIf };
    },
  }),
}));
