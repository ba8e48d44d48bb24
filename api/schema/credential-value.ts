/**
 * Issue 20: the credential value report (`credentialValue`, `Credential.value`) and the catalogue
 * ordered and filtered by it (`credentials(orderBy, filter, scope)`). Thin over app/credential-value.ts
 * and app/credentials-list.ts; docs/CREDENTIAL-VALUE.md explains each figure.
 */
import { resolveArrayConnection } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { AppError, InvalidInputError } from '../../app/errors.ts';
import { credentialValue, type DemandScope } from '../../app/credential-value.ts';
import { listCredentials } from '../../app/credentials-list.ts';
import type { CostReport, CredentialValueReport, CredibilityReport, DemandReport, HoldersReport, RoleServedFit, SkillBasis, ValueFigure } from '../../engine/value/report.ts';
import type { Equivalent } from '../../engine/value/cost.ts';
import type { CredentialAssessment, CredentialRecognition } from '../../taxonomy/model/types.ts';
import { builder } from '../builder.ts';
import { CredibilityLevelEnum } from './enums.ts';
import { readErrors } from './errors.ts';
import { CredentialRef } from './records.ts';
import { SkillRef } from './taxonomy.ts';

const CredentialOrderEnum = builder.enumType('CredentialOrder', {
  description: 'NAME: the catalogue order (by id, as before); VALUE: demand covered, largest first; VALUE_PER_COST: free credentials with value first, then value per USD, then unknown cost.',
  values: ['VALUE', 'VALUE_PER_COST', 'NAME'] as const,
});

const CredentialFilterInput = builder.inputType('CredentialFilter', {
  fields: (t) => ({
    skill: t.id({ description: 'Credentials that teach this skill or a narrower one.' }),
    maxCost: t.float({ description: 'Known cost ≤ this (USD); unknown costs are left out.' }),
    maxHours: t.float({ description: 'Known hours ≤ this; unknown hours are left out.' }),
    verifiedIssuer: t.boolean({ description: 'Only credentials whose issuer is (true) or is not (false) verified.' }),
  }),
});

const DemandScopeInput = builder.inputType('DemandScope', {
  description: 'The postings whose demand counts: all postings the caller may see when empty.',
  fields: (t) => ({
    from: t.string({ description: 'ISO date, inclusive.' }),
    to: t.string({ description: 'ISO date, exclusive.' }),
    occupationId: t.id({ description: 'An occupation or occupation group: postings of it or of an occupation below it.' }),
    organisationId: t.id(),
  }),
});

const ValueFigureRef = builder.objectRef<ValueFigure>('ValueFigure').implement({
  description: 'One figure of a value report: its value, the data it rests on and the method (no hidden score).',
  fields: (t) => ({ name: t.exposeString('name'), value: t.exposeString('value'), data: t.exposeString('data'), method: t.exposeString('method') }),
});

type Share = DemandReport['skills'][number];
const DemandSkillShareRef = builder.objectRef<Share>('DemandSkillShare').implement({
  fields: (t) => ({
    skill: t.field({ type: SkillRef, resolve: (s, _a, { workspace }) => workspace.graph.skill(s.skillId)! }),
    skillId: t.exposeID('skillId'),
    share: t.exposeFloat('share', { description: 'Share (0–1) of the weighted demand in scope this credential skill covers (best coverer of each demanded skill).' }),
    postings: t.exposeInt('postings', { description: 'Postings in scope with a requirement this skill covers.' }),
  }),
});

const RoleServedRef = builder.objectRef<RoleServedFit>('RoleServed').implement({
  fields: (t) => ({
    roleId: t.exposeID('roleId'),
    title: t.exposeString('title'),
    coverage: t.exposeFloat('coverage', { description: 'Share of the role’s weighted requirements the credential’s skills cover.' }),
    fitBefore: t.exposeFloat('fitBefore', { description: 'Mean fit of the typical holders (non-holders in the middle half of the field) before.' }),
    fitAfter: t.exposeFloat('fitAfter'),
    gain: t.exposeFloat('gain'),
    typicalHolders: t.int({ description: 'Typical holders the means are over (0: too few non-holders, an empty profile stood in).', resolve: (r) => r.field }),
  }),
});

const CredentialDemandRef = builder.objectRef<DemandReport>('CredentialDemand').implement({
  fields: (t) => ({
    postings: t.exposeInt('postings', { description: 'Postings in scope.' }),
    postingsWithSkills: t.exposeInt('postingsWithSkills', { description: 'Postings in scope with at least one skill requirement (the denominator).' }),
    covered: t.exposeFloat('covered', { description: 'Share of the weighted demand covered (= value).' }),
    skills: t.field({ type: [DemandSkillShareRef], resolve: (d, _a, { workspace }) => d.skills.filter((s) => workspace.graph.skill(s.skillId)) }),
    fitGain: t.exposeFloat('fitGain', { nullable: true, description: 'Mean change of a typical holder’s fit toward the roles it serves best; null when it serves none.' }),
    rolesServed: t.field({ type: [RoleServedRef], resolve: (d) => [...d.rolesServed] }),
    roleSource: t.exposeString('roleSource', { description: 'Which roles were considered: stored roles, or posting groups when the scope has none.' }),
    rolesConsidered: t.exposeInt('rolesConsidered'),
  }),
});

const CredentialEquivalentRef = builder.objectRef<Equivalent>('CredentialEquivalent').implement({
  fields: (t) => ({
    credential: t.field({ type: CredentialRef, resolve: (e) => e.credentialId }),
    cost: t.exposeFloat('cost', { nullable: true }),
    hours: t.exposeFloat('hours', { nullable: true }),
    sameSkills: t.exposeBoolean('sameSkills', { description: 'Covers all of this credential’s demanded skills at least as well.' }),
    shared: t.exposeInt('shared', { description: 'Demanded skills it covers at least as well.' }),
    verifiedIssuer: t.exposeBoolean('verifiedIssuer'),
    cheaper: t.exposeBoolean('cheaper'),
    shorter: t.exposeBoolean('shorter'),
  }),
});

const CredentialCostRef = builder.objectRef<CostReport>('CredentialCost').implement({
  fields: (t) => ({
    cost: t.exposeFloat('cost', { nullable: true }),
    hours: t.exposeFloat('hours', { nullable: true }),
    comparable: t.exposeInt('comparable', { description: 'Credentials compared against (same credentialType, or all when fewer than 5).' }),
    comparableType: t.exposeString('comparableType', { nullable: true, description: 'The credentialType compared within; null when the whole catalogue was.' }),
    valuePerCostRank: t.exposeInt('valuePerCostRank', { nullable: true, description: '1 = best among comparable; null when no positive cost.' }),
    valuePerHourRank: t.exposeInt('valuePerHourRank', { nullable: true }),
    equivalents: t.field({ type: [CredentialEquivalentRef], resolve: (c) => [...c.equivalents] }),
  }),
});


const CredentialRecognitionRef = builder.objectRef<CredentialRecognition>('CredentialRecognition').implement({
  description: "Recognition stated in the standards' own fields (CTDL accreditedBy / recognizedBy / approvedBy / regulatedBy, Open Badges endorsements).",
  fields: (t) => ({
    kind: t.exposeString('kind'),
    agentId: t.exposeString('agentId'),
    agentName: t.exposeString('agentName'),
    source: t.exposeString('source'),
    verification: t.exposeString('verification'),
  }),
});

const CredentialAssessmentRef = builder.objectRef<CredentialAssessment>('CredentialAssessment').implement({
  fields: (t) => ({ kind: t.exposeString('kind'), description: t.exposeString('description'), source: t.exposeString('source') }),
});

const SkillBasisRef = builder.objectRef<SkillBasis>('SkillBasis').implement({
  description: 'How the credential’s skills were established (provenance of its skill links).',
  fields: (t) => ({
    aligned: t.exposeInt('aligned'),
    linked: t.exposeInt('linked'),
    catalogue: t.exposeInt('catalogue'),
    other: t.exposeInt('other'),
    meanLinkedConfidence: t.exposeFloat('meanLinkedConfidence', { nullable: true }),
  }),
});

const CredentialCredibilityRef = builder.objectRef<CredibilityReport>('CredentialCredibility').implement({
  fields: (t) => ({
    issuerId: t.exposeID('issuerId'),
    issuerName: t.exposeString('issuerName'),
    verifiedIssuer: t.exposeBoolean('verifiedIssuer'),
    awards: t.exposeInt('awards', { description: 'This credential’s awards: exact for admin keys; the noised holder count otherwise (0 when not released).' }),
    verifiedAwards: t.exposeInt('verifiedAwards'),
    verifiedShare: t.exposeFloat('verifiedShare', { nullable: true }),
    level: t.field({ type: CredibilityLevelEnum, resolve: (c) => c.level }),
    recognition: t.field({ type: [CredentialRecognitionRef], resolve: (c) => [...c.recognition] }),
    assessment: t.field({ type: [CredentialAssessmentRef], resolve: (c) => [...c.assessment] }),
    skillBasis: t.field({ type: SkillBasisRef, resolve: (c) => c.skillBasis }),
  }),
});

const CredentialHoldersRef = builder.objectRef<HoldersReport>('CredentialHolders').implement({
  fields: (t) => ({
    count: t.exposeFloat('count', { nullable: true, description: 'Holder count released under the gap analytics’ privacy rules: exact for admin; noised (DP) for planner/employer; null when suppressed (< k) or not released.' }),
    exact: t.exposeBoolean('exact'),
    suppressed: t.exposeBoolean('suppressed'),
    note: t.exposeString('note'),
  }),
});

export const CredentialValueRef = builder.objectRef<CredentialValueReport>('CredentialValue').implement({
  description: 'What a credential is worth against the demand in scope, what it costs, how far it can be trusted and how many hold it; every figure names its data and method.',
  fields: (t) => ({
    credential: t.field({ type: CredentialRef, resolve: (r) => r.credentialId }),
    value: t.exposeFloat('value', { description: 'Share (0–1) of the weighted skill demand in scope that the credential’s skills cover.' }),
    valuePerCost: t.exposeFloat('valuePerCost', { nullable: true, description: 'value per USD; null when cost unknown; free credentials: null and free = true.' }),
    valuePerHour: t.exposeFloat('valuePerHour', { nullable: true }),
    free: t.exposeBoolean('free'),
    demand: t.field({ type: CredentialDemandRef, resolve: (r) => r.demand }),
    cost: t.field({ type: CredentialCostRef, resolve: (r) => r.cost }),
    credibility: t.field({ type: CredentialCredibilityRef, resolve: (r) => r.credibility }),
    holders: t.field({ type: CredentialHoldersRef, resolve: (r) => r.holders }),
    figures: t.field({ type: [ValueFigureRef], description: 'One entry per figure above: its name, the data it rests on, and the method (no hidden score).', resolve: (r) => [...r.figures] }),
  }),
});

/**
 * Fields whose type cannot carry an error union (a connection kept for old calls, a field of Credential):
 * an expected failure becomes a GraphQL error with its code (and input path), not a masked one.
 */
async function expected<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError) throw new GraphQLError(err.message, { extensions: { code: err.code, ...(err instanceof InvalidInputError ? { path: err.path } : {}) } });
    throw err;
  }
}

const toScope = (s: { from?: string | null; to?: string | null; occupationId?: string | null; organisationId?: string | null } | null | undefined): DemandScope | null =>
  s ? { from: s.from ?? null, to: s.to ?? null, occupationId: s.occupationId ?? null, organisationId: s.organisationId ?? null } : null;

builder.objectField(CredentialRef, 'value', (t) =>
  t.field({
    type: CredentialValueRef,
    description: 'The credential value report (needs an API key: demand reads postings).',
    args: { scope: t.arg({ type: DemandScopeInput }) },
    resolve: (c, { scope }, { workspace, principal, now }) => expected(() => credentialValue(workspace, principal, { credentialId: c.id, scope: toScope(scope) }, now)),
  }),
);

builder.queryFields((t) => ({
  credentialValue: t.field({
    type: CredentialValueRef,
    errors: { ...readErrors, directResult: true },
    description: 'The value report of one catalogue credential: demand covered, cost-effectiveness, credibility, holders (docs/CREDENTIAL-VALUE.md).',
    args: { id: t.arg.id({ required: true }), scope: t.arg({ type: DemandScopeInput }) },
    resolve: (_r, { id, scope }, { workspace, principal, now }) => credentialValue(workspace, principal, { credentialId: id, scope: toScope(scope) }, now),
  }),
  credentials: t.connection({
    type: CredentialRef,
    description: 'The credential catalogue (public in the default NAME order); ordering by VALUE / VALUE_PER_COST, a scope or a verifiedIssuer filter need an API key.',
    args: {
      orderBy: t.arg({ type: CredentialOrderEnum }),
      filter: t.arg({ type: CredentialFilterInput }),
      scope: t.arg({ type: DemandScopeInput }),
    },
    resolve: (_r, args, { workspace, principal, now }) =>
      expected(() => {
        const f = args.filter;
        const filter = f ? { skill: f.skill ?? null, maxCost: f.maxCost ?? null, maxHours: f.maxHours ?? null, verifiedIssuer: f.verifiedIssuer ?? null } : null;
        return resolveArrayConnection({ args }, listCredentials(workspace, principal, { orderBy: args.orderBy ?? null, filter, scope: toScope(args.scope) }, now));
      }),
  }),
}));
