import { z } from 'zod';
import { createOb3Verifier } from '../../engine/adapters/ob3-verifier/index.ts';
import { verifierOptionsFromEnv } from '../../engine/adapters/verify-store/env.ts';
import type { VerificationCheck } from '../../engine/verify/checks.ts';
import { verifyInput, type DocumentReport, type VerifyReport } from '../../engine/verify/report.ts';
import { builder } from '../builder.ts';
import { requireRole } from '../services/access.ts';
import { readErrors } from './errors.ts';

/** One verifier for the server (offline; the store from SKILLGRAPH_VERIFY_STORE), created on first use. */
let verifier: ReturnType<typeof createOb3Verifier> | null = null;
const verifierOf = (): ReturnType<typeof createOb3Verifier> => (verifier ??= createOb3Verifier(verifierOptionsFromEnv()));

const CheckRef = builder.objectRef<VerificationCheck>('VerificationCheck').implement({
  description: 'One verification check: proof, dates, status or issuer.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'proof | dates | status | issuer' }),
    result: t.exposeString('result', { description: 'pass | fail | unknown (could not be checked offline) | none (nothing to check)' }),
    reason: t.exposeString('reason'),
  }),
});

const DocumentReportRef = builder.objectRef<DocumentReport>('VerifiedDocument').implement({
  description: 'One credential of the input (a presentation or a CLR carries several).',
  fields: (t) => ({
    where: t.exposeString('where', { description: "JSON path of the credential in the input ('' for the input itself)." }),
    status: t.exposeString('status', { description: 'verified | invalid | expired | not-yet-valid | revoked | unverifiable' }),
    reason: t.exposeString('reason'),
    method: t.string({ nullable: true, resolve: (d) => d.method ?? null }),
    issuer: t.string({ nullable: true, resolve: (d) => d.issuer ?? null }),
    storedStatus: t.exposeString('storedStatus', { description: 'The status an award of this credential would store (and fit would weight).' }),
    checks: t.field({ type: [CheckRef], resolve: (d) => [...d.checks] }),
  }),
});

const VerifyReportRef = builder.objectRef<VerifyReport>('VerifyReport').implement({
  description: 'Offline verification of a credential document: proof and dates first, then status, then the issuer binding.',
  fields: (t) => ({
    status: t.exposeString('status', { description: 'One word for the whole input: verified | invalid | expired | not-yet-valid | revoked | unverifiable (the most severe of its credentials).' }),
    checkedAt: t.exposeString('checkedAt'),
    documents: t.field({ type: [DocumentReportRef], resolve: (r) => [...r.documents] }),
  }),
});

builder.queryFields((t) => ({
  verifyCredential: t.field({
    type: VerifyReportRef,
    errors: { ...readErrors, directResult: true },
    description: 'Verifies a credential (OB 3.0 / CLR 2.0 / VC JSON-LD, a compact VC-JWT as a JSON string, or a presentation) offline, without storing anything.',
    args: { document: t.arg({ type: 'JSON', required: true, validate: z.unknown().refine((v) => v !== null && v !== undefined, 'document is empty') }) },
    resolve: async (_r, { document }, { principal, now }) => {
      requireRole(principal, ['admin', 'employer', 'learner', 'planner'], 'verifying a credential');
      return verifyInput(verifierOf(), document, now);
    },
  }),
}));
