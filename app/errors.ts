/**
 * Expected failures of the use-cases, the same for every adapter: the API maps each to a GraphQL
 * object type implementing `Error` (a member of the result union of every field that can raise it;
 * anything else is masked), the CLI prints `skillgraph: <code>: <message>`.
 */
export const AppErrorCode = {
  NotFound: 'NOT_FOUND',
  InvalidInput: 'INVALID_INPUT',
  Forbidden: 'FORBIDDEN',
  VerificationFailed: 'VERIFICATION_FAILED',
} as const;
export type AppErrorCode = (typeof AppErrorCode)[keyof typeof AppErrorCode];

export abstract class AppError extends Error {
  abstract readonly code: AppErrorCode;
}

export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
  readonly code = AppErrorCode.NotFound;
  constructor(
    readonly entity: string,
    readonly entityId: string,
    /** What ids would have been accepted, for the message. */
    hint?: string,
  ) {
    super(`${entity} not found: ${entityId}${hint ? ` (${hint})` : ''}`);
  }
}

export class InvalidInputError extends AppError {
  override readonly name = 'InvalidInputError';
  readonly code = AppErrorCode.InvalidInput;
  constructor(
    message: string,
    /** Where in the input: a JSON path or argument name. */
    readonly path: string,
  ) {
    super(message);
  }
}

export class ForbiddenError extends AppError {
  override readonly name = 'ForbiddenError';
  readonly code = AppErrorCode.Forbidden;
}

export class VerificationFailedError extends AppError {
  override readonly name = 'VerificationFailedError';
  readonly code = AppErrorCode.VerificationFailed;
  constructor(
    readonly status: string,
    readonly reason: string,
  ) {
    super(`credential verification failed (${status}): ${reason}`);
  }
}
