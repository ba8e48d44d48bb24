import { z } from 'zod';
import { gaps } from '../../app/gaps.ts';
import type { GapDimension, GapRow, SkillTrend, WhatIfResult } from '../../engine/analytics/types.ts';
import { builder } from '../builder.ts';
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

const WhatIfRef = builder.objectRef<WhatIfResult>('WhatIf').implement({
  fields: (t) => ({
    credentialId: t.exposeString('credentialId'),
    people: t.int({ resolve: (w) => w.chosen.length }),
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
  whatIf: WhatIfResult | null;
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

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

builder.queryFields((t) => ({
  gaps: t.field({
    type: GapReportRef,
    errors: { ...readErrors, directResult: true },
    description: 'Skill gaps of the whole cohort against demand in a window (aggregates only; k-anonymous).',
    args: {
      by: t.arg({ type: GapByEnum, required: false }),
      from: t.arg.string({ required: false, validate: isoDate }),
      to: t.arg.string({ required: false, validate: isoDate }),
      whatIf: t.arg({ type: WhatIfInput, required: false }),
    },
    resolve: (_r, args, { workspace, principal, now }) => {
      const by = (args.by ?? 'GROUP').toLowerCase() as GapDimension;
      const report = gaps(workspace, principal, { by, from: args.from ?? null, to: args.to ?? null, whatIf: args.whatIf ?? null }, now);
      return { by, from: report.window.from, to: report.window.to, cells: report.rows, trends: report.trends, whatIf: report.whatIf };
    },
  }),
}));
