import { InputValidationError, type StandardSchemaV1 } from '@pothos/plugin-validation';
import { builder } from '../builder.ts';
import { AppError, ForbiddenError, InvalidInputError, NotFoundError, VerificationFailedError } from '../../app/errors.ts';

/** Every expected failure implements `Error { message code }`. */
export const ErrorInterface = builder.interfaceRef<Error & { code?: string }>('Error').implement({
  description: 'An expected failure: not found, invalid input, forbidden, verification failed.',
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.string({ resolve: (e) => e.code ?? 'INVALID_INPUT' }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof NotFoundError,
  fields: (t) => ({ entity: t.exposeString('entity'), entityId: t.exposeString('entityId') }),
});

builder.objectType(InvalidInputError, {
  name: 'InvalidInputError',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof InvalidInputError,
  fields: (t) => ({ path: t.exposeString('path', { description: 'Where in the input (argument or JSON path).' }) }),
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof ForbiddenError,
});

builder.objectType(VerificationFailedError, {
  name: 'VerificationFailedError',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof VerificationFailedError,
  fields: (t) => ({ status: t.exposeString('status'), reason: t.exposeString('reason') }),
});

const InputValidationIssue = builder.objectRef<StandardSchemaV1.Issue>('InputValidationIssue').implement({
  fields: (t) => ({
    message: t.exposeString('message'),
    path: t.stringList({ resolve: (issue) => issue.path?.map((p) => String(typeof p === 'object' ? p.key : p)) ?? [] }),
  }),
});

builder.objectType(InputValidationError, {
  name: 'InputValidationError',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof InputValidationError,
  fields: (t) => ({ issues: t.field({ type: [InputValidationIssue], resolve: (e) => [...e.issues] }) }),
});

/** The errors of a read that names an entity. */
export const readErrors = { types: [NotFoundError, ForbiddenError, InvalidInputError, InputValidationError] };
/** The errors of an import: refused (role), a bad document, or an argument the schema validates. */
export const importErrors = { types: [ForbiddenError, InvalidInputError, InputValidationError] };
/** The errors of verifying a document: no key, an empty document, or an argument the schema validates. */
export const verifyErrors = { types: [ForbiddenError, InvalidInputError, InputValidationError] };
/** The errors of awarding a credential: an import's, plus an unknown candidate and a failed verification. */
export const awardErrors = { types: [ForbiddenError, NotFoundError, InvalidInputError, InputValidationError, VerificationFailedError] };
/** The errors of creating a key: refused, or a scope that names nothing. */
export const keyErrors = { types: [ForbiddenError, InvalidInputError] };
/** The errors of normalising a job title: no key, an empty title or no model on the server, or an argument the schema validates. */
export const titleErrors = { types: [ForbiddenError, InvalidInputError, InputValidationError] };
/** The errors of a bulk candidate import (bad records are reported in the result): refused, an unreadable document, or a bad argument. */
export const candidateImportErrors = { types: [ForbiddenError, InvalidInputError, InputValidationError] };
/** The errors of revoking a key: refused. */
export const revokeErrors = { types: [ForbiddenError] };

export { AppError };
