import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../cli/skillgraph.mjs', import.meta.url));

export interface ServeProcessOptions {
  /** SQLite file (`--db`); omit for Neo4j (then pass SKILLGRAPH_STORE=neo4j and NEO4J_URI in `env`). */
  readonly db?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** `--follow-ms` (change-feed poll interval). */
  readonly followMs?: number;
  readonly port?: number;
  readonly timeoutMs?: number;
}

export interface ServeProcess {
  readonly url: string;
  readonly pid: number;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL (a crash) and wait for the exit. */
  kill(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts a real `skillgraph serve` (API only, no model, no dashboard) as a child process and resolves
 * with its URL once it listens. `stop` is a SIGTERM (the CLI forwards it to the server); `kill` SIGKILLs
 * the whole process group, the server too (a crash). Used by the replica acceptance test and bench/replicas.ts.
 */
export async function startServeProcess(opts: ServeProcessOptions = {}): Promise<ServeProcess> {
  const args = [CLI, 'serve', '--port', String(opts.port ?? 0), '--no-model', '--no-dashboard', '--follow-ms', String(opts.followMs ?? 50)];
  if (opts.db) args.push('--db', opts.db);
  // its own process group: `kill` crashes the CLI and the API server it launched (api/main.ts) together
  const child = spawn(process.execPath, args, { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const crash = (): void => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      crash();
      reject(new Error(`skillgraph serve did not listen within ${opts.timeoutMs ?? 120_000} ms:\n${out}`));
    }, opts.timeoutMs ?? 120_000);
    const check = (): void => {
      const m = /GraphQL API\s+(http:\/\/\S+)\/graphql/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`skillgraph serve exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    output: () => out,
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
    async kill() {
      crash();
      await exited(child);
    },
  };
}

/** POSTs one GraphQL operation; returns `data` (throws on transport or GraphQL errors). */
export async function gql<T = Record<string, unknown>>(url: string, key: string | null, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = JSON.stringify({ query, variables });
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body,
  });
  const json = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (!res.ok || json.errors?.length) throw new Error(`GraphQL ${res.status}: ${JSON.stringify(json.errors ?? json)}`);
  return json.data as T;
}
