import { Worker } from 'node:worker_threads';

/** One load stream: autocannon cycling through `requests` on `connections` connections. */
export interface LoadSpec {
  readonly name: string;
  /** Server base URL (`http://127.0.0.1:port`); requests go to `/graphql`. */
  readonly url: string;
  readonly connections: number;
  readonly durationS: number;
  /** Requests per second over all connections (a trickle); unlimited when absent. */
  readonly overallRate?: number;
  readonly requests: readonly {
    readonly body: string;
    readonly headers?: Record<string, string>;
    /** The response body must contain one of these, else it counts as a mismatch. */
    readonly expect?: readonly string[];
    readonly label?: string;
  }[];
}

export interface LoadResult {
  readonly name: string;
  readonly requestsPerSecond: number;
  readonly total: number;
  /** Latency percentiles, ms. */
  readonly p50: number;
  readonly p975: number;
  readonly p99: number;
  readonly max: number;
  /** Connection errors (timeouts included). */
  readonly errors: number;
  /** Requests without a response within autocannon's timeout (10 s). */
  readonly timeouts: number;
  readonly firstError: string | null;
  readonly non2xx: number;
  /** Responses whose body did not contain what `expect` asked for. */
  readonly mismatches: number;
  readonly firstMismatch: string | null;
}

/**
 * Runs the specs concurrently in a worker thread (its own event loop, so on a 2-core machine the
 * load generator takes one core and the server the other) and resolves with one result per spec.
 */
export function runLoad(specs: readonly LoadSpec[]): Promise<LoadResult[]> {
  return new Promise((ok, fail) => {
    // the worker loads TypeScript through tsx's API: `--import tsx` in a worker's execArgv races the entry on Node 20
    const entry = new URL('./load-worker.ts', import.meta.url).href;
    const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: specs, execArgv: [] });
    worker.once('message', (m: LoadResult[]) => ok(m));
    worker.once('error', fail);
    worker.once('exit', (code) => {
      if (code !== 0) fail(new Error(`load worker exited with code ${code}`));
    });
  });
}
