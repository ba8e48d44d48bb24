/** Errors the data layer raises; views show `message` and offer the key input on UNAUTHENTICATED. */
export const ApiErrorCode = {
  Network: 'NETWORK',
  Http: 'HTTP',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  RateLimited: 'RATE_LIMITED',
  GraphQL: 'GRAPHQL',
  EmptyData: 'EMPTY_DATA',
} as const;
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}
