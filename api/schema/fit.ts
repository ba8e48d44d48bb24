import type { EvidenceChain, FitResult, RequirementFit } from '../../engine/fit/types.ts';
import { encodeCursor } from '../../engine/rank/cursor.ts';
import type { RankedCandidate } from '../../engine/rank/ranking-index.ts';
import { builder } from '../builder.ts';
import { pageSize } from '../paging.ts';
import { requireRole } from '../services/access.ts';
import { readErrors } from './errors.ts';
import { CandidateRef, CredentialRef, RoleRef } from './records.ts';
import { SkillRef } from './taxonomy.ts';

const EvidenceChainRef = builder.objectRef<EvidenceChain>('EvidenceChain').implement({
  description: 'credential or sentence → held skill → requirement, with each link’s confidence.',
  fields: (t) => ({
    evidenceKind: t.string({ nullable: true, resolve: (c) => c.evidence?.kind ?? null }),
    credential: t.field({
      type: CredentialRef,
      nullable: true,
      // the object itself (in memory), so the hot ranking path skips the dataloader's async round
      resolve: (c, _a, { services }) => (c.evidence?.credentialId ? (services.records.credentials.get(c.evidence.credentialId) ?? null) : null),
    }),
    awardId: t.string({ nullable: true, resolve: (c) => c.evidence?.awardId ?? null }),
    source: t.string({ nullable: true, description: 'The sentence or field path of the evidence.', resolve: (c) => c.evidence?.source ?? null }),
    verification: t.string({ nullable: true, resolve: (c) => c.evidence?.verification ?? null }),
    evidenceConfidence: t.float({ nullable: true, resolve: (c) => c.evidence?.confidence ?? null }),
    linkConfidence: t.float({ nullable: true, resolve: (c) => c.evidence?.linkConfidence ?? null }),
    heldSkill: t.field({ type: SkillRef, nullable: true, resolve: (c, _a, { services }) => services.graph.skill(c.heldSkillId) ?? null }),
    strength: t.exposeFloat('strength'),
    match: t.exposeString('kind', { description: 'exact | narrower | broader | related | embedding | mapped (an O*NET skill mapped onto an ESCO skill)' }),
    similarity: t.exposeFloat('sim'),
    distance: t.exposeInt('distance'),
    coverage: t.exposeFloat('coverage'),
  }),
});

const RequirementFitRef = builder.objectRef<RequirementFit>('RequirementFit').implement({
  fields: (t) => ({
    skill: t.field({ type: SkillRef, nullable: true, resolve: (r, _a, { services }) => services.graph.skill(r.skillId) ?? null }),
    label: t.exposeString('label'),
    weight: t.exposeFloat('weight'),
    essential: t.exposeBoolean('essential'),
    coverage: t.exposeFloat('coverage'),
    verifiedCoverage: t.exposeFloat('verifiedCoverage'),
    missing: t.exposeBoolean('missing'),
    best: t.field({ type: EvidenceChainRef, nullable: true, resolve: (r) => r.best }),
  }),
});

const SignalRef = builder.objectRef<{ name: string; value: number; weight: number; contribution: number }>('FitSignal').implement({
  fields: (t) => ({ name: t.exposeString('name'), value: t.exposeFloat('value'), weight: t.exposeFloat('weight'), contribution: t.exposeFloat('contribution') }),
});

function share(f: FitResult, essential: boolean): number {
  const total = f.requirements.reduce((s, r) => s + r.weight, 0);
  if (total === 0) return 0;
  return f.requirements.filter((r) => r.essential === essential).reduce((s, r) => s + r.weight * r.coverage, 0) / total;
}

export const FitResultRef = builder.objectRef<FitResult>('FitResult').implement({
  description: 'How a candidate fits a role: score, per-requirement coverage with its evidence chain, missing essentials.',
  fields: (t) => ({
    candidate: t.field({ type: CandidateRef, resolve: (f, _a, { services }) => services.records.candidates.get(f.candidateId)! }),
    role: t.field({ type: RoleRef, resolve: (f, _a, { services }) => services.roleProfile(f.roleId) }),
    score: t.exposeFloat('score'),
    fit: t.exposeFloat('fit', { description: 'Weighted coverage Σ w·coverage / Σ w, in [0, 1].' }),
    essentialCovered: t.float({ description: 'Weighted coverage from essential requirements (share of all weight).', resolve: (f) => share(f, true) }),
    optionalCovered: t.float({ description: 'Weighted coverage from optional requirements (share of all weight).', resolve: (f) => share(f, false) }),
    signals: t.field({ type: [SignalRef], resolve: (f) => Object.entries(f.signals).map(([name, s]) => ({ name, ...s })) }),
    requirements: t.field({ type: [RequirementFitRef], resolve: (f) => [...f.requirements] }),
    missingEssentials: t.field({ type: [SkillRef], resolve: (f, _a, { services }) => f.missingEssentials.map((id) => services.graph.skill(id)).filter((s) => s !== undefined) }),
  }),
});

const RankedEdge = builder.objectRef<RankedCandidate & { cursor: string }>('RankedCandidateEdge').implement({
  fields: (t) => ({
    cursor: t.exposeString('cursor'),
    score: t.exposeFloat('score'),
    node: t.field({ type: FitResultRef, resolve: (e) => e.fit! }),
  }),
});

const PageInfoRef = builder.objectRef<{ hasNextPage: boolean; endCursor: string | null }>('RankPageInfo').implement({
  fields: (t) => ({ hasNextPage: t.exposeBoolean('hasNextPage'), endCursor: t.exposeString('endCursor', { nullable: true }) }),
});

const RankedConnection = builder.objectRef<{ edges: (RankedCandidate & { cursor: string })[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number }>('RankedCandidateConnection').implement({
  description: 'A page of ranked candidates (Relay-style: edges, cursors, pageInfo).',
  fields: (t) => ({
    edges: t.field({ type: [RankedEdge], resolve: (c) => c.edges }),
    pageInfo: t.field({ type: PageInfoRef, resolve: (c) => c.pageInfo }),
    totalCount: t.exposeInt('totalCount'),
  }),
});

const RankFilter = builder.inputType('RankFilter', {
  fields: (t) => ({
    minScore: t.float({ required: false }),
    verifiedOnly: t.boolean({ required: false, description: 'Count verified evidence only.' }),
  }),
});

builder.queryFields((t) => ({
  rankCandidates: t.field({
    type: RankedConnection,
    errors: { ...readErrors, directResult: true },
    description: 'Candidates ranked by fit for a role. Employers see only candidates who shared their profile with them.',
    args: {
      roleId: t.arg.id({ required: true }),
      first: t.arg.int({ required: false, validate: pageSize }),
      after: t.arg.string({ required: false }),
      filter: t.arg({ type: RankFilter, required: false }),
    },
    resolve: (_r, args, { services, principal, now }) => {
      const p = requireRole(principal, ['admin', 'employer'], 'ranking candidates');
      const page = services.rankCandidates(p, args.roleId, { first: args.first ?? 20, after: args.after ?? null, ...(args.filter?.minScore != null ? { minScore: args.filter.minScore } : {}), ...(args.filter?.verifiedOnly != null ? { verifiedOnly: args.filter.verifiedOnly } : {}) }, now);
      const edges = page.items.map((item) => ({ ...item, cursor: encodeCursor({ score: item.score, id: item.candidateId }) }));
      return { edges, pageInfo: { hasNextPage: page.nextCursor !== null, endCursor: page.nextCursor }, totalCount: page.total };
    },
  }),
  rankRoles: t.field({
    type: [FitResultRef],
    errors: readErrors,
    description: 'Roles ranked by how well a candidate fits them.',
    args: { candidateId: t.arg.id({ required: true }), first: t.arg.int({ required: false, validate: pageSize }) },
    resolve: (_r, args, { services, principal, now }) => services.rankRoles(requireRole(principal, ['admin', 'learner', 'employer'], 'ranking roles'), args.candidateId, args.first ?? 10, now),
  }),
  fit: t.field({
    type: FitResultRef,
    errors: { ...readErrors, directResult: true },
    args: { candidateId: t.arg.id({ required: true }), roleId: t.arg.id({ required: true }) },
    resolve: (_r, args, { services, principal, now }) => services.fit(requireRole(principal, ['admin', 'learner', 'employer'], 'fit'), args.candidateId, args.roleId, now),
  }),
}));

