import { z } from 'zod';
import { verifyCredential } from '../../app/verify-credential.ts';
import type { VerificationCheck } from '../../engine/verify/checks.ts';
import type { DocumentReport, VerifyReport } from '../../engine/verify/report.ts';
import { builder } from '../builder.ts';
import { VerificationCheckNameEnum, VerificationCheckResultEnum, VerificationOutcomeEnum, VerificationStatusEnum } from './enums.ts';
import { verifyErrors } from './errors.ts';

const CheckRef = builder.objectRef<VerificationCheck>('VerificationCheck').implement({
  description: 'One verification check: proof, dates, status or issuer.',
  fields: (t) => ({
    name: t.field({ type: VerificationCheckNameEnum, resolve: (c) => c.name }),
    result: t.field({ type: VerificationCheckResultEnum, resolve: (c) => c.result }),
    reason: t.exposeString('reason'),
  }),
});

const DocumentReportRef = builder.objectRef<DocumentReport>('VerifiedDocument').implement({
  description: 'One credential of the input (a presentation or a CLR carries several).',
  fields: (t) => ({
    where: t.exposeString('where', { description: "JSON path of the credential in the input ('' for the input itself)." }),
    status: t.field({ type: VerificationOutcomeEnum, resolve: (d) => d.status }),
    reason: t.exposeString('reason'),
    method: t.string({ nullable: true, resolve: (d) => d.method ?? null }),
    issuer: t.string({ nullable: true, resolve: (d) => d.issuer ?? null }),
    storedStatus: t.field({ type: VerificationStatusEnum, description: 'The status an award of this credential would store (and fit would weight).', resolve: (d) => d.storedStatus }),
    checks: t.field({ type: [CheckRef], resolve: (d) => [...d.checks] }),
  }),
});

const VerifyReportRef = builder.objectRef<VerifyReport>('VerifyReport').implement({
  description: 'Offline verification of a credential document: proof and dates first, then status, then the issuer binding.',
  fields: (t) => ({
    status: t.field({ type: VerificationOutcomeEnum, description: 'One word for the whole input: the most severe outcome of its credentials.', resolve: (r) => r.status }),
    checkedAt: t.exposeString('checkedAt'),
    documents: t.field({ type: [DocumentReportRef], resolve: (r) => [...r.documents] }),
  }),
});

builder.queryFields((t) => ({
  verifyCredential: t.field({
    type: VerifyReportRef,
    errors: { ...verifyErrors, directResult: true },
    description: 'Verifies a credential (OB 3.0 / CLR 2.0 / VC JSON-LD, a compact VC-JWT as a JSON string, or a presentation) offline, without storing anything.',
    args: { document: t.arg({ type: 'JSON', required: true, validate: z.unknown().refine((v) => v !== null && v !== undefined, 'document is empty') }) },
    resolve: async (_r, { document }, { workspace, principal, now }) => verifyCredential(workspace, principal, document, now),
  }),
}));
