import type { EvidenceChain, FitResult, RequirementFit } from '../../engine/fit/types.ts';
import { fit } from '../../app/fit.ts';
import { rankCandidates } from '../../app/rank-candidates.ts';
import { rankRoles } from '../../app/rank-roles.ts';
import { roleProfile } from '../../app/roles.ts';
import { encodeCursor } from '../../engine/rank/cursor.ts';
import { builder } from '../builder.ts';
import { pageSize } from '../paging.ts';
import { InvalidInputError } from '../../app/errors.ts';
import { MatchKindEnum, VerificationStatusEnum } from './enums.ts';
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
      resolve: (c, _a, { workspace }) => (c.evidence?.credentialId ? (workspace.records.heldCredentials.get(c.evidence.credentialId) ?? null) : null),
    }),
    awardId: t.string({ nullable: true, resolve: (c) => c.evidence?.awardId ?? null }),
    source: t.string({ nullable: true, description: 'The sentence or field path of the evidence.', resolve: (c) => c.evidence?.source ?? null }),
    verification: t.field({ type: VerificationStatusEnum, nullable: true, resolve: (c) => c.evidence?.verification ?? null }),
    evidenceConfidence: t.float({ nullable: true, resolve: (c) => c.evidence?.confidence ?? null }),
    linkConfidence: t.float({ nullable: true, resolve: (c) => c.evidence?.linkConfidence ?? null }),
    heldSkill: t.field({ type: SkillRef, nullable: true, resolve: (c, _a, { workspace }) => workspace.graph.skill(c.heldSkillId) ?? null }),
    strength: t.exposeFloat('strength'),
    match: t.field({ type: MatchKindEnum, resolve: (c) => c.kind }),
    similarity: t.exposeFloat('sim'),
    distance: t.exposeInt('distance'),
    coverage: t.exposeFloat('coverage'),
  }),
});

const RequirementFitRef = builder.objectRef<RequirementFit>('RequirementFit').implement({
  fields: (t) => ({
    skill: t.field({ type: SkillRef, nullable: true, resolve: (r, _a, { workspace }) => workspace.graph.skill(r.skillId) ?? null }),
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
    candidate: t.field({ type: CandidateRef, resolve: (f, _a, { workspace }) => workspace.records.candidates.get(f.candidateId)! }),
    role: t.field({ type: RoleRef, resolve: (f, _a, { workspace }) => roleProfile(workspace, f.roleId) }),
    score: t.exposeFloat('score'),
    fit: t.exposeFloat('fit', { description: 'Weighted coverage Σ w·coverage / Σ w, in [0, 1].' }),
    essentialCovered: t.float({ description: 'Weighted coverage from essential requirements (share of all weight).', resolve: (f) => share(f, true) }),
    optionalCovered: t.float({ description: 'Weighted coverage from optional requirements (share of all weight).', resolve: (f) => share(f, false) }),
    signals: t.field({ type: [SignalRef], resolve: (f) => Object.entries(f.signals).map(([name, s]) => ({ name, ...s })) }),
    requirements: t.field({ type: [RequirementFitRef], resolve: (f) => [...f.requirements] }),
    missingEssentials: t.field({ type: [SkillRef], resolve: (f, _a, { workspace }) => f.missingEssentials.map((id) => workspace.graph.skill(id)).filter((s) => s !== undefined) }),
  }),
});

const RankFilter = builder.inputType('RankFilter', {
  fields: (t) => ({
    minScore: t.float({ required: false }),
    verifiedOnly: t.boolean({ required: false, description: 'Count verified evidence only.' }),
  }),
});

builder.queryFields((t) => ({
  rankCandidates: t.connection(
    {
      type: FitResultRef,
      errors: { ...readErrors, directResult: true },
      description: 'Candidates ranked by fit for a role, best first (forward paging: `first`, `after`). Employers see only candidates who shared their profile with them.',
      args: {
        roleId: t.arg.id({ required: true }),
        filter: t.arg({ type: RankFilter, required: false }),
      },
      resolve: (_r, args, { workspace, principal, now }) => {
        if (args.last != null || args.before != null) throw new InvalidInputError('a ranking pages forward only: use first and after', args.last != null ? 'last' : 'before');
        const page = rankCandidates(
          workspace,
          principal,
          {
            roleId: args.roleId,
            first: args.first ?? 20,
            after: args.after ?? null,
            ...(args.filter?.minScore != null ? { minScore: args.filter.minScore } : {}),
            ...(args.filter?.verifiedOnly != null ? { verifiedOnly: args.filter.verifiedOnly } : {}),
          },
          now,
        );
        const edges = page.items.map((item) => ({ cursor: encodeCursor({ score: item.score, id: item.candidateId }), score: item.score, node: item.fit! }));
        return {
          edges,
          pageInfo: { hasNextPage: page.nextCursor !== null, hasPreviousPage: args.after != null, startCursor: edges[0]?.cursor ?? null, endCursor: page.nextCursor ?? edges.at(-1)?.cursor ?? null },
          totalCount: page.total,
        };
      },
    },
    {
      name: 'RankedCandidateConnection',
      description: 'A page of ranked candidates.',
      fields: (t) => ({ totalCount: t.int({ description: 'Candidates ranked (all pages).', resolve: (c) => (c as unknown as { totalCount: number }).totalCount }) }),
    },
    {
      name: 'RankedCandidateEdge',
      fields: (t) => ({ score: t.float({ description: 'The ranking score (fit with the signals; what the order is by).', resolve: (e) => (e as unknown as { score: number }).score }) }),
    },
  ),
  rankRoles: t.field({
    type: [FitResultRef],
    errors: readErrors,
    description: 'Roles ranked by how well a candidate fits them.',
    args: { candidateId: t.arg.id({ required: true }), first: t.arg.int({ required: false, validate: pageSize }) },
    resolve: (_r, args, { workspace, principal, now }) => rankRoles(workspace, principal, { candidateId: args.candidateId, first: args.first ?? 10 }, now),
  }),
  fit: t.field({
    type: FitResultRef,
    errors: { ...readErrors, directResult: true },
    args: { candidateId: t.arg.id({ required: true }), roleId: t.arg.id({ required: true }) },
    resolve: (_r, args, { workspace, principal, now }) => fit(workspace, principal, { candidateId: args.candidateId, roleId: args.roleId }, now),
  }),
}));

