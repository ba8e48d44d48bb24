/**
 * Expected failures of the API. Each is a GraphQL object type implementing `Error` and a member of
 * the result union of every field that lists it (Pothos errors plugin). Anything else thrown by a
 * resolver is unexpected and masked by Yoga (`maskedErrors`).
 */
export const ApiErrorCode = {
  NotFound: 'NOT_FOUND',
  InvalidInput: 'INVALID_INPUT',
  Forbidden: 'FORBIDDEN',
  VerificationFailed: 'VERIFICATION_FAILED',
} as const;
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

export abstract class ApiError extends Error {
  abstract readonly code: ApiErrorCode;
}

export class NotFoundError extends ApiError {
  override readonly name = 'NotFoundError';
  readonly code = ApiErrorCode.NotFound;
  constructor(
    readonly entity: string,
    readonly entityId: string,
  ) {
    super(`${entity} not found: ${entityId}`);
  }
}

export class InvalidInputError extends ApiError {
  override readonly name = 'InvalidInputError';
  readonly code = ApiErrorCode.InvalidInput;
  constructor(
    message: string,
    /** Where in the input: a JSON path or argument name. */
    readonly path: string,
  ) {
    super(message);
  }
}

export class ForbiddenError extends ApiError {
  override readonly name = 'ForbiddenError';
  readonly code = ApiErrorCode.Forbidden;
}

export class VerificationFailedError extends ApiError {
  override readonly name = 'VerificationFailedError';
  readonly code = ApiErrorCode.VerificationFailed;
  constructor(
    readonly status: string,
    readonly reason: string,
  ) {
    super(`credential verification failed (${status}): ${reason}`);
  }
}
