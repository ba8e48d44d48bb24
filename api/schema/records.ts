import { resolveArrayConnection } from '@pothos/plugin-relay';
import { VerificationStatusEnum } from './enums.ts';
import { readCandidate, visibleCandidates } from '../../app/candidates.ts';
import { jobPosting, jobPostings } from '../../app/postings.ts';
import { readRole, roleProfile, visibleRoles } from '../../app/roles.ts';
import type { ProfileSkill, Evidence } from '../../engine/profile/types.ts';
import type { RequirementProfile, ProfileRequirement } from '../../engine/requirements/types.ts';
import type { Award, Candidate, Credential, JobPosting, SkillLink } from '../../taxonomy/model/types.ts';
import { builder } from '../builder.ts';
import type { ApiContext } from '../context.ts';
import { NotFoundError } from '../../app/errors.ts';
import { readErrors } from './errors.ts';
import { OccupationRef, SkillRef } from './taxonomy.ts';

const Provenance = builder.objectRef<SkillLink['provenance']>('Provenance').implement({
  description: 'Where a link to a skill came from: an explicit alignment, a sentence, a catalogue tag or a claim.',
  fields: (t) => ({
    kind: t.exposeString('kind'),
    source: t.exposeString('source'),
    span: t.intList({ nullable: true, resolve: (p) => (p.span ? [...p.span] : null) }),
  }),
});

export const SkillLinkRef = builder.objectRef<SkillLink & { phrase?: string; parts?: Readonly<Record<string, number>> }>('SkillLink').implement({
  fields: (t) => ({
    skill: t.field({ type: SkillRef, nullable: true, resolve: (l, _a, { workspace }) => workspace.graph.skill(l.skillId) ?? null }),
    skillId: t.exposeString('skillId'),
    confidence: t.exposeFloat('confidence'),
    provenance: t.field({ type: Provenance, resolve: (l) => l.provenance }),
    phrase: t.string({ nullable: true, resolve: (l) => l.phrase ?? null }),
    scoreParts: t.field({ type: [ScorePart], resolve: (l) => Object.entries(l.parts ?? {}).map(([name, value]) => ({ name, value })) }),
  }),
});

const ScorePart = builder.objectRef<{ name: string; value: number }>('ScorePart').implement({
  fields: (t) => ({ name: t.exposeString('name'), value: t.exposeFloat('value') }),
});

const Issuer = builder.objectRef<Credential['issuer']>('Issuer').implement({
  fields: (t) => ({ id: t.exposeString('id'), name: t.exposeString('name') }),
});

/** Credentials load through a dataloader: award lists and prerequisite chains batch their lookups. */
export const CredentialRef = builder.loadableObjectRef('Credential', {
  load: (ids: string[], { workspace }: ApiContext) => Promise.resolve(ids.map((id) => workspace.records.credentials.get(id) ?? new NotFoundError('Credential', id))),
  sort: (c: Credential) => c.id,
});

CredentialRef.implement({
  description: 'A micro-credential definition (Open Badges achievement, CTDL credential, catalogue course).',
  fields: (t) => ({
    id: t.exposeID('id'),
    format: t.exposeString('format'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    issuer: t.field({ type: Issuer, resolve: (c) => c.issuer }),
    credentialType: t.exposeString('credentialType'),
    level: t.exposeString('level'),
    cost: t.exposeFloat('cost', { nullable: true, description: 'USD' }),
    hours: t.exposeFloat('hours', { nullable: true }),
    skills: t.field({ type: [SkillLinkRef], description: 'Skills taught or assessed, with provenance.', resolve: (c) => [...c.skills] }),
    prerequisites: t.field({ type: [CredentialRef], resolve: (c) => [...c.requires] }),
    stacksInto: t.field({ type: [CredentialRef], description: 'Larger credentials this one is part of.', resolve: (c) => [...c.isPartOf] }),
    parts: t.field({
      type: [CredentialRef],
      description: 'Credentials that stack into this one.',
      resolve: (c, _a, { workspace }) => [...workspace.records.credentials.values()].filter((x) => x.isPartOf.includes(c.id)),
    }),
  }),
});

export const AwardRef = builder.objectRef<Award>('Award').implement({
  description: 'A credential held by a candidate, with its verification status.',
  fields: (t) => ({
    id: t.exposeID('id'),
    credential: t.field({ type: CredentialRef, resolve: (a, _x, { workspace }) => workspace.records.heldCredentials.get(a.credentialId) ?? a.credentialId }),
    issuedOn: t.exposeString('issuedOn'),
    expiresOn: t.exposeString('expiresOn', { nullable: true }),
    verification: t.field({ type: VerificationStatusEnum, resolve: (a) => a.verification }),
  }),
});

const EvidenceRef = builder.objectRef<Evidence>('Evidence').implement({
  fields: (t) => ({
    id: t.exposeString('id'),
    kind: t.exposeString('kind'),
    credential: t.field({ type: CredentialRef, nullable: true, resolve: (e, _a, { workspace }) => (e.credentialId ? (workspace.records.heldCredentials.get(e.credentialId) ?? null) : null) }),
    awardId: t.exposeString('awardId', { nullable: true }),
    source: t.exposeString('source'),
    span: t.intList({ nullable: true, resolve: (e) => (e.span ? [...e.span] : null) }),
    verification: t.field({ type: VerificationStatusEnum, resolve: (e) => e.verification }),
    linkConfidence: t.exposeFloat('linkConfidence'),
    confidence: t.exposeFloat('confidence'),
  }),
});

const ProfileSkillRef = builder.objectRef<ProfileSkill>('ProfileSkill').implement({
  fields: (t) => ({
    skill: t.field({ type: SkillRef, nullable: true, resolve: (p, _a, { workspace }) => workspace.graph.skill(p.skillId) ?? null }),
    strength: t.exposeFloat('strength'),
    evidence: t.field({ type: [EvidenceRef], resolve: (p) => [...p.evidence] }),
  }),
});

export const CandidateRef = builder.objectRef<Candidate>('Candidate').implement({
  description: 'A person: awards, claimed skills and experience. Visible to admins, to themself, and to employers they shared their profile with.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    location: t.exposeString('location'),
    experience: t.exposeString('experience'),
    sharedWith: t.stringList({
      description: 'Organisations the candidate shared their profile with; an employer sees only its own.',
      resolve: (c, _a, { principal }) => (principal?.role === 'employer' ? c.sharedWith.filter((o) => o === principal.organisationId) : [...c.sharedWith]),
    }),
    claimedSkills: t.field({ type: [SkillLinkRef], resolve: (c) => [...c.claimedSkills] }),
    awards: t.connection({ type: AwardRef, resolve: (c, args, { workspace }) => resolveArrayConnection({ args }, [...workspace.records.awardsOfCandidate(c.id)]) }),
    skills: t.connection({
      type: ProfileSkillRef,
      description: 'The skill profile: strength per skill and the evidence behind it, strongest first.',
      resolve: (c, args, { workspace, now }) => resolveArrayConnection({ args }, [...workspace.profile(c.id, now).skills.values()]),
    }),
  }),
});

export const JobPostingRef = builder.objectRef<JobPosting>('JobPosting').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    organisationId: t.exposeString('organisationId'),
    datePosted: t.exposeString('datePosted'),
    location: t.exposeString('location'),
    occupation: t.field({ type: OccupationRef, nullable: true, resolve: (p, _a, { workspace }) => (p.occupationId ? (workspace.graph.occupation(p.occupationId) ?? null) : null) }),
    occupationConfidence: t.float({ nullable: true, description: 'When the occupation was inferred from the title at import (no occupationalCategory): the title normaliser’s confidence; null when given.', resolve: (p) => p.occupationInferred?.confidence ?? null }),
    skills: t.field({ type: [SkillLinkRef], resolve: (p) => [...p.skills] }),
  }),
});

const RequirementRef = builder.objectRef<ProfileRequirement>('Requirement').implement({
  fields: (t) => ({
    skill: t.field({ type: SkillRef, nullable: true, resolve: (r, _a, { workspace }) => workspace.graph.skill(r.skillId) ?? null }),
    skillId: t.exposeString('skillId'),
    weight: t.exposeFloat('weight'),
    essential: t.exposeBoolean('essential'),
    origins: t.exposeStringList('origins'),
    importance: t.exposeFloat('importance', { nullable: true }),
    level: t.exposeFloat('level', { nullable: true }),
    source: t.exposeString('source', { nullable: true }),
  }),
});

/** A role as the engine sees it: a requirement profile (stored role, posting or occupation). */
export const RoleRef = builder.objectRef<RequirementProfile>('Role').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    organisationId: t.string({ nullable: true, resolve: (r, _a, { workspace }) => workspace.records.roles.get(r.id)?.organisationId ?? workspace.records.postings.get(r.id)?.organisationId ?? null }),
    posting: t.field({ type: JobPostingRef, nullable: true, resolve: (r, _a, { workspace }) => (r.postingId ? (workspace.records.postings.get(r.postingId) ?? null) : null) }),
    occupation: t.field({ type: OccupationRef, nullable: true, resolve: (r, _a, { workspace }) => (r.occupationId ? (workspace.graph.occupation(r.occupationId) ?? null) : null) }),
    requirements: t.field({ type: [RequirementRef], resolve: (r) => [...r.requirements] }),
  }),
});

builder.queryFields((t) => ({
  credential: t.field({
    type: CredentialRef,
    errors: { ...readErrors, directResult: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, { id }, { workspace }) => {
      const c = workspace.records.credentials.get(id);
      if (!c) throw new NotFoundError('Credential', id);
      return c;
    },
  }),
  // credentials(orderBy, filter, scope): api/schema/credential-value.ts (issue 20)
  candidate: t.field({
    type: CandidateRef,
    errors: { ...readErrors, directResult: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, { id }, { workspace, principal }) => {
      return readCandidate(workspace, principal, id);
    },
  }),
  candidates: t.connection({
    type: CandidateRef,
    description: 'Candidates the caller may see (admin: all; employer: those who shared with it; learner: themself; planner: none).',
    resolve: (_r, args, { workspace, principal }) => resolveArrayConnection({ args }, principal ? visibleCandidates(workspace, principal) : []),
  }),
  role: t.field({
    type: RoleRef,
    errors: { ...readErrors, directResult: true },
    args: { id: t.arg.id({ required: true, description: 'A stored role, a posting id, or an occupation (ESCO URI/code, O*NET-SOC code).' }) },
    resolve: (_r, { id }, { workspace, principal }) => readRole(workspace, principal, id),
  }),
  roles: t.connection({
    type: RoleRef,
    resolve: (_r, args, { workspace, principal }) => resolveArrayConnection({ args }, principal ? visibleRoles(workspace, principal).map((r) => roleProfile(workspace, r.id)) : []),
  }),
  jobPosting: t.field({
    type: JobPostingRef,
    errors: { ...readErrors, directResult: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, { id }, { workspace, principal }) => jobPosting(workspace, principal, id),
  }),
  jobPostings: t.connection({
    type: JobPostingRef,
    resolve: (_r, args, { workspace, principal }) => resolveArrayConnection({ args }, jobPostings(workspace, principal)),
  }),
}));

