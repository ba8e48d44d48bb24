import { z } from 'zod';
import { postingProfiles, type PostingProfile } from '../../engine/analytics/posting-profiles.ts';
import { createRoleSearch, type RoleHit, type RoleHitKind, type RoleSearch, type Searchable } from '../../engine/requirements/search-roles.ts';
import type { SkillGraph } from '../../taxonomy/model/skill-graph.ts';
import type { Candidate } from '../../taxonomy/model/types.ts';
import type { Principal } from '../auth/principal.ts';
import { builder } from '../builder.ts';
import { ForbiddenError } from '../errors.ts';
import type { Services } from '../services/services.ts';
import { requireRole } from '../services/access.ts';

/** The occupation index, built once per taxonomy read model. */
const indexes = new WeakMap<SkillGraph, RoleSearch>();
const indexOf = (graph: SkillGraph): RoleSearch => {
  let s = indexes.get(graph);
  if (!s) indexes.set(graph, (s = createRoleSearch(graph.occupations())));
  return s;
};

/** Stored roles and postings the caller may see, as searchable entries. */
function visibleRecords(services: Services, p: Principal): Searchable[] {
  const roles = services.visibleRoles(p).map((r): Searchable => ({ id: r.id, title: r.title, kind: 'role', source: r.organisationId, code: '', altLabels: [] }));
  const postings = [...services.records.postings.values()]
    .filter((x) => p.role !== 'employer' || x.organisationId === p.organisationId)
    .map((x): Searchable => ({ id: x.id, title: x.title, kind: 'posting', source: x.organisationId, code: '', altLabels: [] }));
  return [...roles, ...postings];
}

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

interface PostingDemand {
  readonly from: string | null;
  readonly to: string | null;
  readonly count: number;
  readonly profiles: readonly PostingProfile[];
}
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
    resolve: (_r, args, { services, principal }) => {
      if (!principal) return [];
      const p = principal;
      const kinds = args.kinds ? new Set<RoleHitKind>(args.kinds) : undefined;
      return indexOf(services.graph).search(args.text, args.first ?? 10, visibleRecords(services, p), kinds);
    },
  }),
  searchCandidates: t.field({
    type: [CandidateHitRef],
    description: 'Type-ahead over the candidates the caller may see (by name or id), best first (empty for a planner key or without a key).',
    args: { text: t.arg.string(query), first: t.arg.int(first(50, 10)) },
    resolve: (_r, args, { services, principal }) => {
      if (!principal || principal.role === 'planner') return [];
      const p = principal;
      const q = args.text.trim().toLowerCase();
      const all = services.visibleCandidates(p);
      if (q === '') return all.slice(0, args.first ?? 10);
      const scored = all
        .map((c) => {
          const name = c.name.toLowerCase();
          const s = name === q || c.id.toLowerCase() === q ? 3 : name.startsWith(q) ? 2 : name.split(/\s+/).some((w) => w.startsWith(q)) || c.id.toLowerCase().includes(q) ? 1 : 0;
          return { c, s };
        })
        .filter((x) => x.s > 0);
      scored.sort((a, b) => b.s - a.s || a.c.name.localeCompare(b.c.name) || (a.c.id < b.c.id ? -1 : 1));
      return scored.slice(0, args.first ?? 10).map((x) => x.c);
    },
  }),
  postingDemand: t.field({
    type: PostingDemandRef,
    errors: { types: [ForbiddenError], directResult: true },
    description: 'Demand from the job postings the caller may see, grouped by occupation (else title), and their date range: the gap heatmap’s columns on a store without stored roles.',
    args: { first: t.arg.int(first(50, 8)) },
    resolve: (_r, args, { services, principal }) => {
      const p = requireRole(principal, ['admin', 'employer', 'learner', 'planner'], 'reading posting demand');
      const postings = [...services.records.postings.values()].filter((x) => p.role !== 'employer' || x.organisationId === p.organisationId);
      const dates = postings.map((x) => x.datePosted).filter((d) => /^\d{4}-\d{2}-\d{2}/.test(d)).sort();
      return {
        from: dates[0]?.slice(0, 10) ?? null,
        to: dates.at(-1)?.slice(0, 10) ?? null,
        count: postings.length,
        profiles: postingProfiles(postings, (id) => services.graph.occupation(id)?.preferredLabel ?? null, { top: args.first ?? 8 }),
      };
    },
  }),
}));
