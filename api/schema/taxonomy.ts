import { resolveArrayConnection } from '@pothos/plugin-relay';
import { searchSkills } from '../../app/link-text.ts';
import { z } from 'zod';
import type { Occupation, OccupationSkill, Skill, SkillGroup } from '../../taxonomy/model/types.ts';
import { builder } from '../builder.ts';
import { NotFoundError } from '../../app/errors.ts';
import { readErrors } from './errors.ts';
import { pageSize } from '../paging.ts';
import { textComplexity } from '../input-limits.ts';
import { limits } from '../limits.ts';

export const SkillRef = builder.objectRef<Skill>('Skill');
export const SkillGroupRef = builder.objectRef<SkillGroup>('SkillGroup');
export const OccupationRef = builder.objectRef<Occupation>('Occupation');
const OccupationSkillRef = builder.objectRef<OccupationSkill>('OccupationSkill');

/** A node of the hierarchy above a skill: a broader skill or a skill group. */
export const TaxonomyNode = builder.unionType('TaxonomyNode', {
  types: [SkillRef, SkillGroupRef],
  resolveType: (v) => ('altLabels' in v ? SkillRef : SkillGroupRef),
});

type Node = Skill | SkillGroup;

builder.objectType(SkillRef, {
  description: 'A skill or knowledge concept (ESCO, O*NET or custom).',
  fields: (t) => ({
    id: t.exposeID('id'),
    source: t.exposeString('source'),
    preferredLabel: t.exposeString('preferredLabel'),
    altLabels: t.exposeStringList('altLabels'),
    description: t.exposeString('description'),
    skillType: t.exposeString('skillType'),
    reuseLevel: t.exposeString('reuseLevel'),
    parents: t.field({
      type: [TaxonomyNode],
      resolve: (s, _a, { workspace }) => workspace.graph.parents(s.id).map((id) => workspace.graph.skill(id) ?? workspace.graph.group(id)).filter((n): n is Node => !!n),
    }),
    children: t.field({
      type: [SkillRef],
      resolve: (s, _a, { workspace }) => workspace.graph.children(s.id).map((id) => workspace.graph.skill(id)).filter((n): n is Skill => !!n),
    }),
    related: t.field({
      type: [SkillRelationRef],
      resolve: (s, _a, { workspace }) => workspace.graph.relations(s.id).map((r) => ({ ...r, otherId: r.fromId === s.id ? r.toId : r.fromId })),
    }),
    occupations: t.connection({
      type: OccupationSkillRef,
      resolve: (s, args, { workspace }) => resolveArrayConnection({ args }, [...workspace.graph.skillOccupations(s.id)]),
    }),
  }),
});

const SkillRelationRef = builder.objectRef<{ fromId: string; toId: string; relationType: string; otherId: string }>('SkillRelation').implement({
  fields: (t) => ({
    relationType: t.exposeString('relationType'),
    skill: t.field({ type: SkillRef, nullable: true, resolve: (r, _a, { workspace }) => workspace.graph.skill(r.otherId) ?? null }),
  }),
});

builder.objectType(SkillGroupRef, {
  description: 'A group in the skill hierarchy (ESCO skill group or pillar).',
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    preferredLabel: t.exposeString('preferredLabel'),
    description: t.exposeString('description'),
    parents: t.field({ type: [SkillGroupRef], resolve: (g, _a, { workspace }) => workspace.graph.parents(g.id).map((id) => workspace.graph.group(id)).filter((n): n is SkillGroup => !!n) }),
    children: t.field({
      type: [TaxonomyNode],
      resolve: (g, _a, { workspace }) => workspace.graph.children(g.id).map((id) => workspace.graph.skill(id) ?? workspace.graph.group(id)).filter((n): n is Node => !!n),
    }),
  }),
});

builder.objectType(OccupationSkillRef, {
  fields: (t) => ({
    relationType: t.exposeString('relationType'),
    importance: t.exposeFloat('importance', { nullable: true }),
    level: t.exposeFloat('level', { nullable: true }),
    skill: t.field({ type: SkillRef, nullable: true, resolve: (r, _a, { workspace }) => workspace.graph.skill(r.skillId) ?? null }),
    occupation: t.field({ type: OccupationRef, nullable: true, resolve: (r, _a, { workspace }) => workspace.graph.occupation(r.occupationId) ?? null }),
  }),
});

builder.objectType(OccupationRef, {
  description: 'An ESCO occupation or O*NET-SOC occupation.',
  fields: (t) => ({
    id: t.exposeID('id'),
    source: t.exposeString('source'),
    code: t.exposeString('code'),
    iscoGroup: t.exposeString('iscoGroup'),
    preferredLabel: t.exposeString('preferredLabel'),
    altLabels: t.exposeStringList('altLabels'),
    description: t.exposeString('description'),
    skills: t.connection({
      type: OccupationSkillRef,
      args: { relationType: t.arg.string({ required: false, validate: z.enum(['essential', 'optional']) }) },
      resolve: (o, args, { workspace }) =>
        resolveArrayConnection({ args }, workspace.graph.occupationSkills(o.id).filter((r) => !args.relationType || r.relationType === args.relationType)),
    }),
    onetCodes: t.stringList({ resolve: (o, _a, { workspace }) => workspace.graph.onetFor(o.id).filter((c) => c.mapped).map((c) => c.onetCode) }),
  }),
});

const ScoredSkill = builder.objectRef<{ skillId: string; score: number }>('ScoredSkill').implement({
  fields: (t) => ({
    score: t.exposeFloat('score'),
    skill: t.field({ type: SkillRef, resolve: (s, _a, { workspace }) => workspace.graph.skill(s.skillId)! }),
  }),
});

builder.queryFields((t) => ({
  skill: t.field({
    type: SkillRef,
    errors: { ...readErrors, directResult: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, { id }, { workspace }) => {
      const s = workspace.graph.skill(id);
      if (!s) throw new NotFoundError('Skill', id);
      return s;
    },
  }),
  skillGroup: t.field({
    type: SkillGroupRef,
    errors: { ...readErrors, directResult: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, { id }, { workspace }) => {
      const g = workspace.graph.group(id);
      if (!g) throw new NotFoundError('SkillGroup', id);
      return g;
    },
  }),
  skillGroupRoots: t.field({
    type: [SkillGroupRef],
    description: 'Top-level groups of the skill hierarchy (ESCO pillars).',
    resolve: (_r, _a, { workspace }) => workspace.graph.data.groups.filter((g) => workspace.graph.parents(g.id).length === 0),
  }),
  occupation: t.field({
    type: OccupationRef,
    errors: { ...readErrors, directResult: true },
    args: { id: t.arg.id({ required: true, description: 'ESCO URI or code, or O*NET-SOC code.' }) },
    resolve: (_r, { id }, { workspace }) => {
      const o = workspace.graph.occupation(id) ?? workspace.graph.occupationByCodeOf(id) ?? workspace.graph.occupation(`onet:${id}`);
      if (!o) throw new NotFoundError('Occupation', id);
      return o;
    },
  }),
  searchSkills: t.field({
    type: [ScoredSkill],
    errors: readErrors,
    description: 'Skills nearest a text: exact label matches first, then by the linking model. Costs complexity by length (5 + 1 per 5 characters).',
    complexity: textComplexity(5, limits.searchSkillsCharsPerUnit),
    args: {
      text: t.arg.string({ required: true, validate: z.string().trim().min(1, 'text is empty').max(500, 'text is longer than 500 characters') }),
      first: t.arg.int({ required: false, validate: pageSize }),
    },
    resolve: async (_r, { text, first }, { workspace }) => [...(await searchSkills(workspace, text, first ?? 10))],
  }),
}));

