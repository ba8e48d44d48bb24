import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServeProcess } from '../bench/lib/serve-process.ts';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';

/** A replica behind a load balancer's `/healthz` check gets traffic once it listens: it must be ready to rank by then (app/warm-up.test.ts tests the warm-up itself). */
const tmp = mkdtempSync(join(tmpdir(), 'skillgraph-warm-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('skillgraph serve warms up before it listens', () => {
  it('a real `skillgraph serve` says the ranking is ready before it listens, and /healthz answers then', async () => {
    const sample = await loadSample();
    const file = join(tmp, 'warm.db');
    const store = await createSqliteStore(file);
    await store.importTaxonomy(sample.taxonomy);
    await store.putRecords(sample.records);
    await store.close();
    const serve = await startServeProcess({ db: file, timeoutMs: 60_000 });
    try {
      const out = serve.output();
      const warm = out.indexOf(`ranking ready: ${sample.records.candidates!.length} candidate profiles and the ranking index built in`);
      expect(warm, out).toBeGreaterThanOrEqual(0);
      expect(warm).toBeLessThan(out.indexOf('GraphQL API'));
      const health = await fetch(`${serve.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
      expect(health.status).toBe(200);
    } finally {
      await serve.stop();
    }
  }, 90_000);
});
