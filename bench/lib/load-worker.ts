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

/** Below 1 request/s (autocannon's floor): one request every 1/rate s with fetch, latencies kept exactly. */
async function runSlow(spec: LoadSpec): Promise<LoadResult> {
  const gapMs = 1000 / spec.overallRate!;
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let mismatches = 0;
  let firstMismatch: string | null = null;
  let firstError: string | null = null;
  const started = performance.now();
  for (let i = 0; performance.now() - started < spec.durationS * 1000; i++) {
    const r = spec.requests[i % spec.requests.length]!;
    const t = performance.now();
    try {
      const res = await fetch(`${spec.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...r.headers }, body: r.body, signal: AbortSignal.timeout(10_000) });
      const text = await res.text();
      latencies.push(performance.now() - t);
      if (res.status < 200 || res.status > 299) non2xx++;
      if (r.expect && !r.expect.some((x) => text.includes(x))) {
        mismatches++;
        firstMismatch ??= `${r.label ?? spec.name}: ${text.slice(0, 300)}`;
      }
    } catch (e) {
      errors++;
      firstError ??= String(e);
    }
    const wait = started + (i + 1) * gapMs - performance.now();
    if (wait > 0) await new Promise((ok) => setTimeout(ok, Math.min(wait, started + spec.durationS * 1000 - performance.now())));
  }
  const sorted = latencies.sort((a, b) => a - b);
  const q = (p: number): number => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
  return { name: spec.name, requestsPerSecond: latencies.length / ((performance.now() - started) / 1000), total: latencies.length, p50: q(50), p975: q(97.5), p99: q(99), max: q(100), errors, timeouts: 0, non2xx, mismatches, firstMismatch, firstError };
}

const specs = workerData as LoadSpec[];
const results = await Promise.all(specs.map((s) => (s.overallRate !== undefined && s.overallRate < 1 ? runSlow(s) : run(s))));
parentPort!.postMessage(results);
