/**
 * Runs autocannon load in a worker thread, so the load generator does not share the server's event
 * loop (bench/api-load.ts, scripts/load-soak.ts). Receives `LoadSpec[]`, runs them all at once, posts
 * back `LoadResult[]`. Started by `runLoad` (load-client.ts); not meant to be run directly.
 */
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadResult, LoadSpec } from './load-client.ts';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p97_5: number; p99: number; max: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  duration: number;
  '2xx': number;
}
type Autocannon = ((opts: Record<string, unknown>) => Promise<unknown> & { on(event: 'reqError', fn: (e: Error) => void): void }) & { aggregateResult(results: unknown[], opts: Record<string, unknown>): AutocannonResult };
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

async function run(spec: LoadSpec): Promise<LoadResult> {
  let firstMismatch: string | null = null;
  const started = performance.now();
  const opts = {
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationS,
    ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
    requests: spec.requests.map((r) => ({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', ...r.headers },
      body: r.body,
      ...(r.expect
        ? {
            verifyBody: (body: string) => {
              const ok = r.expect!.some((s) => body.includes(s));
              if (!ok && firstMismatch === null) firstMismatch = `${r.label ?? spec.name}: ${body.slice(0, 300)}`;
              return ok;
            },
          }
        : {}),
    })),
  };
  // off the main thread autocannon returns raw histograms: aggregate them here
  const instance = autocannon(opts);
  let firstError: string | null = null;
  instance.on('reqError', (e) => {
    firstError ??= `${e.name}: ${e.message}`;
  });
  const result = autocannon.aggregateResult([await instance], opts);
  return {
    name: spec.name,
    requestsPerSecond: result.requests.total / ((performance.now() - started) / 1000),
    total: result.requests.total,
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    firstError,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
    firstMismatch,
  };
}

const specs = workerData as LoadSpec[];
const results = await Promise.all(specs.map(run));
parentPort!.postMessage(results);
