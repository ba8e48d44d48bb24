import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { UsageError } from '../lib/usage-error.ts';

/**
 * The API server is its own program (api/main.ts): the CLI launches it as a child process with the
 * same Node and the tsx loader, forwards Ctrl-C / SIGTERM and exits with its code. The CLI imports
 * nothing of api/ (the lint rule says so); this path is the one place they meet.
 */
const SERVER = fileURLToPath(new URL('../../api/main.ts', import.meta.url));
/** The TypeScript loader, resolved from here (not from the user's working directory). */
const TSX = import.meta.resolve('tsx');

interface ServeOptions {
  readonly db?: string;
  readonly port?: string;
  readonly host?: string;
  readonly model?: boolean;
  readonly dtype?: string;
  readonly followMs?: string;
  readonly dashboard?: boolean;
}

function serverArgs(opts: ServeOptions, prepare: boolean): string[] {
  const dtype = opts.dtype ?? 'q8';
  if (dtype !== 'q8' && dtype !== 'fp32') throw new UsageError(`invalid --dtype: ${dtype} (expected q8 or fp32)`);
  if (opts.port !== undefined && !/^\d+$/.test(opts.port)) throw new UsageError(`invalid --port: ${opts.port} (expected 0–65535)`);
  // (the server reads $SKILLGRAPH_FOLLOW_MS itself when --follow-ms is not given)
  if (opts.followMs !== undefined && !(/^\d+$/.test(opts.followMs) && Number(opts.followMs) >= 1 && Number(opts.followMs) <= 60_000)) {
    throw new UsageError(`invalid --follow-ms: ${opts.followMs} (expected 1–60000)`);
  }
  return [
    ...(opts.db ? ['--db', opts.db] : []),
    ...(opts.port !== undefined ? ['--port', opts.port] : []),
    '--host', opts.host ?? '127.0.0.1',
    '--dtype', dtype,
    ...(opts.model === false ? ['--no-model'] : []),
    ...(opts.dashboard === false ? ['--no-dashboard'] : []),
    ...(opts.followMs !== undefined ? ['--follow-ms', opts.followMs] : []),
    ...(prepare ? ['--prepare'] : []),
  ];
}

async function run(opts: ServeOptions, prepare: boolean): Promise<void> {
  // the IPC channel lets the server notice this process's death (a SIGKILL forwards nothing) and stop
  const child = spawn(process.execPath, ['--import', TSX, SERVER, ...serverArgs(opts, prepare)], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  const forward = (signal: NodeJS.Signals) => (): void => void child.kill(signal);
  process.once('SIGINT', forward('SIGINT'));
  process.once('SIGTERM', forward('SIGTERM'));
  const code = await new Promise<number>((done, fail) => {
    child.once('error', fail);
    child.once('exit', (c, signal) => done(c ?? (signal ? 0 : 1)));
  });
  process.exitCode = code;
}

/** `skillgraph serve` (any store) and `skillgraph start` (the main job: prepares the store first). */
export function register(program: Command): void {
  const common = (c: Command): Command =>
    c
      .option('--db <file>', 'database file (default: $SKILLGRAPH_DB or the user data folder)')
      .option('--port <n>', 'port (default: $PORT or 4000)')
      .option('--host <addr>', 'address to listen on', '127.0.0.1')
      .option('--no-model', 'do not load the embedding model (label lookup only)')
      .option('--dtype <q8|fp32>', 'model variant', 'q8')
      .option('--no-dashboard', 'serve the API only (no dashboard build or files)')
      .option('--follow-ms <n>', 'poll the change feed every n ms when idle (default: $SKILLGRAPH_FOLLOW_MS or 100)');
  common(program.command('serve').description('serve the GraphQL API and the dashboard')).action((opts: ServeOptions) => run(opts, false));
  common(program.command('start').description('prepare the store (sample data when empty, linking, indexes) and serve: what `npm start` runs')).action((opts: ServeOptions) =>
    run(opts, true),
  );
}
