import { describe, expect, it } from 'vitest';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { fixedClock } from './clock.ts';
import { localOperator } from './principal.ts';
import { rankCandidates } from './rank-candidates.ts';
import { start } from './start.ts';
import { upsertCandidate } from './upsert-candidate.ts';

const NOW = '2026-11-02T12:00:00Z';

describe('warm-up before ready (a replica behind a /healthz check)', () => {
  it('builds every profile and the ranking index, so the first rank does no building', async () => {
    const sample = await loadSample();
    const store = await createSqliteStore(':memory:');
    await store.importTaxonomy(sample.taxonomy);
    await store.putRecords(sample.records);
    const ready = await start({ store, model: false, clock: fixedClock(NOW) });
    const now = new Date(NOW);
    const ws = ready.workspace;
    expect(ws.rankingReady(now)).toBe(false);
    const warm = ready.warmUp();
    expect(warm.candidates).toBe(sample.records.candidates!.length);
    expect(warm.seconds).toBeGreaterThanOrEqual(0);
    expect(ws.rankingReady(now)).toBe(true);
    const index = ws.rankingIndex(now);
    const role = sample.records.roles![0]!;
    expect(rankCandidates(ws, localOperator, { roleId: role.id, first: 5 }, now).items).toHaveLength(5);
    expect(ws.rankingIndex(now)).toBe(index); // the rank used the warm index, nothing rebuilt
    // a change makes the next rank update the index (not ready), and the next day rebuilds every profile
    const c = sample.records.candidates![0]!;
    await upsertCandidate(ws, localOperator, { id: c.id, name: `${c.name} (renamed)` });
    expect(ws.rankingReady(now)).toBe(false);
    ws.rankingIndex(now);
    expect(ws.rankingReady(now)).toBe(true);
    expect(ws.rankingReady(new Date('2026-11-03T00:00:01Z'))).toBe(false);
    await ready.dispose();
    await store.close();
  });
});
