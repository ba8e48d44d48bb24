import { z } from 'zod';
import { importCandidates, type ImportCandidatesReport } from '../../app/candidates-import.ts';
import type { RecordError } from '../../engine/ingest/candidate-records.ts';
import { CANDIDATE_FORMATS } from '../../engine/ingest/candidates-document.ts';
import { builder } from '../builder.ts';
import { candidateImportErrors } from './errors.ts';

const CandidateFormatEnum = builder.enumType('CandidateFormat', {
  description: 'json-resume: JSON Resume (jsonresume.org), one or an array; csv: a candidates CSV; wallet: a Verifiable Presentation of Open Badges.',
  values: Object.fromEntries(CANDIDATE_FORMATS.map((f) => [f.replace('-', '_').toUpperCase(), { value: f }])) as Record<string, { value: (typeof CANDIDATE_FORMATS)[number] }>,
});

const ImportRecordError = builder.objectRef<RecordError>('ImportRecordError').implement({
  description: 'One record of a batch that was not imported (or, as a warning, imported with a tolerated quirk).',
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Position of the record in the file (0-based; -1 for the file as a whole).' }),
    id: t.exposeString('id', { nullable: true }),
    code: t.exposeString('code'),
    path: t.exposeString('path', { description: 'Where in the record (JSON path, or CSV line and column).' }),
    message: t.exposeString('message'),
  }),
});

const CandidateImportReport = builder.objectRef<ImportCandidatesReport>('CandidateImportReport').implement({
  description: 'What `importCandidates` did: good records land, bad ones are listed in `errors`.',
  fields: (t) => ({
    format: t.field({ type: CandidateFormatEnum, resolve: (r) => r.format }),
    created: t.exposeInt('created'),
    updated: t.exposeInt('updated'),
    candidateIds: t.exposeStringList('candidateIds'),
    awards: t.exposeInt('awards', { description: 'Awards added from a wallet export.' }),
    claimedSkills: t.exposeInt('claimedSkills', { description: 'Self-claimed skill names matched to taxonomy skills.' }),
    unmatchedSkillNames: t.exposeInt('unmatchedSkillNames'),
    textSkills: t.exposeInt('textSkills', { description: 'Skills linked from work and education text.' }),
    errors: t.field({ type: [ImportRecordError], resolve: (r) => [...r.errors] }),
    warnings: t.field({ type: [ImportRecordError], resolve: (r) => [...r.warnings] }),
  }),
});

builder.mutationFields((t) => ({
  importCandidates: t.field({
    type: CandidateImportReport,
    errors: { ...candidateImportErrors, directResult: true },
    description:
      'Imports candidates in bulk: JSON Resume, a candidates CSV (as text), or a wallet export (Verifiable Presentation) as awards for its holder. Idempotent by id; one bad record is reported in `errors` and the others land. Admin: any candidate; employer: candidates are shared with its organisation and one not shared with it is refused; learner: only a wallet export for their own candidate.',
    args: {
      document: t.arg({ type: 'JSON', required: true, description: 'The file: CSV or JSON text, or a parsed JSON value.', validate: z.unknown().refine((v) => v !== null && v !== undefined && v !== '', 'document is empty') }),
      format: t.arg({ type: CandidateFormatEnum, required: false }),
      candidateId: t.arg.id({ required: false, description: 'Wallet: the candidate the awards belong to (default: the presentation holder).' }),
      sharedWith: t.arg.stringList({ required: false, validate: z.array(z.string().min(1)).max(100) }),
      link: t.arg.boolean({ required: false, description: 'Link work and education text with the model (default true when the server has it).' }),
    },
    resolve: async (_r, args, { workspace, principal, now }) =>
      importCandidates(
        workspace,
        principal,
        { document: args.document, format: args.format ?? 'auto', candidateId: args.candidateId ?? null, sharedWith: args.sharedWith ?? [], link: args.link ?? true },
        now,
      ),
  }),
}));
