import { CommanderError } from 'commander';
import { AppError, AppErrorCode } from '../../app/errors.ts';
import { UsageError } from './usage-error.ts';

interface Described {
  readonly code: string;
  readonly message: string;
  readonly exitCode: number;
}

function describeError(err: unknown): Described | null {
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return null;
    const message = err.code === 'commander.help' || err.code === 'commander.executeSubCommandAsync'
      ? 'missing or unknown subcommand (see --help)'
      : err.message.replace(/^error: /, '');
    return { code: 'USAGE', message, exitCode: 2 };
  }
  if (err instanceof UsageError) return { code: err.code, message: err.message, exitCode: 2 };
  // the use-cases' expected failures are about what the caller gave (an id, a document): exit 2 like usage
  if (err instanceof AppError && err.code !== AppErrorCode.VerificationFailed) return { code: err.code, message: err.message, exitCode: 2 };
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { code: typeof code === 'string' && code ? code : 'INTERNAL', message: err.message, exitCode: 1 };
  }
  return { code: 'INTERNAL', message: String(err), exitCode: 1 };
}

/**
 * Reports a failure as ONE stderr line `skillgraph: <code>: <message>` and sets the exit code
 * (2 for usage errors, 1 otherwise). Help and version "errors" exit 0 silently.
 */
export function fail(err: unknown): void {
  const d = describeError(err);
  if (!d) {
    process.exitCode = 0;
    return;
  }
  const oneLine = d.message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  process.stderr.write(`skillgraph: ${d.code}: ${oneLine}\n`);
  process.exitCode = d.exitCode;
}
