import { z } from 'zod';
import { recommend } from '../../app/recommend.ts';
import { CREDIBILITY_LEVEL_NAMES } from '../../engine/value/issuer-credibility.ts';
import type { GapChange, Pathway, PathwayResult, PathwayStep, Recommendation } from '../../engine/recommend/types.ts';
import { builder } from '../builder.ts';
import { pageSize } from '../paging.ts';
import { CredibilityLevelEnum } from './enums.ts';
import { readErrors } from './errors.ts';
import { CredentialRef } from './records.ts';
import { SkillRef } from './taxonomy.ts';

const GapChangeRef = builder.objectRef<GapChange>('GapChange').implement({
  description: 'A requirement whose coverage a credential raises: before → after.',
  fields: (t) => ({
    skill: t.field({ type: SkillRef, nullable: true, resolve: (g, _a, { workspace }) => workspace.graph.skill(g.skillId) ?? null }),
    weight: t.exposeFloat('weight'),
    before: t.exposeFloat('before'),
    after: t.exposeFloat('after'),
  }),
});

const RecommendationRef = builder.objectRef<Recommendation>('CredentialRecommendation').implement({
  fields: (t) => ({
    credential: t.field({ type: CredentialRef, resolve: (r) => r.credentialId }),
    gain: t.exposeFloat('gain', { description: 'Fit points gained.' }),
    cost: t.exposeFloat('cost'),
    hours: t.exposeFloat('hours'),
    value: t.exposeFloat('value', { description: '(gain + stack bonus) per combined cost: what the list is sorted by.' }),
    progressesStacks: t.field({ type: [CredentialRef], resolve: (r) => [...r.progressesStacks] }),
    credibility: t.field({
      type: CredibilityLevelEnum,
      description: 'The tie-break at equal value: a less credible credential never ranks above an equivalent more credible one at the same value.',
      resolve: (r) => CREDIBILITY_LEVEL_NAMES[r.credibility],
    }),
    explanation: t.exposeString('explanation', { description: 'How the credential came to its rank: value, and credibility where it decided against an equivalent.' }),
    closes: t.field({ type: [GapChangeRef], resolve: (r) => [...r.closes] }),
  }),
});

const StepRef = builder.objectRef<PathwayStep & { cumulativeCost: number; cumulativeHours: number }>('PathwayStep').implement({
  fields: (t) => ({
    credential: t.field({ type: CredentialRef, resolve: (s) => s.credentialId }),
    cost: t.exposeFloat('cost'),
    hours: t.exposeFloat('hours'),
    cumulativeCost: t.exposeFloat('cumulativeCost'),
    cumulativeHours: t.exposeFloat('cumulativeHours'),
    fitBefore: t.exposeFloat('fitBefore'),
    fitAfter: t.exposeFloat('fitAfter'),
    gapsClosed: t.field({ type: [GapChangeRef], resolve: (s) => [...s.closes] }),
    unlocks: t.field({ type: [CredentialRef], description: 'Credentials whose prerequisites this step completes.', resolve: (s) => [...s.unlocks] }),
    stacksCompleted: t.field({ type: [CredentialRef], resolve: (s) => [...s.stacksCompleted] }),
  }),
});

const PathwayRef = builder.objectRef<Pathway>('Pathway').implement({
  fields: (t) => ({
    strategy: t.exposeString('strategy'),
    method: t.exposeString('method', { description: 'exact (branch and bound) or greedy (gain per cost, best-single check)' }),
    steps: t.field({
      type: [StepRef],
      resolve: (p) => {
        let cost = 0;
        let hours = 0;
        return p.steps.map((s) => ({ ...s, cumulativeCost: (cost += s.cost), cumulativeHours: (hours += s.hours) }));
      },
    }),
    totalCost: t.exposeFloat('totalCost'),
    totalHours: t.exposeFloat('totalHours'),
    fitBefore: t.exposeFloat('fitBefore'),
    fitAfter: t.exposeFloat('fitAfter'),
    reachedTarget: t.exposeBoolean('reachedTarget'),
  }),
});

const RecommendationResult = builder.objectRef<{ next: Recommendation[]; pathway: PathwayResult }>('Recommendations').implement({
  description: 'What to earn next (by gain per cost) and pathways to the target fit: best within budget, cheapest, fastest.',
  fields: (t) => ({
    next: t.field({ type: [RecommendationRef], resolve: (r) => r.next }),
    fitBefore: t.float({ resolve: (r) => r.pathway.fitBefore }),
    targetFit: t.float({ resolve: (r) => r.pathway.targetFit }),
    reachableFit: t.float({ description: 'The best fit the catalogue reaches within budget (the default target is 80% of the way to it).', resolve: (r) => r.pathway.reachableFit }),
    pathway: t.field({ type: PathwayRef, description: 'Best within budget.', resolve: (r) => r.pathway.best }),
    cheapest: t.field({ type: PathwayRef, nullable: true, resolve: (r) => r.pathway.cheapest }),
    fastest: t.field({ type: PathwayRef, nullable: true, resolve: (r) => r.pathway.fastest }),
    considered: t.int({ resolve: (r) => r.pathway.considered }),
  }),
});


const nonNegative = z.number().min(0, 'must be ≥ 0').finite();

builder.queryFields((t) => ({
  recommendCredentials: t.field({
    type: RecommendationResult,
    errors: { ...readErrors, directResult: true },
    args: {
      candidateId: t.arg.id({ required: true }),
      roleId: t.arg.id({ required: true }),
      budget: t.arg.float({ required: false, validate: nonNegative, description: 'Money budget in USD.' }),
      hours: t.arg.float({ required: false, validate: nonNegative, description: 'Effort budget in hours.' }),
      targetFit: t.arg.float({ required: false, validate: z.number().gt(0).max(1), description: 'Fit to reach, in (0, 1]; default: 80% of the way from the current fit to the best fit the catalogue reaches within budget (the same default as the CLI).' }),
      first: t.arg.int({ required: false, validate: pageSize, description: 'How many next-credential suggestions.' }),
    },
    resolve: (_r, args, { workspace, principal, now }) =>
      recommend(
        workspace,
        principal,
        {
          candidateId: args.candidateId,
          roleId: args.roleId,
          ...(args.budget != null ? { budgetUsd: args.budget } : {}),
          ...(args.hours != null ? { budgetHours: args.hours } : {}),
          ...(args.targetFit != null ? { targetFit: args.targetFit } : {}),
          ...(args.first != null ? { first: args.first } : {}),
        },
        now,
      ),
  }),
}));
