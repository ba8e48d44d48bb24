import type { Command } from 'commander';
import { createApiKey, listApiKeys, revokeApiKey } from '../../app/api-keys.ts';
import { systemClock } from '../../app/clock.ts';
import { ApiRoles, localOperator, type ApiRole } from '../../app/principal.ts';
import { printJson } from '../lib/print-json.ts';
import { UsageError } from '../lib/usage-error.ts';
import { withWorkspace } from '../lib/with-workspace.ts';

interface KeyOptions {
  readonly role: string;
  readonly org?: string;
  readonly candidate?: string;
  readonly db?: string;
  readonly json?: boolean;
}

/** `skillgraph keys create|list|revoke`: API keys with roles; only their hashes are stored (app/api-keys.ts). */
export function register(program: Command): void {
  const keys = program.command('keys').description('manage API keys (admin, employer, learner, planner)');
  keys
    .command('create')
    .description('create an API key and print it (shown once)')
    .requiredOption('--role <role>', `one of ${ApiRoles.join(', ')}`)
    .option('--org <id>', 'organisation of an employer key')
    .option('--candidate <id>', 'candidate of a learner key')
    .option('--db <file>', 'database file')
    .option('--json', 'print JSON')
    .action(async (opts: KeyOptions) => {
      if (!(ApiRoles as readonly string[]).includes(opts.role)) throw new UsageError(`invalid --role: ${opts.role} (expected one of ${ApiRoles.join(', ')})`);
      const role = opts.role as ApiRole;
      if (role === 'employer' && !opts.org) throw new UsageError('an employer key needs --org <id>');
      if (role === 'learner' && !opts.candidate) throw new UsageError('a learner key needs --candidate <id>');
      const created = await withWorkspace(opts, (ws) => createApiKey(ws, localOperator, { role, organisationId: opts.org ?? null, candidateId: opts.candidate ?? null }, systemClock()));
      if (opts.json) printJson({ key: created.key, id: created.record.id, role: created.record.role, organisationId: created.record.organisationId, candidateId: created.record.candidateId });
      else process.stdout.write(`${created.key}\n`);
    });
  keys
    .command('list')
    .description('list API keys (ids, roles and scopes; never the keys)')
    .option('--db <file>', 'database file')
    .option('--json', 'print JSON')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const list = await withWorkspace(opts, async (ws) => listApiKeys(ws, localOperator));
      if (opts.json) printJson(list);
      else for (const k of list) process.stdout.write(`${k.id}\t${k.role}\t${k.organisationId ?? k.candidateId ?? ''}\t${k.revoked ? 'revoked' : 'active'}\n`);
    });
  keys
    .command('revoke <id>')
    .description('revoke an API key by id')
    .option('--db <file>', 'database file')
    .action(async (id: string, opts: { db?: string }) => {
      const done = await withWorkspace(opts, (ws) => revokeApiKey(ws, localOperator, id));
      if (!done) throw new UsageError(`no active key with id ${id}`);
      process.stdout.write(`revoked ${id}\n`);
    });
}
