import { createLogger, type LogLevel, type YogaLogger } from 'graphql-yoga';

/**
 * Yoga's logger without messages of errors (DESIGN.md §5: no personal data in logs). An unexpected
 * error's message may quote a person — a name, an id, a sentence of a CV — so only its class, code,
 * GraphQL path and stack frames are logged; the client sees the masked "Unexpected error." anyway.
 */
export function redactError(error: Error): string {
  const original = (error as { originalError?: unknown }).originalError;
  const inner = original instanceof Error ? original : error;
  const code = (inner as { code?: unknown }).code;
  const path = (error as { path?: readonly (string | number)[] }).path;
  const frames = (inner.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at '));
  return [`${inner.name}${typeof code === 'string' ? ` [${code}]` : ''}${path ? ` at ${path.join('.')}` : ''} (message withheld: it may hold personal data)`, ...frames].join('\n');
}

function redact(args: unknown[]): unknown[] {
  return args.map((a) => (a instanceof Error ? redactError(a) : typeof a === 'string' ? a : '[value withheld]'));
}

export function redactingLogger(level: LogLevel | 'silent'): YogaLogger {
  const base = createLogger(level);
  return {
    debug: (...args: unknown[]) => base.debug(...redact(args)),
    info: (...args: unknown[]) => base.info(...redact(args)),
    warn: (...args: unknown[]) => base.warn(...redact(args)),
    error: (...args: unknown[]) => base.error(...redact(args)),
  };
}
