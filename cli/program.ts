import { createRequire } from 'node:module';
import { Command } from 'commander';
import { registrations } from './commands/index.ts';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/**
 * The `skillgraph` program. Commander never prints or exits by itself: usage errors are thrown as
 * CommanderError and turned into one stderr line by `fail` (exit code 2).
 */
export function buildProgram(): Command {
  const program = new Command('skillgraph')
    .description('Skills-matching analytics on a skills taxonomy graph (ESCO, O*NET).')
    .version(version)
    .exitOverride()
    .configureOutput({ writeErr: () => {}, outputError: () => {} })
    .showSuggestionAfterError();
  for (const register of registrations) register(program);
  return program;
}
