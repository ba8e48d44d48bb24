import { z } from 'zod';
import { ApiRoles } from '../auth/principal.ts';
import { builder } from '../builder.ts';
import { ForbiddenError } from '../errors.ts';
import { documentLimitViolation } from '../input-limits.ts';
import { requireRole } from '../services/access.ts';
import { writeErrors } from './errors.ts';
import { AwardRef, CandidateRef, CredentialRef, JobPostingRef } from './records.ts';

const ApiRoleEnum = builder.enumType('ApiRole', { values: ApiRoles });

const CandidateInput = builder.inputType('CandidateInput', {
  fields: (t) => ({
    id: t.id({ required: true, validate: z.string().min(1).max(200) }),
    name: t.string({ required: true, validate: z.string().trim().min(1, 'name is empty').max(200) }),
    location: t.string({ required: false, validate: z.string().max(200) }),
    experience: t.string({ required: false, validate: z.string().max(20_000) }),
    sharedWith: t.stringList({ required: false, validate: z.array(z.string().min(1).max(200)).max(100) }),
    claimedSkillIds: t.stringList({ required: false, validate: z.array(z.string().min(1).max(500)).max(500) }),
  }),
});

const NewApiKey = builder.objectRef<{ key: string; id: string; role: string; organisationId: string | null; candidateId: string | null }>('NewApiKey').implement({
  description: 'A new API key. The key is shown once; only its hash is stored.',
  fields: (t) => ({
    key: t.exposeString('key'),
    id: t.exposeString('id'),
    role: t.exposeString('role'),
    organisationId: t.exposeString('organisationId', { nullable: true }),
    candidateId: t.exposeString('candidateId', { nullable: true }),
  }),
});

const documentArg = z.unknown().superRefine((v, ctx) => {
  if (v === null || v === undefined) return void ctx.addIssue({ code: 'custom', message: 'document is empty' });
  const bad = documentLimitViolation(v);
  if (bad) ctx.addIssue({ code: 'custom', message: `${bad.message} (at ${bad.path})` });
});

builder.mutationFields((t) => ({
  importCredential: t.field({
    type: [CredentialRef],
    errors: writeErrors,
    description: 'Imports credential definitions (Open Badges 2.0 BadgeClass, 3.0 Achievement/credential, CLR 2.0, CTDL).',
    args: { document: t.arg({ type: 'JSON', required: true, validate: documentArg }) },
    resolve: async (_r, { document }, { services, principal }) => {
      requireRole(principal, ['admin'], 'importing credentials');
      return services.importCredential(document);
    },
  }),
  importJobPosting: t.field({
    type: [JobPostingRef],
    errors: writeErrors,
    description: 'Imports a schema.org JobPosting (JSON-LD) or a plain-text posting; its skills are linked from the text.',
    args: { document: t.arg({ type: 'JSON', required: true, validate: documentArg }) },
    resolve: async (_r, { document }, { services, principal, now }) => services.importJobPosting(requireRole(principal, ['admin', 'employer'], 'importing job postings'), document, now),
  }),
  upsertCandidate: t.field({
    type: CandidateRef,
    errors: { ...writeErrors, directResult: true },
    args: { input: t.arg({ type: CandidateInput, required: true }) },
    resolve: async (_r, { input }, { services, principal }) => {
      const p = requireRole(principal, ['admin', 'learner'], 'changing a candidate');
      if (p.role === 'learner' && p.candidateId !== input.id) throw new ForbiddenError('a learner key can change only its own candidate');
      return services.upsertCandidate({
        id: input.id,
        name: input.name,
        ...(input.location != null ? { location: input.location } : {}),
        ...(input.experience != null ? { experience: input.experience } : {}),
        ...(input.sharedWith != null ? { sharedWith: input.sharedWith } : {}),
        ...(input.claimedSkillIds != null ? { claimedSkillIds: input.claimedSkillIds } : {}),
      });
    },
  }),
  awardCredential: t.field({
    type: AwardRef,
    errors: { ...writeErrors, directResult: true },
    description: 'Adds an Open Badges 3.0 credential to a candidate. It is verified on the way in; invalid, expired or not-yet-valid credentials are refused, and an award id held by another candidate is refused. An achievement not in the catalogue stays the candidate’s private evidence unless an admin adds it or its issuer’s proof verifies.',
    args: { candidateId: t.arg.id({ required: true, validate: z.string().max(500) }), document: t.arg({ type: 'JSON', required: true, validate: documentArg }) },
    resolve: async (_r, args, { services, principal, now }) => {
      const p = requireRole(principal, ['admin', 'learner'], 'awarding a credential');
      if (p.role === 'learner' && p.candidateId !== args.candidateId) throw new ForbiddenError('a learner key can add credentials only to its own candidate');
      return services.awardCredential(p, args.candidateId, args.document, now);
    },
  }),
  createApiKey: t.field({
    type: NewApiKey,
    errors: { ...writeErrors, directResult: true },
    args: {
      role: t.arg({ type: ApiRoleEnum, required: true }),
      organisationId: t.arg.string({ required: false }),
      candidateId: t.arg.string({ required: false }),
    },
    resolve: async (_r, args, { services, principal, now }) => {
      requireRole(principal, ['admin'], 'creating API keys');
      const { key, record } = await services.createApiKey({ role: args.role, organisationId: args.organisationId ?? null, candidateId: args.candidateId ?? null }, now);
      return { key, id: record.id, role: record.role, organisationId: record.organisationId, candidateId: record.candidateId };
    },
  }),
  revokeApiKey: t.field({
    type: 'Boolean',
    errors: { ...writeErrors, directResult: false },
    args: { id: t.arg.string({ required: true }) },
    resolve: async (_r, args, { services, principal }) => {
      requireRole(principal, ['admin'], 'revoking API keys');
      return services.keys.revoke(args.id);
    },
  }),
}));
