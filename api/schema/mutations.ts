import { z } from 'zod';
import { createApiKey, revokeApiKey } from '../../app/api-keys.ts';
import { awardCredential } from '../../app/award-credential.ts';
import { importCredentials } from '../../app/import-credentials.ts';
import { importPostings, type PostingImport } from '../../app/import-postings.ts';
import { upsertCandidate } from '../../app/upsert-candidate.ts';
import { ApiRoles } from '../../app/principal.ts';
import type { JobPosting } from '../../taxonomy/model/types.ts';
import { builder } from '../builder.ts';
import { documentLimitViolation } from '../input-limits.ts';
import { awardErrors, importErrors, keyErrors, revokeErrors } from './errors.ts';
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

/** A refused record of a batch, or a warning about a document: where (JSON path), what (code), why. */
const ImportNoteRef = builder.objectRef<{ readonly path: string; readonly code: string; readonly message: string }>('ImportNote').implement({
  description: 'A record of a batch that was refused (the others were imported), or a warning about the document.',
  fields: (t) => ({
    path: t.exposeString('path', { description: "JSON path of the record or field ('' for the whole document)." }),
    code: t.exposeString('code'),
    message: t.exposeString('message'),
  }),
});

/** The imported postings, carrying the import's refused records and warnings to the result type's fields. */
type ReportedPostings = JobPosting[] & Partial<Pick<PostingImport, 'refused' | 'warnings'>>;

const documentArg = z.unknown().superRefine((v, ctx) => {
  if (v === null || v === undefined) return void ctx.addIssue({ code: 'custom', message: 'document is empty' });
  const bad = documentLimitViolation(v);
  if (bad) ctx.addIssue({ code: 'custom', message: `${bad.message} (at ${bad.path})` });
});

builder.mutationFields((t) => ({
  importCredential: t.field({
    type: [CredentialRef],
    errors: importErrors,
    description: 'Imports credential definitions (Open Badges 2.0 BadgeClass, 3.0 Achievement/credential, CLR 2.0, CTDL).',
    args: { document: t.arg({ type: 'JSON', required: true, validate: documentArg }) },
    resolve: async (_r, { document }, { workspace, principal, now }) => (await importCredentials(workspace, principal, document, { now })).credentials,
  }),
  importJobPosting: t.field({
    type: [JobPostingRef],
    errors: {
      ...importErrors,
      result: {
        fields: (r) => ({
          refused: r.field({ type: [ImportNoteRef], description: 'Records of a batch that could not be read; the others were imported.', resolve: (data) => [...((data as ReportedPostings).refused ?? [])] }),
          warnings: r.field({ type: [ImportNoteRef], description: 'What was read with a caveat (missing optional fields, text not in English, …).', resolve: (data) => [...((data as ReportedPostings).warnings ?? [])] }),
        }),
      },
    },
    description: 'Imports schema.org JobPostings (JSON-LD: one, an array, a @graph or an ItemList) or a plain-text posting; its skills are linked from the text. In a batch a record that cannot be read is reported in `refused` and the others land.',
    args: { document: t.arg({ type: 'JSON', required: true, validate: documentArg }) },
    resolve: async (_r, { document }, { workspace, principal, now }) => {
      const done = await importPostings(workspace, principal, document, now);
      return Object.assign([...done.postings], { refused: done.refused, warnings: done.warnings }) satisfies ReportedPostings;
    },
  }),
  upsertCandidate: t.field({
    type: CandidateRef,
    errors: { ...importErrors, directResult: true },
    args: { input: t.arg({ type: CandidateInput, required: true }) },
    resolve: async (_r, { input }, { workspace, principal }) =>
      upsertCandidate(workspace, principal, {
        id: input.id,
        name: input.name,
        ...(input.location != null ? { location: input.location } : {}),
        ...(input.experience != null ? { experience: input.experience } : {}),
        ...(input.sharedWith != null ? { sharedWith: input.sharedWith } : {}),
        ...(input.claimedSkillIds != null ? { claimedSkillIds: input.claimedSkillIds } : {}),
      }),
  }),
  awardCredential: t.field({
    type: AwardRef,
    errors: { ...awardErrors, directResult: true },
    description: 'Adds an Open Badges 3.0 credential to a candidate. It is verified on the way in; invalid, expired or not-yet-valid credentials are refused, and an award id held by another candidate is refused. An achievement not in the catalogue stays the candidate’s private evidence unless an admin adds it or its issuer’s proof verifies.',
    args: { candidateId: t.arg.id({ required: true, validate: z.string().max(500) }), document: t.arg({ type: 'JSON', required: true, validate: documentArg }) },
    resolve: async (_r, args, { workspace, principal, now }) => awardCredential(workspace, principal, { candidateId: args.candidateId, document: args.document }, now),
  }),
  createApiKey: t.field({
    type: NewApiKey,
    errors: { ...keyErrors, directResult: true },
    args: {
      role: t.arg({ type: ApiRoleEnum, required: true }),
      organisationId: t.arg.string({ required: false }),
      candidateId: t.arg.string({ required: false }),
    },
    resolve: async (_r, args, { workspace, principal, now }) => {
      const { key, record } = await createApiKey(workspace, principal, { role: args.role, organisationId: args.organisationId ?? null, candidateId: args.candidateId ?? null }, now);
      return { key, id: record.id, role: record.role, organisationId: record.organisationId, candidateId: record.candidateId };
    },
  }),
  revokeApiKey: t.field({
    type: 'Boolean',
    errors: { ...revokeErrors, directResult: false },
    args: { id: t.arg.string({ required: true }) },
    resolve: async (_r, args, { workspace, principal }) => revokeApiKey(workspace, principal, args.id),
  }),
}));
