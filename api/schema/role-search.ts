import { InputValidationError } from '@pothos/plugin-validation';
import { z } from 'zod';
import { ForbiddenError } from '../../app/errors.ts';
import { postingDemand, searchCandidates, searchRoles, type PostingDemand } from '../../app/search-roles.ts';
import type { PostingProfile } from '../../engine/analytics/posting-profiles.ts';
import type { RoleHit } from '../../engine/requirements/search-roles.ts';
import type { Candidate } from '../../taxonomy/model/types.ts';
import { builder } from '../builder.ts';

const RoleHitKindEnum = builder.enumType('RoleHitKind', { values: { ROLE: { value: 'role' }, POSTING: { value: 'posting' }, OCCUPATION: { value: 'occupation' } } as const });

const RoleHitRef = builder.objectRef<RoleHit>('RoleHit').implement({
  description: 'Something a candidate can be ranked against: a stored role, a job posting, or an ESCO / O*NET occupation (its id is accepted wherever a roleId is).',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    kind: t.field({ type: RoleHitKindEnum, resolve: (h) => h.kind }),
    source: t.exposeString('source', { description: 'esco / onet for occupations; the organisation for roles and postings.' }),
    code: t.exposeString('code'),
    matched: t.exposeString('matched', { nullable: true, description: 'The alternative label that matched, when not the title.' }),
    score: t.exposeFloat('score'),
  }),
});

const CandidateHitRef = builder.objectRef<Pick<Candidate, 'id' | 'name'>>('CandidateHit').implement({
  fields: (t) => ({ id: t.exposeID('id'), name: t.exposeString('name') }),
});

const PostingProfileRef = builder.objectRef<PostingProfile>('PostingProfile').implement({
  description: 'Demand from job postings grouped by occupation (or title): weight = share of the group’s postings asking for the skill.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    postings: t.exposeInt('postings'),
    occupationId: t.exposeString('occupationId', { nullable: true }),
    requirements: t.field({
      type: [builder.objectRef<PostingProfile['requirements'][number]>('PostingRequirement').implement({ fields: (f) => ({ skillId: f.exposeID('skillId'), weight: f.exposeFloat('weight'), essential: f.exposeBoolean('essential') }) })],
      resolve: (p) => [...p.requirements],
    }),
  }),
});

const PostingDemandRef = builder.objectRef<PostingDemand>('PostingDemand').implement({
  description: 'The job postings the caller may see: their date range (the dashboard’s analytics window ends at the last one) and demand profiles by occupation.',
  fields: (t) => ({
    from: t.exposeString('from', { nullable: true }),
    to: t.exposeString('to', { nullable: true }),
    count: t.exposeInt('count'),
    profiles: t.field({ type: [PostingProfileRef], resolve: (d) => [...d.profiles] }),
  }),
});

const first = (max: number, dflt: number) => ({ required: false, defaultValue: dflt, validate: z.number().int().min(1).max(max) }) as const;
const query = { required: true, validate: z.string().max(200) } as const;

builder.queryFields((t) => ({
  searchRoles: t.field({
    type: [RoleHitRef],
    description: 'Type-ahead over stored roles, job postings (those the caller may see) and ESCO / O*NET occupations, best first (empty without a key).',
    args: { text: t.arg.string(query), first: t.arg.int(first(50, 10)), kinds: t.arg({ type: [RoleHitKindEnum], required: false }) },
    resolve: (_r, args, { workspace, principal }) => searchRoles(workspace, principal, args.text, args.first ?? 10, args.kinds ?? undefined),
  }),
  searchCandidates: t.field({
    type: [CandidateHitRef],
    description: 'Type-ahead over the candidates the caller may see (by name or id), best first (empty for a planner key or without a key).',
    args: { text: t.arg.string(query), first: t.arg.int(first(50, 10)) },
    resolve: (_r, args, { workspace, principal }) => searchCandidates(workspace, principal, args.text, args.first ?? 10),
  }),
  postingDemand: t.field({
    type: PostingDemandRef,
    errors: { types: [ForbiddenError, InputValidationError], directResult: true },
    description: 'Demand from the job postings the caller may see, grouped by occupation (else title), and their date range: the gap heatmap’s columns on a store without stored roles.',
    args: { first: t.arg.int(first(50, 8)) },
    resolve: (_r, args, { workspace, principal }) => postingDemand(workspace, principal, args.first ?? 8),
  }),
}));
