/** A mistake in how the CLI was called (bad option value, missing argument): exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code = 'USAGE';
}
